// libFuzzer target: the term parser alone, on any wording (a roadmap cell can
// hold anything). Every answer is a kind; a range never ends before it starts,
// its parts are ordered, lie inside it and do not overlap; a kind that needs a
// range has one (a deadline a single day); a series has cycles in due-date
// order; the kind survives its stored code. Run by scripts/fuzz.sh.
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
  const bool dated = t.kind == TermKind::dates || t.kind == TermKind::whole_period || t.kind == TermKind::recurring ||
                     t.kind == TermKind::deadline;
  if (dated && !t.range) __builtin_trap();
  if ((t.kind == TermKind::unknown || t.kind == TermKind::as_needed) && t.range) __builtin_trap();
  if (t.kind == TermKind::deadline && !(t.range->from == t.range->to)) __builtin_trap();
  if (t.range && t.range->to < t.range->from) __builtin_trap();
  if (t.kind == TermKind::recurring && t.parts.empty()) __builtin_trap();
  for (std::size_t i = 0; i < t.parts.size(); ++i) {
    const auto& p = t.parts[i];
    if (p.to < p.from) __builtin_trap();
    if (t.range && (p.from < t.range->from || t.range->to < p.to)) __builtin_trap();
    // Pieces of dates never overlap; the cycles of a series are in due-date order.
    if (i > 0 && t.kind != TermKind::recurring && !(t.parts[i - 1].to < p.from)) __builtin_trap();
    if (i > 0 && t.kind == TermKind::recurring && p.to < t.parts[i - 1].to) __builtin_trap();
  }
  // The due dates of a series are answered in order, whatever the reports.
  const Date reports[] = {period.from, period.to};
  const auto dues = dues_of(t, reports, period.to);
  if (t.kind == TermKind::recurring && dues.size() != t.parts.size()) __builtin_trap();
  return 0;
}
