// libFuzzer target: any bytes uploaded as a roadmap (XLSX, CSV or a «|» text
// table) are read into items and every item's term is normalised — a table,
// items and terms, or a domain::Error, never a crash, a hang or an item whose
// range ends before it starts. Run by scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "domain/roadmap.hpp"
#include "domain/term.hpp"
#include "io/table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace metodist;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const domain::DateRange period{*domain::Date::parse_iso("2021-01-01"), *domain::Date::parse_iso("2022-12-31")};
  try {
    const auto table = io::read_table(std::string(bytes));
    std::vector<domain::SourceRow> rows;
    for (const auto& r : table.rows) {
      domain::SourceRow s{r.number, {}};
      for (auto cell : r.cells) s.cells.emplace_back(cell);
      rows.push_back(std::move(s));
    }
    for (const auto& item : domain::read_roadmap_table(rows).items) {
      const auto t = domain::parse_term(item.term, domain::section_year(item.section).value_or(2021), period);
      if (t.range && t.range->to < t.range->from) __builtin_trap();
      for (const auto& p : t.parts)
        if (p.to < p.from) __builtin_trap();
      (void)domain::number_depth(item.number);
      (void)domain::split_executors(item.executors);
    }
  } catch (const domain::Error&) {
  }
  // The term parser alone, on the raw bytes as one wording.
  (void)domain::parse_term(bytes, 2021, period);
  return 0;
}
