// The first worksheet of an XLSX workbook as a Table, read with libzip and
// pugixml. Shared and inline strings, numbers (integers without «.0») and
// dates (cells with a date format become ISO «YYYY-MM-DD») are understood.
//
// Hostile files are expected: the archive is read from memory with caps on
// the number of entries, on the bytes each entry may inflate to (counted while
// reading, not taken from the header) and on the compression ratio, so a zip
// bomb stops with an error instead of filling memory. Fuzzed (tests/fuzz).
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
};

Table read_xlsx(std::string_view bytes, const XlsxLimits& limits = {});

}  // namespace metodist::io
