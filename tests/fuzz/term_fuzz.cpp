// libFuzzer target: the term parser alone, on any wording (a roadmap cell can
// hold anything). Every answer is a kind; a range never ends before it starts,
// its parts are ordered, lie inside it and do not overlap; a kind that needs a
// range has one; the kind survives its stored code. Run by scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/term.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace metodist::domain;
  if (size < 1) return 0;
  // The first byte picks the roadmap's current year, so years around the period are tried.
  const int year = 2015 + data[0] % 16;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const DateRange period{*Date::parse_iso("2021-01-01"), *Date::parse_iso("2024-12-31")};
  const auto t = parse_term(text, year, period);
  if (term_kind_from_code(term_kind_code(t.kind)) != t.kind) __builtin_trap();
  if ((t.kind == TermKind::dates || t.kind == TermKind::whole_period || t.kind == TermKind::recurring) && !t.range)
    __builtin_trap();
  if (t.range && t.range->to < t.range->from) __builtin_trap();
  for (std::size_t i = 0; i < t.parts.size(); ++i) {
    const auto& p = t.parts[i];
    if (p.to < p.from) __builtin_trap();
    if (t.range && (p.from < t.range->from || t.range->to < p.to)) __builtin_trap();
    if (i > 0 && !(t.parts[i - 1].to < p.from)) __builtin_trap();
  }
  return 0;
}
