// Lists exported as files people open in Excel: XLSX (libxlsxwriter) and CSV
// (UTF-8 with BOM, «;», CRLF — what Russian Excel opens without a wizard).
//
// Rows are pushed one at a time as the database returns them, so exporting a
// large list never holds it twice in memory. Cells a spreadsheet would run as
// a formula («=», «+», «@», «-» before a non-digit) get a leading «'» in CSV
// and are stored as text in XLSX, so an export never executes what someone
// typed into a name.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace metodist::io {

enum class ColumnKind { text, integer, date, flag };

struct ExportColumn {
  std::string title;
  ColumnKind kind = ColumnKind::text;
  double width = 20;  // in characters, for XLSX
};

class TableSink {
 public:
  virtual ~TableSink() = default;
  // Cells as text: dates ISO «YYYY-MM-DD», flags «1»/«0», integers in digits.
  virtual void row(const std::vector<std::string>& cells) = 0;
  // The file's bytes; the sink is spent afterwards.
  virtual std::string finish() = 0;
};

// format: "csv" or "xlsx". The header row is written at once.
std::unique_ptr<TableSink> make_sink(const std::string& format, const std::string& sheet_name,
                                     const std::vector<ExportColumn>& columns);

// The most rows one XLSX sheet holds below the header.
constexpr std::size_t kXlsxMaxRows = 1'048'575;

}  // namespace metodist::io
