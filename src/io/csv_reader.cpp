#include "io/csv_reader.hpp"

#include <array>
#include <cstring>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "io/pipe_table.hpp"
#include "io/xlsx_reader.hpp"

namespace metodist::io {
namespace {

// Code points of Windows-1251 bytes 0x80..0xBF; 0xC0..0xFF are А..я in order.
constexpr std::array<char16_t, 64> kCp1251High{
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A,
    0x040C, 0x040B, 0x040F, 0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0xFFFD, 0x2122,
    0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, 0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6,
    0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407, 0x00B0, 0x00B1, 0x0406, 0x0456,
    0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457};

// The delimiter is the most frequent of «;», «,» and tab in the first record,
// counted outside quotes; «;» wins ties, as Russian Excel writes it.
char detect_delimiter(std::string_view text) {
  std::size_t semicolons = 0, commas = 0, tabs = 0;
  bool quoted = false;
  for (char ch : text) {
    if (ch == '"')
      quoted = !quoted;
    else if (!quoted && (ch == '\n' || ch == '\r'))
      break;
    else if (!quoted && ch == ';')
      ++semicolons;
    else if (!quoted && ch == ',')
      ++commas;
    else if (!quoted && ch == '\t')
      ++tabs;
  }
  if (tabs > semicolons && tabs > commas) return '\t';
  return commas > semicolons ? ',' : ';';
}

bool blank(const std::vector<std::string_view>& cells) {
  for (const auto& c : cells)
    if (!c.empty()) return false;
  return true;
}

}  // namespace

std::string cp1251_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    if (b < 0x80)
      out.push_back(static_cast<char>(b));
    else if (b < 0xC0)
      domain::append_utf8(out, kCp1251High[b - 0x80]);
    else
      domain::append_utf8(out, 0x0410 + (b - 0xC0));
  }
  return out;
}

Table read_csv(std::string bytes) {
  Table table;
  table.format = "csv";
  const std::size_t bom = std::string_view(bytes).starts_with("\xEF\xBB\xBF") ? 3 : 0;
  // The table keeps the text (converted from Windows-1251 if need be); the
  // cells are views into it, quoted fields unescaped in place.
  std::string* owned;
  if (domain::is_valid_utf8(std::string_view(bytes).substr(bom))) {
    owned = &table.keep(std::move(bytes));
    table.encoding = "utf-8";
  } else {
    owned = &table.keep(cp1251_to_utf8(std::string_view(bytes).substr(bom)));
    table.encoding = "windows-1251";
  }
  const std::size_t skip = table.encoding == "utf-8" ? bom : 0;
  table.delimiter = detect_delimiter(std::string_view(*owned).substr(skip));

  std::vector<std::string_view> record;
  std::size_t record_number = 1, line = 1;
  const char delimiter = table.delimiter;
  char* p = owned->data() + skip;
  char* const end = owned->data() + owned->size();
  auto finish_record = [&] {
    if (!blank(record)) {
      const std::size_t width = record.size();
      table.rows.push_back({record_number, std::move(record)});
      record = {};
      record.reserve(width);
    } else {
      record.clear();
    }
    record_number = line;
  };
  while (p < end) {
    if (*p == '"') {
      const std::size_t quote_line = line;
      char* const start = ++p;
      char* w = start;  // write position: unescaping only ever shortens
      for (;;) {
        char* q = p;
        while (q < end && *q != '"') ++q;
        if (q == end)
          throw domain::Error::bad_request(
              "Файл CSV: кавычка, открытая в строке " + std::to_string(quote_line) + ", не закрыта до конца файла",
              "file");
        for (char* c = p; c < q; ++c) line += *c == '\n';
        if (w != p) std::memmove(w, p, static_cast<std::size_t>(q - p));
        w += q - p;
        p = q + 1;
        if (p < end && *p == '"') {  // a doubled quote is one quote
          *w++ = '"';
          ++p;
          continue;
        }
        break;
      }
      // Text after a closing quote (a"b"c) is kept as written rather than refused.
      while (p < end && *p != delimiter && *p != '\n' && *p != '\r') *w++ = *p++;
      record.emplace_back(start, static_cast<std::size_t>(w - start));
    } else {
      char* q = p;
      while (q < end && *q != delimiter && *q != '\n' && *q != '\r') ++q;
      record.emplace_back(p, static_cast<std::size_t>(q - p));
      p = q;
    }
    if (p == end) break;
    if (*p == delimiter) {
      ++p;
      if (p == end) record.emplace_back();
      continue;
    }
    // End of line: \r\n, \n or \r.
    if (*p == '\r' && p + 1 < end && p[1] == '\n') ++p;
    ++p;
    ++line;
    finish_record();
  }
  finish_record();
  return table;
}

Table read_table(std::string bytes) {
  const std::string_view view(bytes);
  if (view.starts_with(std::string_view("PK\x03\x04", 4))) return read_xlsx(view);
  if (view.starts_with(std::string_view("\xD0\xCF\x11\xE0", 4)))
    throw domain::Error::bad_request(
        "Файл в старом формате Excel (.xls) не читается: сохраните его как «Книга Excel (.xlsx)» или CSV", "file");
  if (looks_like_pipe_table(view)) return read_pipe_table(std::move(bytes));
  return read_csv(std::move(bytes));
}

}  // namespace metodist::io
