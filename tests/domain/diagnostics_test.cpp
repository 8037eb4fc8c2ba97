// Levels, deficits, «coped», the «chosen from a diagnosed deficit» rule and dynamics.
#include "domain/diagnostics.hpp"

#include <gtest/gtest.h>

#include "domain/error.hpp"
#include "support/errors.hpp"

using metodist::testing::error_of;
using namespace metodist::domain;

namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }

}  // namespace

TEST(Diagnostics, PercentOfTheMaximumIsRoundedToATenthAndChecked) {
  EXPECT_DOUBLE_EQ(percent_of(17, 24), 70.833333);
  EXPECT_LT(percent_of(69.96, 100), 70) << "69.96 % is not «70 % and more»";
  EXPECT_DOUBLE_EQ(percent_of(7, 10), 70);
  EXPECT_DOUBLE_EQ(percent_of(0, 10), 0);
  EXPECT_DOUBLE_EQ(percent_of(10, 10), 100);
  EXPECT_EQ(error_of([] { percent_of(5, 0); }).field(), "max_score");
  EXPECT_EQ(error_of([] { percent_of(-1, 10); }).field(), "raw_score");
  EXPECT_EQ(error_of([] { percent_of(11, 10); }).field(), "raw_score");
}

TEST(Diagnostics, LevelsAreBandsFromTheirLowerBound) {
  const auto scale = LevelScale::standard();
  EXPECT_EQ(scale.level_of(0).code, "insufficient");
  EXPECT_EQ(scale.level_of(49.9).code, "insufficient");
  EXPECT_EQ(scale.level_of(50).code, "basic");  // the boundary belongs to the upper band
  EXPECT_EQ(scale.level_of(69.9).code, "basic");
  EXPECT_EQ(scale.level_of(70).code, "advanced");
  EXPECT_EQ(scale.level_of(85).code, "high");
  EXPECT_EQ(scale.level_of(100).code, "high");
}

TEST(Diagnostics, ABadScaleIsRefusedByField) {
  EXPECT_EQ(error_of([] { LevelScale({}); }).field(), "levels");
  EXPECT_EQ(error_of([] { LevelScale({{"a", "А", 10}}); }).field(), "levels");  // not from 0
  EXPECT_EQ(error_of([] { LevelScale({{"a", "А", 0}, {"b", "Б", 60}, {"c", "В", 60}}); }).field(), "levels");
  EXPECT_EQ(error_of([] { LevelScale({{"a", "А", 0}, {"a", "Б", 60}}); }).field(), "levels");
  EXPECT_EQ(error_of([] { LevelScale({{"a", "А", 0}, {"b", "Б", 120}}); }).field(), "levels");
  EXPECT_EQ(LevelScale({{"no", "Не справился", 0}, {"yes", "Справился", 70}}).level_of(70).code, "yes");
}

TEST(Diagnostics, ADeficitIsBelowTheThresholdOfItsCompetency) {
  const DeficitRule rule(50, {{"subject.content", 60}});
  EXPECT_TRUE(rule.is_deficit("method.assessment", 49.9));
  EXPECT_FALSE(rule.is_deficit("method.assessment", 50));
  EXPECT_TRUE(rule.is_deficit("subject.content", 59.9));  // its own, higher threshold
  EXPECT_FALSE(rule.is_deficit("subject.content", 60));
  EXPECT_EQ(error_of([] { DeficitRule(0); }).field(), "threshold");
  EXPECT_EQ(error_of([] { DeficitRule(50, {{"x", 101}}); }).field(), "threshold");
}

TEST(Diagnostics, CopedAtSeventyPercentByDefault) {
  EXPECT_FALSE(coped(69.9));
  EXPECT_TRUE(coped(70));
  EXPECT_TRUE(coped(60, 60));
}

TEST(Diagnostics, DeficitsAsOfADateUseTheLatestResultOfEachCompetency) {
  const std::vector<CompetencyResult> results{
      {"method.assessment", 40, d("2025-10-01")},  // deficit in October
      {"method.assessment", 75, d("2026-03-01")},  // cleared in March
      {"digital.resources", 30, d("2025-10-01")},  // deficit, never re-measured
      {"subject.content", 90, d("2025-10-01")},   {"subject.content", 45, d("2026-05-01")},  // a new deficit in May
  };
  const DeficitRule rule;
  EXPECT_EQ(deficits_on(results, rule, d("2025-09-30")), std::vector<std::string>{});
  EXPECT_EQ(deficits_on(results, rule, d("2025-10-01")),
            (std::vector<std::string>{"digital.resources", "method.assessment"}));
  EXPECT_EQ(deficits_on(results, rule, d("2026-03-01")), std::vector<std::string>{"digital.resources"});
  EXPECT_EQ(deficits_on(results, rule, d("2026-06-01")),
            (std::vector<std::string>{"digital.resources", "subject.content"}));
}

TEST(Diagnostics, AnEnrolmentIsChosenFromADeficitTheDayOfApplying) {
  const std::vector<CompetencyResult> results{
      {"method.functional_literacy", 35, d("2025-10-01")},
      {"method.functional_literacy", 80, d("2026-02-01")},
  };
  const DeficitRule rule;
  const std::vector<std::string> literacy{"method.functional_literacy", "method.assessment"};
  const std::vector<std::string> digital{"digital.resources"};
  EXPECT_TRUE(chosen_from_deficit(literacy, results, rule, d("2025-10-01")));  // diagnosed that very day
  EXPECT_TRUE(chosen_from_deficit(literacy, results, rule, d("2026-01-31")));
  EXPECT_FALSE(chosen_from_deficit(literacy, results, rule, d("2025-09-30")));  // before any diagnostic
  EXPECT_FALSE(chosen_from_deficit(literacy, results, rule, d("2026-02-01")));  // the deficit was gone
  EXPECT_FALSE(chosen_from_deficit(digital, results, rule, d("2026-01-31")));   // develops something else
  EXPECT_FALSE(chosen_from_deficit({}, results, rule, d("2026-01-31")));
}

TEST(Diagnostics, DynamicsCompareCompetenciesMeasuredBothTimes) {
  const std::vector<CompetencyResult> before{{"method.assessment", 40, d("2025-10-01")},
                                             {"digital.resources", 55, d("2025-10-01")},
                                             {"subject.content", 70, d("2025-10-01")}};
  const std::vector<CompetencyResult> after{{"method.assessment", 72.5, d("2026-05-01")},
                                            {"subject.content", 65, d("2026-05-01")},
                                            {"psy.upbringing", 90, d("2026-05-01")}};
  const auto changes = dynamics(before, after);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].competency, "method.assessment");
  EXPECT_DOUBLE_EQ(changes[0].delta(), 32.5);
  EXPECT_EQ(changes[1].competency, "subject.content");
  EXPECT_DOUBLE_EQ(changes[1].delta(), -5);
}
