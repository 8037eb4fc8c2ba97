#include "domain/text.hpp"

#include <gtest/gtest.h>

using namespace metodist::domain;

TEST(FoldForSearch, LowersCyrillicAndLatin) {
  EXPECT_EQ(fold_for_search("ЕРМАКОВСКАЯ Школа"), "ермаковская школа");
  EXPECT_EQ(fold_for_search("МБОУ SCHOOL №1"), "мбоу school №1");
}

TEST(FoldForSearch, YoBecomesYe) {
  EXPECT_EQ(fold_for_search("Фёдоров"), "федоров");
  EXPECT_EQ(fold_for_search("ЁЛКА"), "елка");
}

TEST(FoldForSearch, CollapsesAndTrimsWhiteSpace) {
  EXPECT_EQ(fold_for_search("  Иванова \t\n Анна  "), "иванова анна");
  EXPECT_EQ(fold_for_search("a\xC2\xA0"
                            "b"),
            "a b");  // NBSP counts as space
}

TEST(FoldForSearch, DropsInvalidBytes) {
  EXPECT_EQ(fold_for_search("ab\xFF\xFE"
                            "c"),
            "abc");
  EXPECT_EQ(fold_for_search("\xD0"), "");  // truncated two-byte sequence
}

TEST(Utf8, ValidatesSequences) {
  EXPECT_TRUE(is_valid_utf8("Привет, мир"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_EQ(utf8_length("Ёж"), 2u);
}

TEST(Trim, RemovesSpacesAndNbsp) {
  EXPECT_EQ(trim("  x y \t"), "x y");
  EXPECT_EQ(trim("\xC2\xA0школа\xC2\xA0"), "школа");
  EXPECT_EQ(trim("   "), "");
}

TEST(AsciiLower, TouchesOnlyLatinLetters) {
  EXPECT_EQ(ascii_lower("Content-Type"), "content-type");
  EXPECT_EQ(ascii_lower("Admin@Example.RU"), "admin@example.ru");
  EXPECT_EQ(ascii_lower("Ёлка"), "Ёлка");  // Cyrillic is fold_for_search's job
}

TEST(SplitList, TrimsPartsAndDropsEmptyOnes) {
  EXPECT_EQ(split_list(" Алгебра; Геометрия ;;"), (std::vector<std::string>{"Алгебра", "Геометрия"}));
  EXPECT_EQ(split_list("teachers,parents", ','), (std::vector<std::string>{"teachers", "parents"}));
  EXPECT_TRUE(split_list("  ").empty());
}

TEST(Text, NumbersAsARussianDocumentWritesThem) {
  EXPECT_EQ(metodist::domain::decimal_text(12.5), "12,5");
  EXPECT_EQ(metodist::domain::decimal_text(30), "30");
  EXPECT_EQ(metodist::domain::decimal_text(66.75), "66,8");
  EXPECT_EQ(metodist::domain::decimal_text(0.25, 2), "0,25");
  EXPECT_EQ(metodist::domain::decimal_text(-0.01), "0") << "no «-0»";
  // Thousands apart by a no-break space, as the browser's ru-RU format.
  EXPECT_EQ(metodist::domain::decimal_text(1170002), "1\u00a0170\u00a0002");
  EXPECT_EQ(metodist::domain::decimal_text(1234.56, 2), "1\u00a0234,56");
  EXPECT_EQ(metodist::domain::decimal_text(-12345), "-12\u00a0345");
  EXPECT_EQ(metodist::domain::decimal_text(999.5), "999,5");
  EXPECT_EQ(metodist::domain::decimal_text(1e12), "1\u00a0000\u00a0000\u00a0000\u00a0000");  // no exponent
}

TEST(Text, PluralPicksTheFormThatGoesWithTheCount) {
  const auto rows = [](std::uint64_t n) { return std::string(plural(n, "строка", "строки", "строк")); };
  EXPECT_EQ(rows(1), "строка");
  EXPECT_EQ(rows(21), "строка");
  EXPECT_EQ(rows(3), "строки");
  EXPECT_EQ(rows(104), "строки");
  EXPECT_EQ(rows(0), "строк");
  EXPECT_EQ(rows(11), "строк");
  EXPECT_EQ(rows(112), "строк");
  EXPECT_EQ(rows(25), "строк");
}

TEST(Text, DigitGroupsAsPeopleAndExcelWriteThemAreTakenOut) {
  using metodist::domain::without_digit_groups;
  EXPECT_EQ(without_digit_groups("1 170 002"), "1170002");
  EXPECT_EQ(without_digit_groups("12\u00a0345,5"), "12345,5");
  EXPECT_EQ(without_digit_groups("1\u202f000 и 2\u2009000"), "1000 и 2000");
  EXPECT_EQ(without_digit_groups("2021: 9; 2022: 15"), "2021: 9; 2022: 15");  // a space after a colon stays
  EXPECT_EQ(without_digit_groups("до 31.05.2027 "), "до 31.05.2027 ");
}

TEST(NamesDistinct, ANameSharedGetsItsPlaceThenItsNumber) {
  std::vector<NamedUnit> units{
      {1, "СОШ № 1", "Ермаковский район"},  {2, "сош № 1", "Шушенский район"},
      {3, "Гимназия", "Ермаковский район"}, {1, "СОШ № 1", "Ермаковский район"},  // the same unit again (another row)
      {4, "Лицей", "Ермаковский район"},    {5, "Лицей", "Ермаковский район"}};
  make_names_distinct(units);
  EXPECT_EQ(units[0].name, "СОШ № 1 (Ермаковский район)");
  EXPECT_EQ(units[1].name, "сош № 1 (Шушенский район)");  // case does not make names differ
  EXPECT_EQ(units[2].name, "Гимназия");
  EXPECT_EQ(units[3].name, "СОШ № 1 (Ермаковский район)");
  EXPECT_EQ(units[4].name, "Лицей (Ермаковский район, №\u00a04)");
  EXPECT_EQ(units[5].name, "Лицей (Ермаковский район, №\u00a05)");
}

TEST(NamesDistinct, NamesakesWithoutAPlaceGetTheirNumberAlone) {
  std::vector<NamedUnit> units{{7, "Школа", ""}, {8, "Школа", ""}, {9, "Ёлочка", ""}, {10, "елочка", "Район"}};
  make_names_distinct(units);
  EXPECT_EQ(units[0].name, "Школа (№\u00a07)");
  EXPECT_EQ(units[1].name, "Школа (№\u00a08)");
  EXPECT_EQ(units[2].name, "Ёлочка");  // ё and е are one letter to the eye: told apart by place
  EXPECT_EQ(units[3].name, "елочка (Район)");
}
