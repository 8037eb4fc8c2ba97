// XLSX written by our exporter is read back by our reader; hostile archives
// are refused with an error rather than exhausting memory.
#include <gtest/gtest.h>
#include <zip.h>

#include "io/table_writer.hpp"
#include "io/xlsx_reader.hpp"
#include "support/errors.hpp"

using namespace metodist;
using metodist::testing::error_of;

namespace {

// A ZIP archive in memory holding the given parts.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(out);
  zip_t* z = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  for (const auto& [name, data] : parts) {
    zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
    zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE);
  }
  zip_close(z);
  zip_source_open(out);
  zip_source_seek(out, 0, SEEK_END);
  const auto size = zip_source_tell(out);
  zip_source_seek(out, 0, SEEK_SET);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  zip_source_read(out, bytes.data(), size);
  zip_source_close(out);
  zip_source_free(out);
  return bytes;
}

const std::string kWorkbook =
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Л" sheetId="1"/></sheets></workbook>)";

}  // namespace

TEST(Xlsx, ExportReadsBackWithDatesNumbersAndText) {
  auto sink = io::make_sink("xlsx", "Педагоги",
                            {{"Код", io::ColumnKind::text}, {"Дата рождения", io::ColumnKind::date},
                             {"Часы", io::ColumnKind::integer}, {"ШНОР", io::ColumnKind::flag}});
  sink->row({"P-001", "1985-03-07", "72", "1"});
  sink->row({"=HYPERLINK(\"x\")", "", "0", "0"});
  const auto bytes = sink->finish();
  const auto t = io::read_xlsx(bytes);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].cells, (std::vector<std::string_view>{"Код", "Дата рождения", "Часы", "ШНОР"}));
  EXPECT_EQ(t.rows[1].cells, (std::vector<std::string_view>{"P-001", "1985-03-07", "72", "да"}));
  EXPECT_EQ(t.rows[2].number, 3u);
  EXPECT_EQ(t.rows[2].cells[0], "=HYPERLINK(\"x\")");  // kept as text, not a formula
  EXPECT_EQ(t.rows[2].cells[2], "0");
}

TEST(Xlsx, InlineStringsGapsAndThe1904System) {
  const std::string sheet =
      R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)"
      R"(<row r="1"><c r="A1" t="inlineStr"><is><t>Код</t></is></c><c r="C1" t="inlineStr"><is><r><t>Да</t></r><r><t>та</t></r></is></c></row>)"
      R"(<row r="5"><c r="A5"><v>7701234567</v></c><c r="C5" s="1"><v>0</v></c></row>)"
      R"(</sheetData></worksheet>)";
  const std::string styles =
      R"(<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>)";
  const std::string workbook =
      R"(<workbook><workbookPr date1904="1"/><sheets><sheet name="Л" sheetId="1"/></sheets></workbook>)";
  const auto t = io::read_xlsx(make_zip({{"xl/workbook.xml", workbook},
                                         {"xl/worksheets/sheet1.xml", sheet},
                                         {"xl/styles.xml", styles}}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].cells, (std::vector<std::string_view>{"Код", "", "Дата"}));
  EXPECT_EQ(t.rows[1].number, 5u);
  EXPECT_EQ(t.rows[1].cells, (std::vector<std::string_view>{"7701234567", "", "1904-01-01"}));
}

TEST(Xlsx, ZipBombIsRefused) {
  const std::string zeros(64u << 20, '0');  // 64 MiB inflating from ~64 KiB
  const auto bytes = make_zip({{"xl/workbook.xml", kWorkbook}, {"xl/worksheets/sheet1.xml", zeros}});
  ASSERT_LT(bytes.size(), 1u << 20);
  auto e = error_of([&] { io::read_xlsx(bytes); });
  EXPECT_EQ(e.field(), "file");
  EXPECT_NE(std::string(e.what()).find("сжат"), std::string::npos);
  // A tighter absolute cap stops it as well.
  io::XlsxLimits small;
  small.max_entry_bytes = 512 << 10;
  EXPECT_NE(std::string(error_of([&] { io::read_xlsx(bytes, small); }).what()).find("велик"), std::string::npos);
}

TEST(Xlsx, BrokenFilesGiveClearErrors) {
  EXPECT_EQ(error_of([] { io::read_xlsx("PK\x03\x04garbage"); }).field(), "file");
  EXPECT_NE(std::string(error_of([] { io::read_xlsx(make_zip({{"a.txt", "x"}})); }).what()).find("workbook"),
            std::string::npos);
  const auto bad_xml = make_zip({{"xl/workbook.xml", kWorkbook}, {"xl/worksheets/sheet1.xml", "<worksheet><sheetData>"}});
  EXPECT_NE(std::string(error_of([&] { io::read_xlsx(bad_xml); }).what()).find("XML"), std::string::npos);
  const auto bad_ref = make_zip({{"xl/workbook.xml", kWorkbook},
                                 {"xl/worksheets/sheet1.xml",
                                  R"(<worksheet><sheetData><row r="1"><c r="ZZZZ1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>)"}});
  EXPECT_EQ(error_of([&] { io::read_xlsx(bad_ref); }).field(), "file");
  const auto bad_string = make_zip({{"xl/workbook.xml", kWorkbook},
                                    {"xl/worksheets/sheet1.xml",
                                     R"(<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>5</v></c></row></sheetData></worksheet>)"}});
  EXPECT_EQ(error_of([&] { io::read_xlsx(bad_string); }).field(), "file");
}

TEST(Csv, ExportQuotesAndDefusesFormulas) {
  auto sink = io::make_sink("csv", "x", {{"А"}, {"Б"}});
  sink->row({"=1+1", "a;b"});
  sink->row({"-5", "-x"});
  EXPECT_EQ(sink->finish(), "\xEF\xBB\xBF" "А;Б\r\n\"'=1+1\";\"a;b\"\r\n-5;\"'-x\"\r\n");
}
