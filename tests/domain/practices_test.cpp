// Expertise of practices: conflict of interest, scores, the result and the
// decision it proposes.
#include "domain/practices.hpp"
#include "domain/error.hpp"

#include <gtest/gtest.h>

using namespace metodist::domain;

TEST(PracticeExperts, ConflictOfInterest) {
  const std::vector<std::int64_t> authors{11, 12};
  EXPECT_EQ(expert_conflict({11, {5}}, 7, authors), "эксперт — автор этой практики");
  EXPECT_EQ(expert_conflict({20, {3, 7}}, 7, authors), "эксперт работает в организации, представившей практику");
  EXPECT_FALSE(expert_conflict({20, {3}}, 7, authors));
  EXPECT_FALSE(expert_conflict({20, {}}, 7, {}));
}

TEST(PracticeScores, EveryCriterionWithinItsMaximum) {
  std::vector<Score> s{{"Актуальность", 5, 4}, {"Новизна", 10, 7}};
  EXPECT_NO_THROW(check_scores(s));
  EXPECT_EQ(total_of(s), 11);
  EXPECT_EQ(max_of(s), 15);
  s[1].score = 11;
  EXPECT_THROW(check_scores(s), Error);
  s[1].score = -1;
  EXPECT_THROW(check_scores(s), Error);
  s[1].score.reset();
  try {
    check_scores(s);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.field(), "scores");
    EXPECT_NE(std::string(e.what()).find("Новизна"), std::string::npos);
  }
}

TEST(PracticeResult, MeanShareOfTheMaximumProposesTheDecision) {
  EXPECT_FALSE(result_percent({}));
  const std::vector<ReviewTotal> r{{20, 25}, {15, 25}};  // 80 % and 60 %
  EXPECT_DOUBLE_EQ(*result_percent(r), 70.0);
  const ExpertiseRules rules;  // 70 / 40
  EXPECT_EQ(proposed_decision(70.0, rules), "accept");
  EXPECT_EQ(proposed_decision(69.9, rules), "revise");
  EXPECT_EQ(proposed_decision(40.0, rules), "revise");
  EXPECT_EQ(proposed_decision(39.9, rules), "reject");
  // Different maxima weigh the same per expert.
  EXPECT_DOUBLE_EQ(*result_percent(std::vector<ReviewTotal>{{10, 10}, {0, 50}}), 50.0);
}

TEST(PracticeRules, ThresholdsChecked) {
  EXPECT_NO_THROW(check_expertise_rules({70, 40, 2}));
  EXPECT_THROW(check_expertise_rules({70, 80, 2}), Error);
  EXPECT_THROW(check_expertise_rules({101, 40, 2}), Error);
  EXPECT_THROW(check_expertise_rules({70, 40, 0}), Error);
  EXPECT_THROW(check_expertise_rules({70, 40, 2, 0}), Error);
  EXPECT_THROW(check_expertise_rules({70, 40, 2, 91}), Error);
  EXPECT_NO_THROW(check_expertise_rules({70, 40, 2, 90}));
  // The term counts calendar days from the assignment, across a month and a year.
  EXPECT_EQ(review_due_on("2026-12-25T10:00:00Z", 14), "2027-01-08");
  EXPECT_EQ(review_due_on("2026-02-20", 10), "2026-03-02");
  EXPECT_EQ(review_due_on("не дата", 10), "");
  EXPECT_TRUE(practice_editable(PracticeStatus::draft));
  EXPECT_TRUE(practice_editable(PracticeStatus::returned));
  EXPECT_FALSE(practice_editable(PracticeStatus::in_review));
  EXPECT_FALSE(practice_editable(PracticeStatus::accepted));
}
