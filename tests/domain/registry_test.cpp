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
