// CSV as Russian offices produce it: UTF-8 (with or without BOM) or
// Windows-1251, separated by «;», «,» or tab (detected from the header line),
// RFC 4180 quoting, any line ending.
#pragma once

#include <string>
#include <string_view>

#include "io/table.hpp"

namespace metodist::io {

Table read_csv(std::string bytes);

// Windows-1251 bytes to UTF-8 (every byte maps; 0x98 becomes U+FFFD).
std::string cp1251_to_utf8(std::string_view bytes);

}  // namespace metodist::io
