// The methodical active: eligibility rules as data with reasons, stages with
// thresholds, school team completeness (the Ermakovsky district order № 255-02 §3.1) and the assignment
// proposal within capacities, ШНОР first.
#include "domain/active.hpp"

#include <gtest/gtest.h>

#include "domain/error.hpp"

using namespace metodist::domain;

namespace {

Facts strong() {
  return {{"category", "highest"}, {"higher_ped_education", "1"}, {"experience_years", "12"}, {"ege_expert", "1"}};
}

}  // namespace

TEST(Eligibility, Seed004RulesDecideAndExplain) {
  const auto rules = default_eligibility_rules();
  const auto ok = check_eligibility(rules, strong());
  EXPECT_TRUE(ok.eligible);
  EXPECT_EQ(ok.preferred_met, 1);
  EXPECT_EQ(ok.results.size(), rules.size());

  auto facts = strong();
  facts["category"] = "first";
  facts["experience_years"] = "4";
  const auto no = check_eligibility(rules, facts);
  EXPECT_FALSE(no.eligible);
  EXPECT_EQ(no.results[0].reason, "Высшая квалификационная категория: Первая, нужно: Высшая");
  EXPECT_EQ(no.results[2].reason, "Стаж работы по специальности не менее 5 лет: 4, нужно не менее 5");
  EXPECT_TRUE(no.results[1].passed);
  // Exactly five years is enough; unknown experience is not.
  facts = strong();
  facts["experience_years"] = "5";
  EXPECT_TRUE(check_eligibility(rules, facts).eligible);
  facts.erase("experience_years");
  const auto unknown = check_eligibility(rules, facts);
  EXPECT_FALSE(unknown.eligible);
  EXPECT_EQ(unknown.results[2].reason, "Стаж работы по специальности не менее 5 лет: нет сведений");
  // Preferred rules never decide.
  facts = strong();
  facts["ege_expert"] = "0";
  EXPECT_TRUE(check_eligibility(rules, facts).eligible);
}

TEST(Eligibility, RulesAreDataAndAreChecked) {
  std::vector<EligibilityRule> rules{{"exp", "Стаж не менее 10 лет", "experience_years", "gte", "10", true}};
  EXPECT_NO_THROW(validate_rules(rules));
  EXPECT_FALSE(check_eligibility(rules, strong() /* 12 years */).eligible == false);
  rules[0].fact = "shoe_size";
  EXPECT_THROW(validate_rules(rules), Error);
  rules[0] = {"cat", "Категория", "category", "gte", "highest", true};
  EXPECT_THROW(validate_rules(rules), Error);  // categories are not numbers
  rules[0] = {"cat", "Категория", "category", "eq", "supreme", true};
  EXPECT_THROW(validate_rules(rules), Error);
  rules[0] = {"", "", "category", "eq", "first", true};
  EXPECT_THROW(validate_rules(rules), Error);
  EXPECT_NO_THROW(validate_rules(default_eligibility_rules()));
}

TEST(Stages, EveryStageMustReachItsThreshold) {
  const auto stages = default_stages();
  EXPECT_NO_THROW(validate_stages(stages));
  std::map<std::string, double, std::less<>> scores{{"competencies", 82}, {"case", 15}};
  auto o = evaluate_stages(stages, scores);
  EXPECT_FALSE(o.complete);
  EXPECT_FALSE(o.passed);
  scores["interview"] = 6;  // exactly the threshold passes
  o = evaluate_stages(stages, scores);
  EXPECT_TRUE(o.passed);
  EXPECT_DOUBLE_EQ(o.total, 103);
  scores["case"] = 11.5;
  o = evaluate_stages(stages, scores);
  EXPECT_FALSE(o.passed);
  EXPECT_EQ(o.failed, std::vector<std::string>{"Решение методического кейса"});
  std::vector<SelectionStage> bad{{"x", "Этап", 10, 11}};
  EXPECT_THROW(validate_stages(bad), Error);
  bad = {{"x", "Этап", 10, 5}, {"x", "Другой", 10, 5}};
  EXPECT_THROW(validate_stages(bad), Error);
}

TEST(SchoolTeams, FourPeopleAMethodistAndThreeSubjectAreas) {
  std::vector<TeamMember> team{
      {1, "deputy_director", {}},
      {2, "teacher", {"math_it"}},
      {3, "teacher", {"russian_literature"}},
      {4, "teacher", {"natural_sciences", "math_it"}},
  };
  EXPECT_TRUE(team_problems(team).empty());
  auto no_science = team;
  no_science[3].subject_areas = {"math_it"};
  EXPECT_EQ(team_problems(no_science),
            std::vector<std::string>{"Нет учителя предметной области «Естественно-научные предметы»"});
  auto no_methodist = team;
  no_methodist[0].position = "director";
  EXPECT_EQ(team_problems(no_methodist).size(), 1u);
  EXPECT_NE(team_problems(no_methodist)[0].find("Нет методиста"), std::string::npos);
  const std::vector<TeamMember> three(team.begin(), team.begin() + 3);
  const auto problems = team_problems(three);
  EXPECT_EQ(problems.front(), "В команде 3 чел., нужно не менее 4");
  EXPECT_EQ(problems.size(), 2u);  // and the natural sciences teacher is missing
  EXPECT_EQ(team_problems({}).size(), 5u);
}

TEST(AssignmentProposal, ShnorFirstWithinCapacityBalancedAndExplained) {
  std::vector<MethodistLoad> methodists{
      {10, "Андреева", {1}, {"math_it"}, 2, 0},
      {11, "Борисова", {1}, {"russian_literature"}, 2, 1},
      {12, "Волкова", {2}, {"math_it"}, 1, 0},
  };
  std::vector<SupportTarget> targets{
      {"teacher", 100, "Учитель математики", 5, 1, {"math_it"}, false, 4},
      {"school", 5, "ШНОР №5", 5, 1, {}, true, 0},
      {"teacher", 101, "Учитель русского", 5, 1, {"russian_literature"}, false, 2},
      {"teacher", 102, "Учитель математики 2", 6, 2, {"math_it"}, false, 1},
      {"teacher", 103, "Ещё один", 6, 2, {"math_it"}, false, 0},
      {"teacher", 104, "Последний", 6, 1, {"arts"}, false, 0},
  };
  const auto p = propose_assignments(methodists, targets);
  ASSERT_EQ(p.size(), 6u);
  EXPECT_EQ(p[0].target.kind, "school");  // ШНОР first
  EXPECT_EQ(p[0].methodist, 10);          // same municipality, least loaded (0/2 against 1/2)
  EXPECT_EQ(p[1].target.id, 100);         // then by deficits
  EXPECT_EQ(p[1].methodist, 10);          // subject and place match
  EXPECT_EQ(p[2].target.id, 101);
  EXPECT_EQ(p[2].methodist, 11);
  EXPECT_EQ(p[3].target.id, 102);
  EXPECT_EQ(p[3].methodist, 12);  // municipality 2
  // Capacities are spent: Андреева 2/2, Борисова 2/2, Волкова 1/1.
  EXPECT_FALSE(p[4].methodist);
  EXPECT_EQ(p[4].reasons, std::vector<std::string>{"нет методиста со свободной нагрузкой"});
  EXPECT_FALSE(p[5].methodist);
  const auto& why = p[1].reasons;
  EXPECT_NE(std::find(why.begin(), why.end(), "та же предметная область"), why.end());
  EXPECT_NE(std::find(why.begin(), why.end(), "нагрузка после назначения 2 из 2"), why.end());
  EXPECT_NE(std::find(p[0].reasons.begin(), p[0].reasons.end(), "ШНОР — в первую очередь"), p[0].reasons.end());
}

TEST(SupportTasks, WhatATeacherOrASchoolWaitsForFromTheMethodist) {
  using namespace metodist::domain;
  using T = std::vector<SupportTask>;
  EXPECT_EQ(support_tasks_of(true, 0, 3, std::nullopt, false), T{SupportTask::draft_route}) << "deficits, no route";
  EXPECT_EQ(support_tasks_of(true, 2, 3, RouteStatus::draft, false), (T{SupportTask::answer, SupportTask::send_route}));
  EXPECT_EQ(support_tasks_of(true, 0, 3, RouteStatus::draft, true), T{}) << "sent: the teacher agrees it";
  EXPECT_EQ(support_tasks_of(true, 0, 3, RouteStatus::in_progress, false), T{});
  EXPECT_EQ(support_tasks_of(true, 0, 3, RouteStatus::completed, false), T{SupportTask::draft_route}) << "a new one";
  EXPECT_EQ(support_tasks_of(true, 0, 0, std::nullopt, false), T{}) << "no deficits, no route needed";
  EXPECT_EQ(support_tasks_of(false, 1, -1, std::nullopt, false), T{SupportTask::answer}) << "a school: messages only";
  EXPECT_EQ(code_of(SupportTask::send_route), "send_route");
}
