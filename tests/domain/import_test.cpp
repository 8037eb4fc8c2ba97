#include "domain/import.hpp"

#include <gtest/gtest.h>

using namespace metodist::domain;

TEST(ImportColumns, HeadersMatchAsPeopleWriteThem) {
  const std::vector<std::string_view> header{" Ф.И.О. ", "ТАБЕЛЬНЫЙ номер",       "Дата  рождения", "", "Стаж (лет)",
                                             "code",     "Фамилия, имя, отчество"};
  const auto map = map_header(person_import_columns(), header);
  EXPECT_EQ(map.of(person_import_columns(), "full_name"), 0u);
  EXPECT_EQ(map.of(person_import_columns(), "code"), 1u);
  EXPECT_EQ(map.of(person_import_columns(), "birth_date"), 2u);
  EXPECT_EQ(map.unknown, std::vector<std::string>{"Стаж (лет)"});
  // A second column for the same key is reported, the first one is used.
  EXPECT_EQ(map.duplicated, (std::vector<std::string>{"code", "Фамилия, имя, отчество"}));
  EXPECT_FALSE(map.of(person_import_columns(), "gender"));
}

TEST(ImportValues, FlagsGenderCategoryAndNames) {
  EXPECT_EQ(parse_flag(" Да "), true);
  EXPECT_EQ(parse_flag("х"), true);  // Cyrillic «х» as people tick boxes
  EXPECT_EQ(parse_flag("НЕТ"), false);
  EXPECT_EQ(parse_flag("0"), false);
  EXPECT_FALSE(parse_flag("может быть"));
  EXPECT_EQ(parse_gender("Жен."), "f");
  EXPECT_EQ(parse_gender("М"), "m");
  EXPECT_FALSE(parse_gender("другое"));
  EXPECT_EQ(parse_category("Высшая")->code, "highest");
  EXPECT_EQ(parse_category("первая категория")->code, "first");
  EXPECT_EQ(parse_category("соответствие занимаемой должности")->code, "none");
  EXPECT_EQ(parse_category("нет")->code, "none");
  EXPECT_EQ(parse_category("лучшая"), nullptr);
  std::string_view last, first, middle;
  ASSERT_TRUE(split_full_name("  Иванова   Мария Петровна ", last, first, middle));
  EXPECT_EQ(std::string(last) + "|" + std::string(first) + "|" + std::string(middle), "Иванова|Мария|Петровна");
  ASSERT_TRUE(split_full_name("Ли Мин Хо  Ан ", last, first, middle));
  EXPECT_EQ(middle, "Хо  Ан");
  ASSERT_TRUE(split_full_name("Ким Алина", last, first, middle));
  EXPECT_EQ(middle, "");
  EXPECT_FALSE(split_full_name("Иванова", last, first, middle));
}

TEST(ImportValues, TermsByCodeOrTitleIgnoringCase) {
  const TermIndex positions_index(positions());
  EXPECT_EQ(positions_index.find("учитель")->code, "teacher");
  EXPECT_EQ(positions_index.find("deputy_director")->code, "deputy_director");
  EXPECT_EQ(positions_index.find(" ЗАМЕСТИТЕЛЬ ДИРЕКТОРА ")->code, "deputy_director");
  EXPECT_EQ(positions_index.find("космонавт"), nullptr);
  EXPECT_EQ(match_term(subject_areas(), "естественно-научные предметы")->code, "natural_sciences");
  EXPECT_NE(allowed_titles(qualification_categories()).find("«Высшая»"), std::string::npos);
}

TEST(ImportValues, NumbersWithADotOrAComma) {
  EXPECT_EQ(parse_number("17"), 17);
  EXPECT_EQ(parse_number(" 17,5 "), 17.5);
  EXPECT_EQ(parse_number("17.5"), 17.5);
  EXPECT_EQ(parse_number("1 170 002"), 1170002);  // as Excel and people group it
  EXPECT_EQ(parse_number("12\u00a0345,5"), 12345.5);
  EXPECT_FALSE(parse_number("17 баллов"));
  EXPECT_FALSE(parse_number(""));
  EXPECT_FALSE(parse_number("nan"));
  EXPECT_FALSE(parse_number("1e999"));
}
