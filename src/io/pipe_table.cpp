#include "io/pipe_table.hpp"

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "io/csv_reader.hpp"

namespace metodist::io {
namespace {

template <class F>
void each_line(std::string_view text, F&& f) {
  std::size_t number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    auto line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    f(++number, line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
}

bool is_rule(std::string_view line) {
  return line.starts_with('|') && line.find_first_not_of("|-: ") == std::string_view::npos &&
         line.find('-') != std::string_view::npos;
}

}  // namespace

bool looks_like_pipe_table(std::string_view text) {
  std::size_t rows = 0;
  bool rule = false;
  each_line(text, [&](std::size_t, std::string_view line) {
    line = domain::trim_view(line);
    if (!line.starts_with('|')) return;
    ++rows;
    rule = rule || is_rule(line);
  });
  return rows >= 2 && rule;
}

Table read_pipe_table(std::string bytes) {
  Table table;
  table.format = "text";
  std::string_view view(bytes);
  if (view.starts_with("\xEF\xBB\xBF")) view.remove_prefix(3);
  if (domain::is_valid_utf8(view)) {
    table.encoding = "utf-8";
  } else {
    table.encoding = "windows-1251";
  }
  const std::string& text = table.keep(table.encoding == "utf-8" ? std::string(view) : cp1251_to_utf8(view));
  each_line(text, [&](std::size_t number, std::string_view line) {
    line = domain::trim_view(line);
    if (!line.starts_with('|')) return;
    line.remove_prefix(1);
    if (line.ends_with('|')) line.remove_suffix(1);
    TableRow row;
    row.number = number;
    while (true) {
      const auto bar = line.find('|');
      row.cells.push_back(domain::trim_view(line.substr(0, bar)));
      if (bar == std::string_view::npos) break;
      line.remove_prefix(bar + 1);
    }
    table.rows.push_back(std::move(row));
  });
  if (table.rows.empty()) throw domain::Error::bad_request("В файле нет таблицы", "file");
  return table;
}

}  // namespace metodist::io
