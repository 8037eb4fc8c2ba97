#include "io/csv_reader.hpp"

#include <array>

#include "domain/error.hpp"
#include "domain/text.hpp"
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

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// The delimiter is the most frequent of «;», «,» and tab in the first record,
// counted outside quotes; «;» wins ties, as Russian Excel writes it.
char detect_delimiter(std::string_view text) {
  std::size_t semicolons = 0, commas = 0, tabs = 0;
  bool quoted = false;
  for (char ch : text) {
    if (ch == '"') quoted = !quoted;
    else if (!quoted && (ch == '\n' || ch == '\r')) break;
    else if (!quoted && ch == ';') ++semicolons;
    else if (!quoted && ch == ',') ++commas;
    else if (!quoted && ch == '\t') ++tabs;
  }
  if (tabs > semicolons && tabs > commas) return '\t';
  return commas > semicolons ? ',' : ';';
}

bool blank(const std::vector<std::string>& cells) {
  for (const auto& c : cells)
    if (!c.empty()) return false;
  return true;
}

}  // namespace

std::string cp1251_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    if (b < 0x80) out.push_back(static_cast<char>(b));
    else if (b < 0xC0) append_utf8(out, kCp1251High[b - 0x80]);
    else append_utf8(out, 0x0410 + (b - 0xC0));
  }
  return out;
}

Table read_csv(std::string_view bytes) {
  Table table;
  table.format = "csv";
  std::string converted;
  std::string_view text = bytes;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (domain::is_valid_utf8(text)) {
    table.encoding = "utf-8";
  } else {
    converted = cp1251_to_utf8(text);
    text = converted;
    table.encoding = "windows-1251";
  }
  table.delimiter = detect_delimiter(text);

  std::vector<std::string> record(1);
  std::size_t record_number = 1, line = 1, quote_line = 0;
  bool quoted = false, after_quote = false;
  auto finish = [&] {
    if (!blank(record)) table.rows.push_back({record_number, std::move(record)});
    record.assign(1, std::string());
    record_number = line;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          record.back().push_back('"');
          ++i;
        } else {
          quoted = false;
          after_quote = true;
        }
      } else {
        if (ch == '\n') ++line;
        record.back().push_back(ch);
      }
      continue;
    }
    if (ch == '"' && record.back().empty() && !after_quote) {
      quoted = true;
      quote_line = line;
    } else if (ch == table.delimiter) {
      record.emplace_back();
      after_quote = false;
    } else if (ch == '\r' || ch == '\n') {
      if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++line;
      after_quote = false;
      finish();
    } else {
      // Text after a closing quote (a"b"c) is kept as written rather than refused.
      record.back().push_back(ch);
    }
  }
  if (quoted)
    throw domain::Error::bad_request(
        "Файл CSV: кавычка, открытая в строке " + std::to_string(quote_line) + ", не закрыта до конца файла", "file");
  finish();
  return table;
}

Table read_table(std::string_view bytes) {
  if (bytes.starts_with(std::string_view("PK\x03\x04", 4))) return read_xlsx(bytes);
  if (bytes.starts_with(std::string_view("\xD0\xCF\x11\xE0", 4)))
    throw domain::Error::bad_request(
        "Файл в старом формате Excel (.xls) не читается: сохраните его как «Книга Excel (.xlsx)» или CSV", "file");
  return read_csv(bytes);
}

}  // namespace metodist::io
