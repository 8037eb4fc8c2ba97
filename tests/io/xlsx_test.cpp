// XLSX written by our exporter is read back by our reader; hostile archives
// are refused with an error rather than exhausting memory.
#include <gtest/gtest.h>

#include "io/table_writer.hpp"
#include "io/xlsx_reader.hpp"
#include "io/zip_archive.hpp"
#include "support/errors.hpp"
#include "support/zip.hpp"

using namespace metodist;
using metodist::testing::error_of;
using metodist::testing::make_zip;

namespace {

const std::string kWorkbook =
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Л" sheetId="1"/></sheets></workbook>)";

}  // namespace

TEST(Xlsx, ExportReadsBackWithDatesNumbersAndText) {
  auto sink = io::make_sink("xlsx", "Педагоги",
                            {{"Код", io::ColumnKind::text},
                             {"Дата рождения", io::ColumnKind::date},
                             {"Часы", io::ColumnKind::integer},
                             {"ШНОР", io::ColumnKind::flag}});
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

// A whole number carries the «#,##0» format, so the reader's Excel shows
// «1 170 002»; a fraction keeps the general format (no rounding on screen).
TEST(Xlsx, WholeNumbersShowTheirThousandsApart) {
  auto sink = io::make_sink("xlsx", "Лист", {{"Число", io::ColumnKind::integer}});
  sink->row({"1170002"});
  sink->row({"63.4"});
  const auto bytes = sink->finish();
  io::ZipArchive zip(bytes, {}, "Файл XLSX", "книга Excel");
  std::string styles, sheet;
  zip.stream("xl/styles.xml", 1 << 20, [&](std::string_view chunk) { styles += chunk; });
  zip.stream("xl/worksheets/sheet1.xml", 1 << 20, [&](std::string_view chunk) { sheet += chunk; });
  EXPECT_NE(styles.find("formatCode=\"#,##0\""), std::string::npos) << styles;
  EXPECT_NE(sheet.find("<c r=\"A2\" s=\""), std::string::npos) << sheet;         // styled
  EXPECT_NE(sheet.find("<c r=\"A3\"><v>63.4</v>"), std::string::npos) << sheet;  // general
  EXPECT_EQ(io::read_xlsx(bytes).rows[1].cells[0], "1170002");
}

TEST(Csv, CellsASpreadsheetWouldRunAreWrittenAsText) {
  auto sink = io::make_sink("csv", "Лист", {{"Значение", io::ColumnKind::text}});
  for (const char* cell : {"-1+1+cmd|' /C calc'!A0", "=1+1", "+7(900)", "@SUM(A1)", "\tTAB", "\rCR", "\nLF", "-", "-5",
                           "-1,5", "+7", "Школа № 1"})
    sink->row({cell});
  const auto text = sink->finish();
  for (const char* guarded : {"\"'-1+1+cmd|' /C calc'!A0\"", "\"'=1+1\"", "\"'+7(900)\"", "\"'@SUM(A1)\"", "\"'\tTAB\"",
                              "\"'\rCR\"", "\"'\nLF\"", "\"'-\""})
    EXPECT_NE(text.find(guarded), std::string::npos) << guarded;
  // Plain numbers stay numbers; ordinary text stays as it is.
  for (const char* kept : {"\r\n-5\r\n", "\r\n-1,5\r\n", "\r\n+7\r\n", "\r\nШкола № 1\r\n"})
    EXPECT_NE(text.find(kept), std::string::npos) << kept;
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
  const auto t = io::read_xlsx(
      make_zip({{"xl/workbook.xml", workbook}, {"xl/worksheets/sheet1.xml", sheet}, {"xl/styles.xml", styles}}));
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
  EXPECT_NE(std::string(error_of([] {
                          io::read_xlsx(make_zip({{"a.txt", "x"}}));
                        }).what())
                .find("workbook"),
            std::string::npos);
  const auto bad_xml =
      make_zip({{"xl/workbook.xml", kWorkbook}, {"xl/worksheets/sheet1.xml", "<worksheet><sheetData>"}});
  EXPECT_NE(std::string(error_of([&] { io::read_xlsx(bad_xml); }).what()).find("XML"), std::string::npos);
  const auto bad_ref = make_zip(
      {{"xl/workbook.xml", kWorkbook},
       {"xl/worksheets/sheet1.xml",
        R"(<worksheet><sheetData><row r="1"><c r="ZZZZ1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>)"}});
  EXPECT_EQ(error_of([&] { io::read_xlsx(bad_ref); }).field(), "file");
  const auto bad_string =
      make_zip({{"xl/workbook.xml", kWorkbook},
                {"xl/worksheets/sheet1.xml",
                 R"(<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>5</v></c></row></sheetData></worksheet>)"}});
  EXPECT_EQ(error_of([&] { io::read_xlsx(bad_string); }).field(), "file");
}

TEST(Csv, ExportQuotesAndDefusesFormulas) {
  auto sink = io::make_sink("csv", "x", {{"А"}, {"Б"}});
  sink->row({"=1+1", "a;b"});
  sink->row({"-5", "-x"});
  EXPECT_EQ(sink->finish(),
            "\xEF\xBB\xBF"
            "А;Б\r\n\"'=1+1\";\"a;b\"\r\n-5;\"'-x\"\r\n");
}

namespace {

std::string sheet_of(const std::string& rows) {
  return R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
         R"(<dimension ref="A1"/><sheetData>)" +
         rows + "</sheetData></worksheet>";
}

}  // namespace

TEST(Xlsx, RowsAreReadAsAStreamAcrossChunkBoundaries) {
  // 20 000 rows (≈ 2 MiB of XML: many 64 KiB chunks), with what a cut must
  // respect: «>» inside attribute values and text, comments, CDATA, prefixes,
  // self-closing empty rows, and one row far longer than a chunk.
  std::string rows;
  for (int i = 1; i <= 20000; ++i) {
    const auto n = std::to_string(i);
    if (i % 1000 == 0) {
      rows += "<row r=\"" + n + "\"/><!-- пустая строка <row> -->";
      continue;
    }
    rows += "<row r=\"" + n + "\" x:note=\"a > b\"><c r=\"A" + n + "\" t=\"inlineStr\"><is><t>Строка " + n +
            " &amp; 1 &gt; 0</t></is></c><c r=\"B" + n + "\" t=\"inlineStr\"><is><t><![CDATA[</row> " + n +
            "]]></t></is></c></row>";
  }
  std::string long_text;  // 400 KB of UTF-8 in one cell
  for (int i = 0; i < 200'000; ++i) long_text += "ж";
  rows += "<row r=\"20001\"><c r=\"A20001\" t=\"inlineStr\"><is><t>" + long_text + "</t></is></c></row>";
  const auto t =
      io::read_xlsx(make_zip({{"xl/workbook.xml", kWorkbook}, {"xl/worksheets/sheet1.xml", sheet_of(rows)}}));
  ASSERT_EQ(t.rows.size(), 20000u - 20u + 1u);
  EXPECT_EQ(t.rows[0].cells, (std::vector<std::string_view>{"Строка 1 & 1 > 0", "</row> 1"}));
  EXPECT_EQ(t.rows[998].number, 999u);
  EXPECT_EQ(t.rows[999].number, 1001u);  // row 1000 was empty
  EXPECT_EQ(t.rows[999].cells[1], "</row> 1001");
  EXPECT_EQ(t.rows.back().number, 20001u);
  EXPECT_EQ(t.rows.back().cells[0], long_text);
}

TEST(Xlsx, SharedStringsAreStreamedToo) {
  std::string strings = R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";
  std::string rows;
  for (int i = 0; i < 30000; ++i) {
    strings += "<si><r><t>Фамилия </t></r><r><t>" + std::to_string(i) + "</t></r><rPh><t>фонетика</t></rPh></si>";
    if (i % 10 == 0)
      rows += "<row r=\"" + std::to_string(i / 10 + 1) + "\"><c r=\"A" + std::to_string(i / 10 + 1) + "\" t=\"s\"><v>" +
              std::to_string(i) + "</v></c></row>";
  }
  strings += "</sst>";
  const auto t = io::read_xlsx(make_zip({{"xl/workbook.xml", kWorkbook},
                                         {"xl/sharedStrings.xml", strings},
                                         {"xl/worksheets/sheet1.xml", sheet_of(rows)}}));
  ASSERT_EQ(t.rows.size(), 3000u);
  EXPECT_EQ(t.rows[0].cells[0], "Фамилия 0");
  EXPECT_EQ(t.rows[2999].cells[0], "Фамилия 29990");
}

TEST(Xlsx, ASheetOfEmptyCellsIsRefusedByTheCellsReadNotByMemory) {
  // The outside probe's file: a sheet of nothing but empty cells, compressed
  // far. Here 5 000 000 of them (≈ 55 MiB of XML from ≈ 0.4 MiB): past
  // 4 000 000 cells read the file is refused, naming the bound.
  std::string rows;
  rows.reserve(60u << 20);
  for (int r = 1; r <= 5000; ++r) {
    rows += "<row r=\"" + std::to_string(r) + "\">";
    for (int c = 0; c < 1000; ++c) rows += "<c s=\"1\"/>";
    rows += "</row>";
  }
  const auto bytes = make_zip({{"xl/workbook.xml", kWorkbook}, {"xl/worksheets/sheet1.xml", sheet_of(rows)}});
  rows.clear();
  rows.shrink_to_fit();
  io::XlsxLimits limits;
  limits.max_ratio = 1000;  // let the ratio pass, to reach the cell bound
  const auto e = error_of([&] { io::read_xlsx(bytes, limits); });
  EXPECT_EQ(e.kind(), domain::ErrorKind::validation_failed);
  EXPECT_EQ(e.field(), "file");
  EXPECT_NE(std::string(e.what()).find("ячеек (вместе с пустыми) больше 4"), std::string::npos) << e.what();
}

TEST(Xlsx, EveryBoundIsNamedWhenPassed) {
  std::string rows;
  for (int r = 1; r <= 50; ++r)
    rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) +
            "\" t=\"inlineStr\"><is><t>Значение " + std::to_string(r) + "</t></is></c><c r=\"B" + std::to_string(r) +
            "\"/></row>";
  const auto bytes = make_zip({{"xl/workbook.xml", kWorkbook}, {"xl/worksheets/sheet1.xml", sheet_of(rows)}});
  auto refused = [&](auto set, const char* words) {
    io::XlsxLimits limits;
    set(limits);
    const auto e = error_of([&] { io::read_xlsx(bytes, limits); });
    EXPECT_EQ(e.kind(), domain::ErrorKind::validation_failed) << words;
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  };
  refused([](io::XlsxLimits& l) { l.max_rows = 49; }, "строк больше 49");
  refused([](io::XlsxLimits& l) { l.max_cells_read = 99; }, "ячеек (вместе с пустыми) больше 99");
  refused([](io::XlsxLimits& l) { l.max_cells = 49; }, "заполненных ячеек больше 49");
  refused([](io::XlsxLimits& l) { l.max_text_bytes = 100; }, "текста больше");
  // One row longer than the buffer may hold (it is never complete within a chunk or two).
  const auto long_row =
      make_zip({{"xl/workbook.xml", kWorkbook},
                {"xl/worksheets/sheet1.xml", sheet_of("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" +
                                                      std::string(300'000, 'x') + "</t></is></c></row>")}});
  io::XlsxLimits tight;
  tight.max_element_bytes = 100'000;
  EXPECT_NE(std::string(error_of([&] { io::read_xlsx(long_row, tight); }).what()).find("длиннее допустимого"),
            std::string::npos);
  EXPECT_EQ(io::read_xlsx(bytes).rows.size(), 50u);  // and within the bounds it reads
}
