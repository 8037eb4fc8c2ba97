#include "app/table_rows.hpp"

namespace metodist::app {

bool check_header(std::span<const ImportColumn> columns, const domain::HeaderMap& map, const io::Table& table,
                  ImportReport& report, std::string_view required_key) {
  report.ignored_columns = map.unknown;
  auto header_issue = [&](std::string column, std::string message) {
    ++report.issue_count;
    report.issues.push_back({table.rows.empty() ? 1 : table.rows[0].number, std::move(column), std::move(message)});
  };
  if (table.rows.empty()) {
    header_issue("", "Файл пуст: нет строки заголовков");
    return false;
  }
  for (const auto& d : map.duplicated) header_issue(d, "Столбец повторяется: оставьте один");
  if (!map.of(columns, required_key)) {
    std::string key = "Код";
    for (const auto& c : columns)
      if (c.key == required_key) key = std::string(c.title);
    header_issue(
        key, "Нет столбца «" + key + "»: по нему сопоставляются строки. Заголовки: " + [&] {
          std::string all;
          for (const auto& c : columns) all += (all.empty() ? "«" : ", «") + std::string(c.title) + "»";
          return all;
        }());
  }
  return report.issue_count == 0;
}

void notify(const ImportProgress& progress, std::string_view phase, std::size_t done, std::size_t total) {
  if (progress && (done % kProgressEvery == 0 || done == total)) progress(phase, done, total);
}

std::vector<std::string_view> codes_in(const io::Table& table, std::optional<std::size_t> column) {
  std::vector<std::string_view> out;
  if (!column) return out;
  out.reserve(table.rows.size());
  for (std::size_t i = 1; i < table.rows.size(); ++i) {
    const auto& cells = table.rows[i].cells;
    if (*column < cells.size())
      if (const auto code = domain::trim_view(cells[*column]); !code.empty()) out.push_back(code);
  }
  return out;
}

}  // namespace metodist::app
