// How two records of one person are recognised and what merging them keeps.
#include "domain/person_merge.hpp"

#include <gtest/gtest.h>

using namespace metodist::domain;

namespace {
DuplicateCandidate candidate(std::int64_t id, const char* last, const char* first, const char* middle,
                             const char* birth, bool snils = false) {
  return {id, person_name_hash(person_name_key(last, first, middle)), birth_number(birth), snils};
}
}  // namespace

TEST(PersonMerge, NamesAreComparedWithoutCaseYoAndExtraSpaces) {
  EXPECT_EQ(person_name_key("Артёмова ", " АННА", "Петровна"), person_name_key("артемова", "анна", "петровна"));
  EXPECT_EQ(person_name_key("Иванова  Мария", "", ""), person_name_key("Иванова", "Мария", ""));
  EXPECT_NE(person_name_key("Иванова", "Мария", "Петровна"), person_name_key("Иванова", "Мария", "Павловна"));
  EXPECT_EQ(birth_number("1979-05-04"), 19790504);
  EXPECT_EQ(birth_number(""), 0);
}

TEST(PersonMerge, PairsAreFoundByNameAndBirthDateOrNameAndWorkplace) {
  std::vector<DuplicateCandidate> c{
      candidate(1, "Лебедева", "Нина", "Ивановна", "1979-05-04"),
      candidate(2, "ЛЕБЕДЕВА", "Нина", "Ивановна", "1979-05-04"),  // the same name and birth date
      candidate(3, "Лебедева", "Нина", "Ивановна", ""),            // no birth date: by workplace only
      candidate(4, "Лебедева", "Нина", "Ивановна", "1980-01-01"),  // another birth date, another school
      candidate(5, "Орлова", "Вера", "", "1990-02-02", true),      // both with a СНИЛС: two people
      candidate(6, "Орлова", "Вера", "", "1990-02-02", true),
      candidate(7, "Орлова", "Вера", "", "1990-02-02", false),  // … but with one that has none, a pair
  };
  const std::vector<std::pair<std::int64_t, std::int64_t>> places{{1, 100}, {3, 100}, {3, 100}, {4, 200}, {2, 300}};
  const auto pairs = find_duplicates(c, places);
  auto find = [&](std::int64_t a, std::int64_t b) -> const DuplicatePair* {
    for (const auto& p : pairs)
      if (p.first == a && p.second == b) return &p;
    return nullptr;
  };
  ASSERT_TRUE(find(1, 2));
  EXPECT_TRUE(find(1, 2)->same_birth_date);
  EXPECT_TRUE(find(1, 2)->same_organisations.empty());
  ASSERT_TRUE(find(1, 3));
  EXPECT_FALSE(find(1, 3)->same_birth_date);
  EXPECT_EQ(find(1, 3)->same_organisations, std::vector<std::int64_t>{100}) << "3's two posts there count once";
  EXPECT_FALSE(find(1, 4)) << "another birth date and another school";
  EXPECT_FALSE(find(3, 4));
  EXPECT_FALSE(find(5, 6)) << "two numbers: two people";
  EXPECT_TRUE(find(5, 7));
  EXPECT_TRUE(find(6, 7));
}

TEST(PersonMerge, AGroupTooLargeIsADataFaultNotThousandsOfPairs) {
  std::vector<DuplicateCandidate> c;
  for (int i = 1; i <= static_cast<int>(kMaxDuplicateGroup) + 1; ++i)
    c.push_back(candidate(i, "Иванова", "Мария", "", "1980-01-01"));
  EXPECT_TRUE(find_duplicates(c, {}).empty());
}

TEST(PersonMerge, FactsThatCannotBeOnePersonAreNamedAndTheKeptRecordFillsItsGaps) {
  Person kept, merged;
  kept.birth_date = "1979-05-04";
  merged.birth_date = "1979-05-05";
  kept.snils = "112-233-445 95";
  merged.snils = "123-456-789 64";
  const auto conflicts = merge_conflicts(kept, merged);
  ASSERT_EQ(conflicts.size(), 2u);
  EXPECT_EQ(conflicts[0], "Даты рождения разные: 04.05.1979 и 05.05.1979 — исправьте неверную в карточке");
  EXPECT_EQ(conflicts[1].rfind("СНИЛС разные", 0), 0u);

  Person a, b;
  a.category = "none";
  b.category = "highest";
  b.birth_date = "1979-05-04";
  b.snils = "112-233-445 95";
  b.middle_name = "Ивановна";
  b.higher_ped_education = true;
  a.middle_name = "";
  EXPECT_TRUE(merge_conflicts(a, b).empty()) << "a gap is not a conflict";
  const auto card = merged_card(a, b);
  EXPECT_EQ(card.birth_date, "1979-05-04");
  EXPECT_EQ(card.snils, "112-233-445 95");
  EXPECT_EQ(card.category, "highest");
  EXPECT_EQ(card.middle_name, "Ивановна");
  EXPECT_TRUE(card.higher_ped_education);
  a.category = "first";
  EXPECT_EQ(merged_card(a, b).category, "first") << "the kept record's own value stays";
}
