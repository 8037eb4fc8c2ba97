#include "io/csv_reader.hpp"

#include <gtest/gtest.h>

#include "support/errors.hpp"

using namespace metodist;
using metodist::testing::error_of;

namespace {
std::vector<std::string> cells(const io::Table& t, std::size_t i) {
  const auto& c = t.rows.at(i).cells;
  return {c.begin(), c.end()};
}
}  // namespace

TEST(Csv, Utf8WithBomSemicolonsAndQuotes) {
  const auto t = io::read_csv(
      "\xEF\xBB\xBF"
      "Код;Наименование\r\nS1;\"Школа \"\"Ромашка\"\"; №1\"\r\n\r\nS2;\"две\nстроки\"\r\n");
  EXPECT_EQ(t.encoding, "utf-8");
  EXPECT_EQ(t.delimiter, ';');
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(cells(t, 0), (std::vector<std::string>{"Код", "Наименование"}));
  EXPECT_EQ(cells(t, 1), (std::vector<std::string>{"S1", "Школа \"Ромашка\"; №1"}));
  // Blank lines are skipped but rows keep the numbers the user sees.
  EXPECT_EQ(t.rows[2].number, 4u);
  EXPECT_EQ(cells(t, 2), (std::vector<std::string>{"S2", "две\nстроки"}));
}

TEST(Csv, Windows1251AndCommasAreDetected) {
  // «Код,Имя» / «1,Ёлкина» in Windows-1251.
  const std::string bytes = "\xCA\xEE\xE4,\xC8\xEC\xFF\n1,\xA8\xEB\xEA\xE8\xED\xE0\n";
  const auto t = io::read_csv(bytes);
  EXPECT_EQ(t.encoding, "windows-1251");
  EXPECT_EQ(t.delimiter, ',');
  EXPECT_EQ(cells(t, 0), (std::vector<std::string>{"Код", "Имя"}));
  EXPECT_EQ(cells(t, 1), (std::vector<std::string>{"1", "Ёлкина"}));
  EXPECT_EQ(io::cp1251_to_utf8("\xB9"), "№");
}

TEST(Csv, TabsAndEmptyCells) {
  const auto t = io::read_csv("a\tb\tc\n1\t\t3");
  EXPECT_EQ(t.delimiter, '\t');
  EXPECT_EQ(cells(t, 1), (std::vector<std::string>{"1", "", "3"}));
}

TEST(Csv, ByteOrderMarkIsSkippedAndTheLastLineEndsAtTheEndOfTheFile) {
  const auto t = io::read_table(
      "\xEF\xBB\xBF"
      "Код;Имя\nP1;Анна");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(cells(t, 0), (std::vector<std::string>{"Код", "Имя"}));
  EXPECT_EQ(cells(t, 1), (std::vector<std::string>{"P1", "Анна"}));
}

TEST(Csv, UnclosedQuoteNamesTheLine) {
  auto e = error_of([] { io::read_csv("a;b\n1;\"open\n2;3\n"); });
  EXPECT_EQ(e.field(), "file");
  EXPECT_NE(std::string(e.what()).find("строке 2"), std::string::npos);
}

TEST(Csv, OldExcelFilesAreRefusedWithAHint) {
  auto e = error_of([] { io::read_table(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)); });
  EXPECT_NE(std::string(e.what()).find(".xlsx"), std::string::npos);
}
