// Tables read from and written to the files people exchange: CSV and XLSX.
//
// This layer knows file formats only: no database, no domain rules. A file
// that cannot be read throws domain::Error::bad_request naming the field
// "file", with a message a non-technical user can act on.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace metodist::io {

// One non-empty row, with the number a person sees in their spreadsheet
// (1-based: the CSV record or the Excel row), so reports can point at it.
struct TableRow {
  std::size_t number = 0;
  std::vector<std::string> cells;  // UTF-8, trimmed of nothing (the caller trims)
};

struct Table {
  std::vector<TableRow> rows;  // the first row is normally the header
  std::string format;          // "csv" | "xlsx"
  std::string encoding;        // "utf-8" | "windows-1251" (CSV)
  char delimiter = 0;          // ';' ',' or '\t' (CSV)
};

// Sniffs the content: an XLSX file is a ZIP archive ("PK\3\4"), anything else
// is read as CSV.
Table read_table(std::string_view bytes);

}  // namespace metodist::io
