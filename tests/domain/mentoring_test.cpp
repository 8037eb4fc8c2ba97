// Young teachers (the boundary days of both limits), the pair workflow and the
// ranked, explained mentor suggestion.
#include "domain/mentoring.hpp"

#include <gtest/gtest.h>

using namespace metodist::domain;

namespace {
std::optional<Date> d(const char* iso) { return Date::parse_iso(iso); }
}  // namespace

TEST(YoungTeachers, UnderThirtyFiveAndUnderThreeYearsOnTheDay) {
  const auto on = *d("2024-12-31");
  EXPECT_TRUE(is_young_teacher(d("1990-01-01"), d("2022-09-01"), on));
  // 35 exactly on the day: no longer young; a day younger: still young.
  EXPECT_FALSE(is_young_teacher(d("1989-12-31"), d("2023-09-01"), on));
  EXPECT_TRUE(is_young_teacher(d("1990-01-01"), d("2023-09-01"), on));
  // Three years of experience exactly on the day: no longer; a day less: still.
  EXPECT_FALSE(is_young_teacher(d("1995-05-05"), d("2021-12-31"), on));
  EXPECT_TRUE(is_young_teacher(d("1995-05-05"), d("2022-01-01"), on));
  // Unknown dates prove nothing; not started yet is not a teacher yet.
  EXPECT_FALSE(is_young_teacher(std::nullopt, d("2023-09-01"), on));
  EXPECT_FALSE(is_young_teacher(d("1995-05-05"), std::nullopt, on));
  EXPECT_FALSE(is_young_teacher(d("1995-05-05"), d("2025-01-01"), on));
  // Both limits are settings.
  EXPECT_TRUE(is_young_teacher(d("1987-06-01"), d("2020-09-01"), on, {40, 5}));
}

TEST(MentoringPairs, CompletedNeedsAResultAndClosedPairsStayClosed) {
  using S = PairStatus;
  EXPECT_EQ(pair_transition_problem(S::active, S::terminated, ""), "");
  EXPECT_NE(pair_transition_problem(S::active, S::completed, "").find("результат"), std::string::npos);
  EXPECT_EQ(pair_transition_problem(S::active, S::completed, "Провела открытый урок"), "");
  EXPECT_NE(pair_transition_problem(S::completed, S::active, ""), "");
  EXPECT_NE(pair_transition_problem(S::terminated, S::completed, "Итог"), "");
  EXPECT_EQ(code_of(S::terminated), "terminated");
  EXPECT_FALSE(value_in<S>(mentoring_pair_statuses(), "paused"));
  EXPECT_EQ(mentoring_forms().size(), 5u);
}

TEST(MentorSuggestions, SameSubjectAndSchoolFirstWithReasonsAndLimits) {
  std::vector<MentorCandidate> all{
      {1, "Аникина", false, false, true, "first", 12, 0},    // same area, other school
      {2, "Борисова", true, true, false, "highest", 20, 1},  // same subject and school
      {3, "Волков", true, true, false, "highest", 3, 0},     // too little experience
      {4, "Громова", true, true, false, "highest", 15, 3},   // already three mentees
      {5, "Дёмина", true, false, false, "none", -1, 0},      // experience unknown: kept
  };
  const auto ranked = rank_mentors(all);
  ASSERT_EQ(ranked.size(), 3u);
  EXPECT_EQ(ranked[0].candidate.person_id, 2);
  const auto& why = ranked[0].reasons;
  EXPECT_NE(std::find(why.begin(), why.end(), "ведёт тот же предмет"), why.end());
  EXPECT_NE(std::find(why.begin(), why.end(), "стаж 20 лет"), why.end());
  EXPECT_NE(std::find(why.begin(), why.end(), "уже наставник: 1"), why.end());
  for (const auto& s : ranked) {
    EXPECT_NE(s.candidate.person_id, 3);
    EXPECT_NE(s.candidate.person_id, 4);
  }
  EXPECT_EQ(rank_mentors(all, 1).size(), 1u);
  const auto one_year = rank_mentors(std::vector<MentorCandidate>{{7, "Жукова", false, false, false, "none", 21, 0}});
  EXPECT_NE(std::find(one_year[0].reasons.begin(), one_year[0].reasons.end(), "стаж 21 год"),
            one_year[0].reasons.end());
}
