// The first worksheet of an XLSX workbook as a Table, read with libzip and
// pugixml. Shared and inline strings, numbers (integers without «.0») and
// dates (cells with a date format become ISO «YYYY-MM-DD») are understood.
//
// Hostile files are expected: the archive is read from memory with caps on
// the number of entries, on the bytes each entry may inflate to (counted while
// reading, not taken from the header) and on the compression ratio, so a zip
// bomb stops with an error instead of filling memory. The sheet and its shared
// strings are read as a stream, a few rows at a time, so memory holds the
// cells kept, not the XML; the work is bounded by the cells and rows read
// (empty ones too), the cells kept and the text kept. Over a bound the file is
// refused (422, field "file") with the bound named. Fuzzed (tests/fuzz).
#pragma once

#include <cstddef>
#include <string_view>

#include "io/table.hpp"

namespace metodist::io {

struct XlsxLimits {
  std::size_t max_entries = 10'000;
  std::size_t max_entry_bytes = std::size_t{512} << 20;  // one inflated XML part
  std::size_t max_total_bytes = std::size_t{1} << 30;    // all parts read
  std::size_t max_ratio = 200;                           // inflated : compressed, above 1 MiB
  std::size_t max_columns = 1024;
  std::size_t max_rows = 1'048'576;           // rows read, empty ones too (Excel's own limit)
  std::size_t max_cells_read = 4'000'000;     // <c> elements read, empty ones too
  std::size_t max_cells = 2'000'000;          // non-empty cells kept
  std::size_t max_text_bytes = 64u << 20;     // text kept: cell values and shared strings
  std::size_t max_element_bytes = 16u << 20;  // one row (or shared string) of XML
  std::size_t max_styles_bytes = 16u << 20;   // styles.xml, workbook.xml and its relations are read whole
};

Table read_xlsx(std::string_view bytes, const XlsxLimits& limits = {});

}  // namespace metodist::io
