#include "domain/registry.hpp"

#include <gtest/gtest.h>

#include "domain/error.hpp"

using namespace metodist::domain;

TEST(Inn, ChecksControlDigits) {
  EXPECT_TRUE(is_valid_inn("7707083893"));    // Сбербанк
  EXPECT_FALSE(is_valid_inn("7707083894"));   // wrong check digit
  EXPECT_TRUE(is_valid_inn("500100732259"));  // a valid 12-digit INN
  EXPECT_FALSE(is_valid_inn("500100732258"));
  EXPECT_FALSE(is_valid_inn("77070838"));
  EXPECT_FALSE(is_valid_inn("77070838a3"));
}

Organisation valid_school() {
  Organisation o;
  o.code = "S-1";
  o.name = "МБОУ «Школа №1»";
  o.kind = "school";
  o.territory_id = 1;
  return o;
}

std::string failing_field(const Organisation& o) {
  try {
    validate_organisation(o);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::validation_failed);
    return e.field();
  }
  return "";
}

TEST(ValidateOrganisation, AcceptsAValidSchool) { EXPECT_EQ(failing_field(valid_school()), ""); }

TEST(ValidateOrganisation, NamesTheBadField) {
  auto o = valid_school();
  o.name = "   ";
  EXPECT_EQ(failing_field(o), "name");
  o = valid_school();
  o.kind = "castle";
  EXPECT_EQ(failing_field(o), "kind");
  o = valid_school();
  o.inn = "123";
  EXPECT_EQ(failing_field(o), "inn");
  o = valid_school();
  o.code = "";
  EXPECT_EQ(failing_field(o), "code");
}

TEST(ValidateOrganisation, ShnorOnlyForSchools) {
  auto o = valid_school();
  o.kind = "kindergarten";
  o.is_shnor = true;
  EXPECT_EQ(failing_field(o), "is_shnor");
}

TEST(Vocabularies, ClassifyKindsAndPositions) {
  EXPECT_TRUE(is_educational_kind("school"));
  EXPECT_TRUE(is_educational_kind("kindergarten"));
  EXPECT_FALSE(is_educational_kind("authority"));
  EXPECT_FALSE(is_educational_kind("institute"));
  EXPECT_TRUE(is_teaching_position("teacher"));
  EXPECT_TRUE(is_teaching_position("educator"));
  EXPECT_FALSE(is_teaching_position("director"));
  EXPECT_FALSE(is_teaching_position("deputy_director"));
  ASSERT_NE(find_term(subject_areas(), "math_it"), nullptr);
  EXPECT_EQ(find_term(subject_areas(), "math_it")->title, "Математика и информатика");
  EXPECT_EQ(find_term(organisation_kinds(), "nope"), nullptr);
}

// A form gets every problem at once (domain::Problems), the first also as the error's field.
TEST(Problems, APersonIsCheckedWholeAndEveryBadFieldIsNamed) {
  using namespace metodist::domain;
  Person p;
  p.birth_date = "1890-01-01";
  p.ped_experience_since = "2020-13-01";
  try {
    validate_person(p, *Date::parse_iso("2026-12-03"), false);
    FAIL() << "an empty person is refused";
  } catch (const Error& e) {
    std::vector<std::string> fields;
    for (const auto& x : e.problems()) fields.push_back(x.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"last_name", "first_name", "birth_date", "ped_experience_since"}));
    EXPECT_EQ(e.field(), "last_name");
  }
  EXPECT_THROW(validate_person(p, *Date::parse_iso("2026-12-03"), true), Error);
  Problems problems;
  problems.check([] { throw Error::validation("code", "Укажите код"); });
  problems.check([] { throw Error::validation("code", "Код длиннее 64 символов"); });
  problems.add("name", "Укажите наименование");
  EXPECT_TRUE(problems.has("code"));
  try {
    problems.raise();
    FAIL();
  } catch (const Error& e) {
    ASSERT_EQ(e.problems().size(), 2u) << "one message per field: the first found";
    EXPECT_STREQ(e.what(), "Укажите код");
  }
  Problems none;
  EXPECT_NO_THROW(none.raise());
  EXPECT_THROW(none.check([] { throw Error::not_found("Нет"); }), Error) << "not a validation error: passes through";
}

TEST(Snils, CheckNumberAsTheFundComputesItWithItsSpecialCases) {
  using metodist::domain::parse_snils;
  EXPECT_EQ(parse_snils("112-233-445 95"), "112-233-445 95");  // 9+8+14+12+15+12+12+8+5 = 95
  EXPECT_EQ(parse_snils("11223344595"), "112-233-445 95") << "without separators";
  EXPECT_EQ(parse_snils(" 112 233 445-95 "), "112-233-445 95") << "spaces and hyphens anywhere";
  EXPECT_FALSE(parse_snils("112-233-445 94")) << "a wrong check number";
  EXPECT_EQ(parse_snils("291-417-776 94"), "291-417-776 94") << "sum 195 > 101: 195 mod 101 = 94";
  EXPECT_EQ(parse_snils("050-234-316 00"), "050-234-316 00") << "sum exactly 100 gives 00";
  EXPECT_FALSE(parse_snils("050-234-316 100"));
  EXPECT_EQ(parse_snils("016-103-396 00"), "016-103-396 00") << "sum exactly 101 gives 00";
  EXPECT_EQ(parse_snils("820-981-233 00"), "820-981-233 00") << "sum 201: 201 mod 101 = 100, which gives 00";
  // Generated numbers carry their own check number, whatever the sum.
  EXPECT_EQ(metodist::domain::snils_of(112233445), "112-233-445 95");
  EXPECT_EQ(metodist::domain::snils_of(820981233), "820-981-233 00");
  EXPECT_EQ(metodist::domain::snils_of(291417776), "291-417-776 94");
  for (std::int64_t n = 100000000; n < 100000000 + 5000 * 7919; n += 7919)
    ASSERT_TRUE(parse_snils(metodist::domain::snils_of(n))) << n;
  EXPECT_FALSE(parse_snils("820-981-233 100"));
  // Up to 001-001-998 the numbers were issued before the check number: not checked.
  EXPECT_EQ(parse_snils("001-001-998 12"), "001-001-998 12");
  EXPECT_EQ(parse_snils("001-001-999 65"), "001-001-999 65");
  EXPECT_FALSE(parse_snils("001-001-999 12")) << "from 001-001-999 on, it is";
  EXPECT_FALSE(parse_snils("112-233-445 9")) << "ten digits";
  EXPECT_FALSE(parse_snils("112-233-445 955")) << "twelve digits";
  EXPECT_FALSE(parse_snils("11a-233-445 95"));
  EXPECT_FALSE(parse_snils(""));
}

TEST(Snils, APersonsSnilsIsCheckedWithTheCardAndWithheldWithPersonalData) {
  using namespace metodist::domain;
  Person p;
  p.code = "T-1";
  p.last_name = "Соколова";
  p.first_name = "Дарья";
  p.snils = "112-233-445 94";
  const auto today = Date::today();
  try {
    validate_person(p, today);
    FAIL() << "a СНИЛС that does not add up is refused";
  } catch (const Error& e) {
    EXPECT_EQ(e.field(), "snils");
  }
  p.snils = "112-233-445 95";
  EXPECT_NO_THROW(validate_person(p, today));
  withhold_personal(p);
  EXPECT_EQ(p.snils, "") << "personal data, like the birth date";
}
