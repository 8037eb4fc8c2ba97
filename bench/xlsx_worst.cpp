// Writes the XLSX files bench/xlsx_limits.sh uploads: the largest work a
// file may cause under io::XlsxLimits, and the outside probe's bomb.
//
//   xlsx_worst DIR [scale]
//
// scale 1 (default) makes the full files; a smaller scale (0.01 in the smoke
// run of the test suite) makes the same shapes smaller. Files:
//   bomb.xlsx   — a sheet of nothing but empty cells with addresses, as the
//                 probe's 1.56 MiB file (200 MiB of XML): refused by cells read;
//   empty.xlsx  — just under 4 000 000 empty cells: read to the end, no rows;
//   dense.xlsx  — a persons file of 10 columns just under 2 000 000 filled
//                 cells, every text a shared string of its own (the most text
//                 the reader keeps): read, checked row by row.
#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace {

const char* const kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
    R"(<sheets><sheet name="Педагоги" sheetId="1"/></sheets></workbook>)";

std::string column_name(int c) {
  std::string s;
  for (++c; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
  return s;
}

void write_zip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& parts) {
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (!z) {
    std::fprintf(stderr, "cannot create %s\n", path.c_str());
    std::exit(1);
  }
  for (const auto& [name, data] : parts) {
    zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
    zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE);
  }
  if (zip_close(z) != 0) {
    std::fprintf(stderr, "cannot write %s\n", path.c_str());
    std::exit(1);
  }
}

std::string sheet(const std::string& rows) {
  return R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
         rows + "</sheetData></worksheet>";
}

// Empty cells with addresses, `columns` to a row, until `cells` or `bytes`.
std::string empty_rows(long cells, int columns, std::size_t bytes) {
  std::string rows;
  long made = 0;
  for (long r = 1; made < cells && rows.size() < bytes; ++r) {
    const auto n = std::to_string(r);
    rows += "<row r=\"" + n + "\">";
    for (int c = 0; c < columns && made < cells; ++c, ++made) rows += "<c r=\"" + column_name(c) + n + "\" s=\"1\"/>";
    rows += "</row>";
  }
  return rows;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: xlsx_worst DIR [scale]\n");
    return 2;
  }
  const std::string dir = argv[1];
  const double scale = argc > 2 ? std::atof(argv[2]) : 1.0;

  // The probe's file: 200 MiB of empty cells (scaled), more cells than may be read.
  write_zip(dir + "/bomb.xlsx",
            {{"xl/workbook.xml", kWorkbook},
             {"xl/worksheets/sheet1.xml",
              sheet(empty_rows(1L << 40, 16384, static_cast<std::size_t>(200.0 * scale * (1 << 20))))}});
  // Just under the cells-read bound, all empty.
  write_zip(dir + "/empty.xlsx", {{"xl/workbook.xml", kWorkbook},
                                  {"xl/worksheets/sheet1.xml",
                                   sheet(empty_rows(static_cast<long>(3'999'000 * scale), 1000, ~std::size_t{0}))}});

  // Just under the kept-cells bound: 10 filled columns, every text its own shared string.
  static const char* const kHeader[] = {
      "Код",           "Фамилия",         "Имя",       "Отчество",           "Пол",
      "Дата рождения", "Код организации", "Должность", "Предметная область", "Дата приёма"};
  const long rows = static_cast<long>(199'000 * scale);
  std::string strings =
      R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";
  std::string data;
  long index = 0;
  auto cell = [&](long r, int c, const std::string& text) {
    strings += "<si><t>" + text + "</t></si>";
    data += "<c r=\"" + column_name(c) + std::to_string(r) + "\" t=\"s\"><v>" + std::to_string(index++) + "</v></c>";
  };
  for (long r = 1; r <= rows + 1; ++r) {
    data += "<row r=\"" + std::to_string(r) + "\">";
    for (int c = 0; c < 10; ++c) {
      const auto n = std::to_string(r * 10 + c);
      cell(r, c, r == 1 ? std::string(kHeader[c]) : c == 0 ? "P-" + n : c == 5 ? "1980-01-01" : "Значение " + n);
    }
    data += "</row>";
  }
  strings += "</sst>";
  write_zip(
      dir + "/dense.xlsx",
      {{"xl/workbook.xml", kWorkbook}, {"xl/sharedStrings.xml", strings}, {"xl/worksheets/sheet1.xml", sheet(data)}});
  return 0;
}
