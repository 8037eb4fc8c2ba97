// Reading the data rows of an import table: columns resolved against the
// file's header once, cells read as views, problems collected per row and
// column into an ImportReport in words a user can act on. Shared by every
// import (registries, diagnostic results).
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <spdlog/spdlog.h>

#include "app/import.hpp"
#include "domain/date.hpp"
#include "domain/import.hpp"
#include "domain/text.hpp"
#include "io/table.hpp"

namespace metodist::app {

using domain::ImportColumn;

constexpr std::size_t kProgressEvery = 5000;

// Logs how long each step of a large import took (log level debug), so the
// numbers in docs/performance.md can be traced to a step.
class StepClock {
 public:
  void step(const char* name) {
    const auto now = std::chrono::steady_clock::now();
    spdlog::debug("импорт: {} — {:.3f} с", name, std::chrono::duration<double>(now - last_).count());
    last_ = now;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// A column of the import, resolved against the file's header once; the
// per-row reads below then cost an index, not a lookup by name.
struct Col {
  std::string_view key;
  std::optional<std::size_t> index;  // in the file; none when the file lacks the column
};

// Reads the cells of one data row by column, and collects the problems.
// Cells are read as views into the table: a million-row file is checked
// without copying its cells again.
class RowReader {
 public:
  RowReader(std::span<const ImportColumn> columns, const domain::HeaderMap& map,
            std::span<const std::string_view> header, ImportReport& report)
      : columns_(columns), map_(map), header_(header), report_(report) {}

  Col col(std::string_view key) const { return {key, map_.of(columns_, key)}; }
  void start(const io::TableRow& row) {
    row_ = &row;
    ok_ = true;
    problem_keys_.clear();
  }
  std::size_t number() const { return row_->number; }
  bool ok() const { return ok_; }
  // The trimmed cell, "" when the column is absent or the cell empty.
  std::string_view text(const Col& c) const {
    if (!c.index || *c.index >= row_->cells.size()) return {};
    return domain::trim_view(row_->cells[*c.index]);
  }
  // A cell holding a zero byte (a damaged or binary file) is a problem of
  // its column; true when the row has one.
  bool has_zero_byte() {
    for (std::size_t i = 0; i < row_->cells.size(); ++i) {
      if (row_->cells[i].find('\0') == std::string_view::npos) continue;
      problem(Col{{}, i}, "в ячейке нулевой байт — так текст не сохранить; проверьте, что файл не повреждён");
      return true;
    }
    return false;
  }
  bool has_problem(const Col& c) const {
    for (const auto& k : problem_keys_)
      if (k == c.key) return true;
    return false;
  }
  void problem(const Col& c, std::string message) {
    ok_ = false;
    problem_keys_.push_back(c.key);
    ++report_.issue_count;
    if (report_.issues.size() < kMaxIssues)
      report_.issues.push_back({row_->number, column_name(c), std::move(message)});
  }
  // Like an absent column, an empty cell keeps the value: a file never erases
  // what it does not mention (several rows of one person rely on it).
  template <class Flag>  // bool or std::optional<bool>
  void flag(const Col& c, Flag& value) {
    const auto t = text(c);
    if (t.empty()) return;
    if (auto f = domain::parse_flag(t))
      value = *f;
    else
      problem(c, quoted(t) + ": ожидается «да» или «нет»");
  }
  // A date as people write it.
  void date(const Col& c, std::optional<domain::Date>& value) {
    const auto t = text(c);
    if (t.empty()) return;
    if ((value = domain::Date::parse_written(t))) return;
    const bool date_shaped =
        t.size() >= 8 && t.size() <= 10 && t.find_first_not_of("0123456789./-") == std::string::npos;
    problem(c, quoted(t) + (date_shaped ? ": такой даты нет в календаре" : ": дата пишется как ДД.ММ.ГГГГ"));
  }
  void plain(const Col& c, std::string_view& value, std::size_t max_chars = 500) {
    const auto t = text(c);
    if (t.empty()) return;
    if (domain::utf8_length(t) > max_chars)
      problem(c, "длиннее " + std::to_string(max_chars) + " символов");
    else
      value = t;
  }
  void plain(const Col& c, std::string& value, std::size_t max_chars = 500) {
    std::string_view v;
    plain(c, v, max_chars);
    if (!v.empty()) value.assign(v);
  }
  // The vocabulary code of the cell (a view into the vocabulary).
  void term(const Col& c, const domain::TermIndex& index, std::span<const domain::Term> vocabulary,
            std::string_view& value) {
    const auto t = text(c);
    if (t.empty()) return;
    if (auto* found = index.find(t))
      value = found->code;
    else
      problem(c, quoted(t) + ": допустимые значения — " + domain::allowed_titles(vocabulary));
  }
  static std::string quoted(std::string_view t) { return "«" + std::string(t) + "»"; }

 private:
  std::string column_name(const Col& c) const {
    if (c.index && *c.index < header_.size()) return domain::trim(header_[*c.index]);
    for (const auto& column : columns_)
      if (column.key == c.key) return std::string(column.title);
    return std::string(c.key);
  }

  std::span<const ImportColumn> columns_;
  const domain::HeaderMap& map_;
  std::span<const std::string_view> header_;
  ImportReport& report_;
  const io::TableRow* row_ = nullptr;
  bool ok_ = true;
  std::vector<std::string_view> problem_keys_;
};

// Header problems are reported on row 1; an import cannot go on without the
// column keyed `required_key` (the one rows are matched by, usually "code").
bool check_header(std::span<const ImportColumn> columns, const domain::HeaderMap& map, const io::Table& table,
                  ImportReport& report, std::string_view required_key = "code");

// Reports progress every kProgressEvery rows and at the end.
void notify(const ImportProgress& progress, std::string_view phase, std::size_t done, std::size_t total);

// Calls check(code) for every data row that has a code, with `row` positioned
// on it; counts rows, reports a missing code and the progress.
template <class F>
void for_each_data_row(const io::Table& table, RowReader& row, ImportReport& report, const ImportProgress& progress,
                       const char* missing_code, F&& check) {
  const std::size_t total = table.rows.size() - 1;
  const Col code_col = row.col("code");
  for (std::size_t i = 1; i < table.rows.size(); ++i) {
    notify(progress, "checking", i - 1, total);
    row.start(table.rows[i]);
    ++report.rows;
    const std::string_view code = row.text(code_col);
    if (row.has_zero_byte()) continue;  // named by the reader; such text cannot be stored (PostgreSQL refuses it)
    if (code.empty())
      row.problem(code_col, missing_code);
    else
      check(code);
  }
  notify(progress, "checking", total, total);
}

// The non-empty codes of a column, as views into the table; repeats are kept
// (lookups collect them into one set, so they are hashed once).
std::vector<std::string_view> codes_in(const io::Table& table, std::optional<std::size_t> column);

}  // namespace metodist::app
