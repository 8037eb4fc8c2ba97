// What the registry must hold for the indicators, and what a gap costs.
#include "domain/data_quality.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace metodist::domain;

TEST(DataQuality, TheYoungTeacherIndicatorsAreTheOnesThatNeedAnAge) {
  const auto all = indicators_of_set("");
  const auto codes = indicators_needing_age(all);
  ASSERT_FALSE(codes.empty());
  EXPECT_NE(std::find(codes.begin(), codes.end(), "fed.4"), codes.end());
  EXPECT_EQ(std::find(codes.begin(), codes.end(), "fed.1"), codes.end()) << "fed.1 counts teachers of any age";
  for (const auto& code : codes) {
    const auto* ind = find_indicator(code);
    ASSERT_TRUE(ind) << code;
    const auto has_young = [](const Population& p) {
      return std::find(p.all.begin(), p.all.end(), Count::young) != p.all.end();
    };
    EXPECT_TRUE(has_young(ind->numerator) || (ind->denominator && has_young(*ind->denominator))) << code;
  }
  for (const auto& f : quality_fields()) EXPECT_EQ(find_quality_field(f.code), &f);
  EXPECT_FALSE(find_quality_field("category")) << "always filled: a gap cannot be told from «без категории»";
}

TEST(DataQuality, CompletenessIsTheShareOfFilledCells) {
  OrganisationQuality q;
  q.staff = 10;
  q.missing = {2, 0, 5, 1};  // 8 gaps in 40 cells
  EXPECT_DOUBLE_EQ(completeness(q), 0.8);
  q.missing = {0, 0, 0, 0};
  EXPECT_DOUBLE_EQ(completeness(q), 1.0);
  q.staff = 0;
  EXPECT_DOUBLE_EQ(completeness(q), 1.0) << "no staff, nothing missing";
}
