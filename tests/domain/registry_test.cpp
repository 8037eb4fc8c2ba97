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
