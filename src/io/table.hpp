// Tables read from and written to the files people exchange: CSV and XLSX.
//
// This layer knows file formats only: no database, no domain rules. A file
// that cannot be read throws domain::Error::bad_request naming the field
// "file", with a message a non-technical user can act on.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace metodist::io {

// One non-empty row, with the number a person sees in their spreadsheet
// (1-based: the CSV record or the Excel row), so reports can point at it.
struct TableRow {
  std::size_t number = 0;
  std::vector<std::string_view> cells;  // UTF-8, into the table's own text; not trimmed
};

// Cells are views into text the table owns (one copy of a CSV file, the
// strings of an XLSX workbook), so a million-row file costs one allocation
// per row rather than one per cell. Move-only: the views stay valid on move.
class Table {
 public:
  Table() = default;
  Table(Table&&) = default;
  Table& operator=(Table&&) = default;
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;

  std::vector<TableRow> rows;  // the first row is normally the header
  std::string format;          // "csv" | "xlsx" | "text" (a «|» table)
  std::string encoding;        // "utf-8" | "windows-1251" (CSV)
  char delimiter = 0;          // ';' ',' or '\t' (CSV)

  // Keeps `text` for the table's lifetime; the returned reference (and views
  // into it) stay valid when the table moves (deque elements never relocate).
  std::string& keep(std::string text) { return owned_.emplace_back(std::move(text)); }

  // A copy of `text` in the table's arena, for many small cells: one block
  // allocation per megabyte instead of one string per cell. The view stays
  // valid for the table's lifetime (blocks never move).
  std::string_view intern(std::string_view text);

 private:
  std::deque<std::string> owned_;
  std::deque<std::string> arena_;  // blocks of reserved capacity, appended to
};

// Sniffs the content: an XLSX file is a ZIP archive ("PK\3\4"), text with
// «|» tables is read as such (io/pipe_table.hpp), anything else as CSV.
// Takes the bytes: a CSV table keeps them as its text (no second copy).
Table read_table(std::string bytes);

}  // namespace metodist::io
