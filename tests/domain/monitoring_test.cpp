// Monitoring: periods, the built-in indicator sets, values from counts, and
// the engine on a small hand-built territory whose every number is worked
// out below by hand — people in two organisations, the young-teacher
// boundary, a person who left before the last day, an empty municipality.
#include "domain/monitoring.hpp"

#include "domain/error.hpp"
#include "domain/monitoring_engine.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

using namespace metodist::domain;
using namespace metodist::domain::monitor;

namespace {

Day d(const char* iso) { return day_of(std::string_view(iso)); }
Period year(int y) { return *parse_period(std::to_string(y)); }

// Federation 1 → region 10 → municipalities 100 (M1), 200 (M2), 300 (M3, empty).
// Schools 1001 (S1, M1: ШНОР, staff plan), 1002 (S2, M1: mentoring flag), 2001 (S3, M2);
// 1009 — the ИМЦ of M1, not an educational organisation.
// Persons (ids 1..8):
//  1 — teacher at S1 and S2; born 1995, experience since 2023-09-01: young; a mentee in 2024;
//      completed a federal-registry program chosen from a deficit on 2024-03-01; literacy 75 %.
//  2 — teacher at S1 since 2023-01-01; born 31.12.1989: 35 on 31.12.2024, not young; literacy 60 %;
//      a route 2024-09-01..2025-05-31.
//  3 — teacher at S3; born 1990-01-01 (34), experience since 2022-01-01 (2 years): young, no support.
//  4 — director at S3; completed a program for managerial teams on 2024-05-01.
//  5 — teacher at S1 until 2024-06-30.
//  6 — graduate of a pedagogical university with no post: nowhere.
//  7 — teacher at S3, born 1980, highest category, member of the active, mentor of 1,
//      recorded work 2024-10-10, in a network community, diagnosed 2024-10-01 (2 was in 2023).
//  8 — teacher at S2, supported by a methodist of the active; left a network community 2024-11-30.
//  9 — methodist of the ИМЦ (not a teacher), highest category, member of the active: counted in M1
//      for the active's indicators, in no school.
// Since the regulations' wording is followed (docs/monitoring.md): 1 attended an event for young
// teachers on 2024-05-05; 2 studies in a managerial-team program from 2024-11-01 (not completed);
// 3 is in the experts' roster (the «экспертный актив» of rmms.10).
Facts territory() {
  Facts f;
  f.territories = {{1, std::nullopt, 'f', "РФ"},
                   {10, 1, 'r', "Регион"},
                   {100, 10, 'm', "М1"},
                   {200, 10, 'm', "М2"},
                   {300, 10, 'm', "М3"}};
  f.organisations = {{1001, 100, true, true, true, false, "С1"},
                     {1002, 100, true, false, false, true, "С2"},
                     {2001, 200, true, false, false, false, "С3"},
                     {1009, 100, false, false, false, false, "ИМЦ"}};
  f.persons = {{1, d("1995-06-01"), d("2023-09-01"), false, false}, {2, d("1989-12-31"), d("2023-01-01"), false, false},
               {3, d("1990-01-01"), d("2022-01-01"), false, false}, {4, d("1975-03-03"), d("2000-09-01"), false, false},
               {5, d("1970-01-01"), d("1995-09-01"), false, false}, {6, d("2001-01-01"), kNever, false, true},
               {7, d("1980-05-05"), d("2003-09-01"), true, false},  {8, d("1985-02-02"), d("2010-09-01"), false, false},
               {9, d("1978-08-08"), d("2001-09-01"), true, false}};
  f.positions = {
      {1, 1001, Post::teaching, d("2023-09-01"), kOpen},   {1, 1002, Post::teaching, d("2023-09-01"), kOpen},
      {2, 1001, Post::teaching, d("2023-01-01"), kOpen},   {3, 2001, Post::teaching, d("2022-01-01"), kOpen},
      {4, 2001, Post::managerial, d("2010-01-01"), kOpen}, {5, 1001, Post::teaching, d("2020-01-01"), d("2024-06-30")},
      {7, 2001, Post::teaching, d("2003-09-01"), kOpen},   {8, 1002, Post::teaching, d("2022-09-01"), kOpen},
      {9, 1009, Post::teaching, d("2015-01-01"), kOpen}};
  f.completed_federal_from_deficit = {{1, d("2024-03-01"), d("2024-03-01")}};
  f.completed_program = {{1, d("2024-03-01"), d("2024-03-01")}, {4, d("2024-05-01"), d("2024-05-01")}};
  f.completed_managerial = {{4, d("2024-05-01"), d("2024-05-01")}};
  f.studied_managerial = {{4, d("2024-03-01"), d("2024-05-01")}, {2, d("2024-11-01"), d("2025-02-28")}};
  f.young_events = {{1, d("2024-05-05"), d("2024-05-05")}};
  f.literacy = {{1, d("2024-04-01"), 75}, {2, d("2024-04-01"), 60}};
  f.routes = {{2, d("2024-09-01"), d("2025-05-31")}};
  f.diagnosed = {{7, d("2024-10-01"), d("2024-10-01")}, {2, d("2023-10-01"), d("2023-10-01")}};
  f.mentees = {{1, d("2024-01-15"), kOpen}};
  f.mentors = {{7, d("2024-01-15"), kOpen}};
  f.active_members = {{7, d("2024-01-01"), kOpen}, {9, d("2024-03-01"), kOpen}};
  f.any_active_members = {{7, d("2024-01-01"), kOpen}, {9, d("2024-03-01"), kOpen}, {3, d("2023-06-01"), kOpen}};
  f.work = {{7, d("2024-10-10"), d("2024-10-10")}};
  f.network_members = {{7, d("2024-02-01"), kOpen}, {8, d("2024-02-01"), d("2024-11-30")}};
  f.person_support = {{8, d("2024-09-01"), kOpen}};
  f.organisation_support = {{2001, d("2024-09-01"), kOpen}};
  f.mentoring_programs = {{2001, d("2024-01-01"), d("2024-12-31")}};
  f.communities = {{1001, 100, d("2023-05-01"), kOpen, false},
                   {std::nullopt, 100, d("2024-02-01"), kOpen, false},
                   {std::nullopt, 200, d("2024-02-01"), kOpen, false},
                   {std::nullopt, 100, d("2025-01-10"), kOpen, false}};
  f.events = {{std::nullopt, 100, d("2024-03-03"), d("2024-03-03"), true},
              {std::nullopt, 100, d("2024-04-04"), d("2024-04-04"), false},
              {std::nullopt, 100, d("2023-04-04"), d("2023-04-04"), true}};
  f.requests = {{1001, 100, d("2024-02-10"), d("2024-02-10"), true},
                {1002, 100, d("2024-03-01"), d("2024-03-01"), false}};
  return f;
}

// Values of the indicators of a set, by unit id and code.
std::map<std::int64_t, std::map<std::string, Value>> values(const Facts& f, std::string_view set, const Period& p,
                                                            UnitLevel level) {
  const auto list = indicators_of_set(set);
  std::map<std::int64_t, std::map<std::string, Value>> out;
  for (const auto& u : count_units(f, list, p, level))
    for (std::size_t k = 0; k < list.size(); ++k)
      out[u.unit_id][list[k]->code] = evaluate(*list[k], u.numerator[k], u.denominator[k]);
  return out;
}

void expect_share(const Value& v, std::int64_t num, std::int64_t den, const char* what) {
  EXPECT_EQ(v.numerator, num) << what;
  ASSERT_TRUE(v.denominator) << what;
  EXPECT_EQ(*v.denominator, den) << what;
  ASSERT_TRUE(v.value) << what;
  EXPECT_DOUBLE_EQ(*v.value, std::round(1000.0 * num / den) / 10) << what;
}

}  // namespace

TEST(MonitoringPeriods, YearsSchoolYearsHalvesAndDates) {
  auto p = parse_period("2024");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->from.iso(), "2024-01-01");
  EXPECT_EQ(p->to.iso(), "2024-12-31");
  EXPECT_EQ(p->title, "2024 год");
  p = parse_period("2024/2025");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->from.iso(), "2024-09-01");
  EXPECT_EQ(p->to.iso(), "2025-08-31");
  EXPECT_EQ(previous_period(*p).code, "2023/2024");
  p = parse_period("2024-H1");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->to.iso(), "2024-06-30");
  EXPECT_EQ(previous_period(*p).code, "2023-H2");
  EXPECT_EQ(previous_period(*parse_period("2024-H2")).code, "2024-H1");
  p = parse_period("2024-04-15..2024-05-10");  // the Chelyabinsk order № 017730's collection window
  ASSERT_TRUE(p);
  EXPECT_EQ(p->title, "15.04.2024 — 10.05.2024");
  EXPECT_EQ(previous_period(*p).code, "2024-03-20..2024-04-14");
  EXPECT_EQ(previous_period(year(2024)).code, "2023");
  for (const char* bad : {"", "24", "2024/2026", "2024-H3", "2024-05-10..2024-04-15", "весь год", "1999"})
    EXPECT_FALSE(parse_period(bad)) << bad;
}

TEST(MonitoringIndicators, TheBuiltInSetsCarryTheCodesOfTheDomain) {
  std::vector<std::string> codes;
  for (const auto& i : builtin_indicators()) {
    codes.push_back(i.code);
    EXPECT_EQ(indicator_problem(i), "") << i.code;
    EXPECT_FALSE(i.responsible.empty()) << i.code;
    EXPECT_FALSE(i.basis.empty()) << i.code;
  }
  for (const char* code :
       {"fed.1",   "fed.2a",  "fed.2b",  "fed.3",   "fed.4",   "rmms.1",  "rmms.2",  "rmms.3",  "rmms.4",  "rmms.5",
        "rmms.6",  "rmms.7",  "rmms.8",  "rmms.9",  "rmms.10", "rmms.11", "rma.1.1", "rma.1.2", "rma.1.3", "rma.1.4",
        "rma.1.5", "rma.2.1", "rma.2.2", "rma.2.3", "rma.2.4", "rma.2.5", "rma.2.6", "rma.2.7"})
    EXPECT_NE(std::find(codes.begin(), codes.end(), code), codes.end()) << code;
  EXPECT_EQ(codes.size(), 28u);
  EXPECT_EQ(indicators_of_set("fed").size(), 5u);
  EXPECT_EQ(indicators_of_set("rmms").size(), 11u);
  EXPECT_EQ(indicators_of_set("rma").size(), 12u);
  EXPECT_EQ(find_indicator("fed.1")->target->text(), "≥\u00a030\u00a0%");
  EXPECT_FALSE(find_indicator("rmms.9")->denominator);             // a count
  EXPECT_EQ(find_indicator("fed.1")->window, Window::cumulative);  // «к 2024 году»
  EXPECT_EQ(find_indicator("rmms.4")->window, Window::period);     // «в отчётный период»

  Indicator mixed = *find_indicator("fed.1");
  mixed.numerator.all.push_back(Count::organisation);
  EXPECT_NE(indicator_problem(mixed), "");
  EXPECT_EQ(parse_count("young"), Count::young);
  EXPECT_FALSE(parse_count("unknown"));
}

TEST(MonitoringIndicators, ADenominatorOfZeroIsNoDataAndTargetsAreCompared) {
  const auto& fed1 = *find_indicator("fed.1");
  auto v = evaluate(fed1, 0, 0);
  EXPECT_FALSE(v.value);
  EXPECT_FALSE(v.met);
  v = evaluate(fed1, 1, 3);
  EXPECT_DOUBLE_EQ(*v.value, 33.3);
  EXPECT_TRUE(*v.met);
  v = evaluate(fed1, 2, 7);
  EXPECT_DOUBLE_EQ(*v.value, 28.6);
  EXPECT_FALSE(*v.met);
  v = evaluate(*find_indicator("rmms.9"), 4, std::nullopt);
  EXPECT_DOUBLE_EQ(*v.value, 4);
  EXPECT_FALSE(v.denominator);
  EXPECT_FALSE(v.met);  // no target
}

// Targets as the regions' orders write them.
TEST(MonitoringTargets, ValuesPerYearDynamicsAndTheRegionsMean) {
  Target yearly{">=", 20, TargetKind::value, parse_targets_by_year("2021: 9; 2022 — 15 %\n2023 год - 20", "t"), "%"};
  EXPECT_EQ(yearly.value_for(2022), 15);
  EXPECT_EQ(yearly.value_for(2030), 20);  // a year not listed: the general value
  EXPECT_EQ(yearly.met(12, 2021, {}, {}), true);
  EXPECT_EQ(yearly.met(12, 2022, {}, {}), false);
  EXPECT_EQ(yearly.text(), "2021 — ≥\u00a09\u00a0%; 2022 — ≥\u00a015\u00a0%; 2023 — ≥\u00a020\u00a0%");
  EXPECT_EQ(yearly.text_for(2022), "≥\u00a015\u00a0%");
  EXPECT_EQ(targets_by_year_text(yearly.by_year), "2021: 9; 2022: 15; 2023: 20");
  EXPECT_EQ(parse_targets_by_year("2024: 12,5", "t").front().second, 12.5);
  // A count in thousands reads back as written: «1 500» is not «1».
  const auto thousands = parse_targets_by_year("2024: 1\u00a0500; 2025: 2 000", "t");
  EXPECT_EQ(thousands.front().second, 1500);
  EXPECT_EQ(parse_targets_by_year(targets_by_year_text(thousands), "t"), thousands);
  for (auto bad : {"2021 девять", "21: 9", "2021: 9; 2021: 10", "2021: -3"})
    EXPECT_THROW(parse_targets_by_year(bad, "t"), Error) << bad;
  EXPECT_TRUE(parse_targets_by_year("", "t").empty());

  Target count{">=", 5, TargetKind::value, {}, "ед."};
  EXPECT_EQ(count.text(), "≥\u00a05\u00a0ед.");  // a count is not a share
  Target growth{"", 0, TargetKind::growth};
  EXPECT_EQ(growth.met(31.5, 2024, 30.0, {}), true);
  EXPECT_EQ(growth.met(30.0, 2024, 30.0, {}), false);
  EXPECT_EQ(growth.met(30.0, 2024, std::nullopt, {}), std::nullopt);  // nothing to compare with
  EXPECT_EQ(growth.text(), "положительная динамика");
  Target steady{"", 0, TargetKind::no_decline};
  EXPECT_EQ(steady.met(30.0, 2024, 30.0, {}), true);
  Target mean{"", 0, TargetKind::region_mean};
  EXPECT_EQ(mean.met(40, 2024, {}, 40.0), true);
  EXPECT_EQ(mean.met(39.9, 2024, {}, 40.0), false);
  EXPECT_EQ(mean.text(), "не ниже среднего по региону");
  EXPECT_EQ(parse_target_kind("region_mean"), TargetKind::region_mean);
  EXPECT_FALSE(parse_target_kind("someday"));
}

TEST(MonitoringEngine, FederalIndicatorsPerMunicipalityWorkedOutByHand) {
  const auto f = territory();
  const auto v = values(f, "fed", year(2024), UnitLevel::municipality);
  // M1 teachers on 31.12.2024: 1 (in two schools, once), 2, 8; 5 left in June.
  expect_share(v.at(100).at("fed.1"), 1, 3, "fed.1 M1");
  EXPECT_TRUE(*v.at(100).at("fed.1").met);
  expect_share(v.at(100).at("fed.2a"), 2, 3, "fed.2a M1");
  expect_share(v.at(100).at("fed.2b"), 1, 3, "fed.2b M1: 75 % coped, 60 % did not");
  expect_share(v.at(100).at("fed.3"), 0, 2, "fed.3 M1: two schools, the ИМЦ is not counted");
  expect_share(v.at(100).at("fed.4"), 1, 1, "fed.4 M1: 1 is young and a mentee; 2 turns 35 on the last day");
  // M2: teachers 3 and 7 (4 is a director); S3's director completed a managerial-team program.
  expect_share(v.at(200).at("fed.1"), 0, 2, "fed.1 M2");
  expect_share(v.at(200).at("fed.3"), 1, 1, "fed.3 M2");
  expect_share(v.at(200).at("fed.4"), 0, 1, "fed.4 M2: 3 is young without support");
  EXPECT_FALSE(*v.at(200).at("fed.4").met);
  // M3 has nobody: no data, never 0 %.
  EXPECT_FALSE(v.at(300).at("fed.1").value);
  EXPECT_EQ(v.at(300).at("fed.1").denominator, 0);
  // The region counts five teachers once each.
  const auto r = values(f, "fed", year(2024), UnitLevel::region);
  expect_share(r.at(10).at("fed.1"), 1, 5, "fed.1 region");
  EXPECT_FALSE(*r.at(10).at("fed.1").met);  // 20 % < 30 %
}

TEST(MonitoringEngine, MunicipalServiceIndicatorsWorkedOutByHand) {
  const auto f = territory();
  const auto v = values(f, "rmms", year(2024), UnitLevel::municipality);
  expect_share(v.at(100).at("rmms.1"), 1, 2, "rmms.1 M1: 2 of S1 studies in a managerial program — took part");
  expect_share(v.at(100).at("rmms.2"), 1, 2, "rmms.2 M1: S1's plan");
  expect_share(v.at(100).at("rmms.3"), 1, 2, "rmms.3 M1: S2's flag");
  expect_share(v.at(100).at("rmms.4"), 1, 3, "rmms.4 M1");
  expect_share(v.at(100).at("rmms.5"), 1, 3, "rmms.5 M1: 2's route");
  expect_share(v.at(100).at("rmms.6"), 1, 3, "rmms.6 M1: 1 is a mentee");
  expect_share(v.at(100).at("rmms.7"), 1, 1, "rmms.7 M1: 1 attended an event for young teachers");
  expect_share(v.at(100).at("rmms.8"), 0, 3, "rmms.8 M1: 8 left the community before the last day");
  EXPECT_DOUBLE_EQ(*v.at(100).at("rmms.9").value, 2);  // S1's association and M1's; the 2025 one not yet
  expect_share(v.at(100).at("rmms.10"), 0, 3, "rmms.10 M1");
  expect_share(v.at(100).at("rmms.11"), 1, 3, "rmms.11 M1: 8 is supported");

  expect_share(v.at(200).at("rmms.1"), 1, 1, "rmms.1 M2");
  expect_share(v.at(200).at("rmms.3"), 1, 1, "rmms.3 M2: a mentoring program in 2024");
  expect_share(v.at(200).at("rmms.4"), 1, 3, "rmms.4 M2: teachers 3, 7 and the director, who completed");
  expect_share(v.at(200).at("rmms.6"), 1, 2, "rmms.6 M2: 7 mentors");
  expect_share(v.at(200).at("rmms.8"), 1, 2, "rmms.8 M2");
  EXPECT_DOUBLE_EQ(*v.at(200).at("rmms.9").value, 1);
  expect_share(v.at(200).at("rmms.10"), 2, 2, "rmms.10 M2: 7 of the active, 3 of the experts' roster");
  expect_share(v.at(200).at("rmms.11"), 2, 2, "rmms.11 M2: S3 is assigned, so its teachers are supported");
  EXPECT_DOUBLE_EQ(*v.at(300).at("rmms.9").value, 0);
}

// The filters regions' orders use, as primitives a region composes its own indicators from.
TEST(MonitoringEngine, FiltersOfTheRegionsOrdersWorkedOutByHand) {
  auto f = territory();
  f.organisations[0].general = f.organisations[1].general = true;  // S1, S2 are schools; S3 is, say, a college
  f.organisations[3].centre = true;                                // 9 works «в Центре»
  f.completed_federal = {{1, d("2024-03-01"), d("2024-03-01")}, {2, d("2024-06-01"), d("2024-06-01")}};
  f.events[0].regional = true;
  auto count = [](const char* code, std::initializer_list<Count> num, std::optional<std::initializer_list<Count>> den) {
    Indicator i;
    i.code = code;
    i.set = "reg";
    i.name = code;
    i.unit = den ? "%" : "ед.";
    i.kind = den ? ValueKind::share : ValueKind::count;
    i.numerator = Population{std::vector<Count>(num)};
    if (den) i.denominator = Population{std::vector<Count>(*den)};
    return i;
  };
  const std::vector<Indicator> own{
      count("general_teachers", {Count::teacher, Count::at_general_school}, std::nullopt),
      count("managers", {Count::manager}, std::nullopt),
      count("young_mentees", {Count::young, Count::mentee}, {{Count::young}}),
      count("centre", {Count::in_centre}, std::nullopt),
      count("federal", {Count::completed_federal}, std::nullopt),
      count("schools", {Count::general_school}, {{Count::organisation}}),
      count("regional_events", {Count::regional_event}, std::nullopt),
  };
  std::vector<const Indicator*> list;
  for (const auto& i : own) list.push_back(&i);
  std::map<std::int64_t, std::map<std::string, Value>> v;
  for (const auto& u : count_units(f, list, year(2024), UnitLevel::municipality))
    for (std::size_t k = 0; k < list.size(); ++k)
      v[u.unit_id][list[k]->code] = evaluate(*list[k], u.numerator[k], u.denominator[k]);
  EXPECT_EQ(v[100]["general_teachers"].numerator, 3) << "1, 2, 8 teach in schools; 5 left, 9 is at the ИМЦ";
  EXPECT_EQ(v[200]["general_teachers"].numerator, 0) << "S3 is not a general-education school";
  EXPECT_EQ(v[200]["managers"].numerator, 1) << "the director of S3";
  EXPECT_EQ(v[100]["managers"].numerator, 0);
  expect_share(v[100]["young_mentees"], 1, 1, "1 is young and a mentee");
  expect_share(v[200]["young_mentees"], 0, 1, "3 is young with no mentor");
  EXPECT_EQ(v[100]["centre"].numerator, 1) << "9";
  EXPECT_EQ(v[100]["federal"].numerator, 2) << "1 from a deficit, 2 without one";
  expect_share(v[100]["schools"], 2, 2, "S1, S2");
  expect_share(v[200]["schools"], 0, 1, "S3");
  EXPECT_EQ(v[100]["regional_events"].numerator, 1) << "the regional one of 2024; the 2023 one is outside";
}

// «Средний балл диагностики» and «доля муниципалитетов, …», as the regions' orders write them.
TEST(MonitoringEngine, MeansOfPersonsAndSharesOfMunicipalitiesWorkedOutByHand) {
  auto f = territory();
  // 7 took two competencies on 01.10.2024 (80 and 60: 70) after an earlier 10 in March — the
  // latest day counts; 2 scored 55 in 2024 and 99 in 2023 (outside the year); 6 has no post.
  f.competency = {{7, d("2024-10-01"), 80}, {7, d("2024-10-01"), 60}, {7, d("2024-03-01"), 10},
                  {2, d("2024-05-01"), 55}, {2, d("2023-10-01"), 99}, {6, d("2024-05-01"), 90}};
  // М4 was merged away on 01.06.2024; П1 is a settlement inside М1, not a municipality that
  // reports to the region; М2 has a municipal methodical service, М1 a municipal active.
  f.territories.push_back({400, 10, 'm', "М4", d("2024-06-01")});
  f.territories.push_back({500, 100, 'm', "П1"});
  f.organisations.push_back({5001, 200, false, false, false, false, "ММС М2", false, false, true});
  f.municipal_actives = {{100, d("2024-01-01"), kOpen}, {200, d("2022-01-01"), d("2023-06-30")}};
  Indicator score;
  score.code = score.name = "score";
  score.kind = ValueKind::mean;
  score.measure = Measure::competency_score;
  score.unit = "%";
  score.numerator = Population{{Count::teacher}};
  Indicator literacy = score;
  literacy.code = literacy.name = "literacy";
  literacy.measure = Measure::literacy_score;
  literacy.numerator = Population{{Count::teacher_or_graduate}};
  literacy.window = Window::cumulative;
  Indicator service;
  service.code = service.name = "service";
  service.numerator = Population{{Count::municipality, Count::with_methodical_service}};
  service.denominator = Population{{Count::municipality}};
  Indicator active = service;
  active.code = active.name = "active";
  active.numerator = Population{{Count::municipality, Count::with_municipal_active}};
  for (const auto* ind : {&score, &literacy, &service, &active}) EXPECT_EQ(indicator_problem(*ind), "") << ind->code;
  const std::vector<const Indicator*> list{&score, &literacy, &service, &active};
  std::map<std::int64_t, std::map<std::string, Value>> v;
  auto levels = count_all_levels(f, list, year(2024));
  for (const auto& units : levels)
    for (const auto& u : units)
      for (std::size_t k = 0; k < list.size(); ++k)
        v[u.unit_id][list[k]->code] =
            evaluate(*list[k], list[k]->kind == ValueKind::mean ? u.sum[k] : u.numerator[k], u.denominator[k]);
  EXPECT_DOUBLE_EQ(*v[100]["score"].value, 55) << "of М1's teachers 1, 2, 8 only 2 has a score";
  EXPECT_EQ(*v[100]["score"].denominator, 1);
  EXPECT_DOUBLE_EQ(*v[200]["score"].value, 70) << "7: the mean of the latest day, not 10";
  EXPECT_DOUBLE_EQ(*v[10]["score"].value, 62.5) << "the region's mean of its persons (55 and 70), not a sum";
  EXPECT_FALSE(v[300]["score"].value) << "М3 has nobody: no data, not 0";
  EXPECT_DOUBLE_EQ(*v[100]["literacy"].value, 67.5) << "1 (75) and 2 (60)";
  EXPECT_EQ(value_text(score, v[10]["score"]), "62,5\u00a0%");
  expect_share(v[10]["service"], 1, 3, "М1, М2, М3 report; М4 is gone, П1 is a settlement; М2 has a service");
  expect_share(v[10]["active"], 1, 3, "М1's active is current; М2's ended in 2023");
  expect_share(v[1]["service"], 1, 3, "the federation, the same municipalities");
  expect_share(v[200]["service"], 1, 1, "a municipality is its own unit");
  EXPECT_EQ(v.count(5001), 0u) << "a municipality is no organisation's unit";
  for (const auto& u : count_units(f, list, year(2023), UnitLevel::region))
    if (u.unit_id == 10) {
      EXPECT_EQ(u.denominator[2], 4) << "in 2023 М4 was still there";
      EXPECT_EQ(u.numerator[3], 0) << "on 31.12.2023 М1's active had not begun, М2's had ended";
    }
}

TEST(MonitoringIndicators, ValuesOfEveryKindReadAsTheSpravkaPrintsThem) {
  Indicator mean;
  mean.kind = ValueKind::mean;
  mean.unit = "балл";
  auto v = evaluate(mean, 63.4 + 70.1, 2);
  EXPECT_DOUBLE_EQ(*v.value, 66.8);  // (63,4 + 70,1) / 2 = 66,75 → 66,8
  EXPECT_EQ(value_text(mean, v), "66,8\u00a0балл");
  EXPECT_FALSE(evaluate(mean, 0, 0).value) << "nobody answered: no data";
  Indicator yes;
  yes.kind = ValueKind::yes_no;
  yes.source = "manual";
  yes.unit = "%";
  EXPECT_EQ(value_text(yes, evaluate(yes, 1, 1)), "да");
  EXPECT_EQ(value_text(yes, evaluate(yes, 0, 1)), "нет");
  EXPECT_EQ(value_text(yes, evaluate(yes, 2, 3)), "66,7\u00a0%") << "above a municipality: the share of «да»";
  Indicator hours;
  hours.kind = ValueKind::count;
  hours.unit = "ч.";
  EXPECT_EQ(value_text(hours, evaluate(hours, 63.4, std::nullopt)), "63,4\u00a0ч.");
  hours.unit = "ед.";
  EXPECT_EQ(value_text(hours, evaluate(hours, 5, std::nullopt)), "5");
  Indicator computed_yes = yes;
  computed_yes.source = "computed";
  EXPECT_NE(indicator_problem(computed_yes), "");
  computed_yes.code = computed_yes.name = "x";
  EXPECT_NE(indicator_problem(computed_yes), "") << "«да/нет» is entered by hand";
  Indicator no_measure = mean;
  no_measure.code = no_measure.name = "x";
  no_measure.numerator = Population{{Count::teacher}};
  EXPECT_NE(indicator_problem(no_measure), "") << "a computed mean needs what it averages";
  no_measure.measure = Measure::competency_score;
  EXPECT_EQ(indicator_problem(no_measure), "");
  no_measure.numerator = Population{{Count::organisation}};
  EXPECT_NE(indicator_problem(no_measure), "") << "a mean of persons' scores";
  EXPECT_EQ(parse_value_kind("yes_no"), ValueKind::yes_no);
  EXPECT_EQ(parse_measure("literacy_score"), Measure::literacy_score);
  EXPECT_FALSE(parse_measure("salary"));
}

TEST(MonitoringEngine, ActiveIndicatorsForTheRegion) {
  const auto f = territory();
  const auto v = values(f, "rma", year(2024), UnitLevel::region).at(10);
  expect_share(v.at("rma.1.1"), 1, 5, "rma.1.1: 9 is not a teacher — the ИМЦ is not an educational organisation");
  expect_share(v.at("rma.1.2"), 2, 2, "rma.1.2: both members (7, and 9 of the ИМЦ) have the highest category");
  expect_share(v.at("rma.1.3"), 0, 2, "rma.1.3: neither member completed a program");
  expect_share(v.at("rma.1.4"), 1, 2, "rma.1.4: 7 was diagnosed in 2024");
  expect_share(v.at("rma.1.5"), 0, 1, "rma.1.5: the ШНОР S1 has no methodist");
  expect_share(v.at("rma.2.1"), 1, 2, "rma.2.1: 7 recorded work, 9 did not");
  expect_share(v.at("rma.2.2"), 1, 2, "rma.2.2: of the two 2024 events one is a master class");
  expect_share(v.at("rma.2.3"), 0, 3, "rma.2.3: supported teachers 3, 7, 8 (the director 4 is not one) — no route");
  expect_share(v.at("rma.2.4"), 1, 3, "rma.2.4: of the supported only 7 was diagnosed (2's diagnostic was in 2023)");
  expect_share(v.at("rma.2.5"), 0, 3, "rma.2.5: only the director completed a program, and he is not a teacher");
  expect_share(v.at("rma.2.7"), 0, 1, "rma.2.7: 3 is supported and young, without a form of support");
  expect_share(v.at("rma.2.6"), 1, 2, "rma.2.6: one of two requests on time");
}

TEST(MonitoringEngine, OrganisationsCountAPersonInEachAndPeriodsMoveTheLastDay) {
  const auto f = territory();
  const auto v = values(f, "fed", year(2024), UnitLevel::organisation);
  expect_share(v.at(1001).at("fed.1"), 1, 2, "fed.1 S1: 1 and 2");
  expect_share(v.at(1002).at("fed.1"), 1, 2, "fed.1 S2: 1 and 8");
  EXPECT_FALSE(v.count(1009));  // the ИМЦ is not a unit
  const auto units = count_units(f, indicators_of_set("fed"), year(2024), UnitLevel::organisation);
  for (const auto& u : units)
    if (u.unit_id == 1001) EXPECT_EQ(u.parent_id, 100);
  // 5 left on 30.06.2024, the last day of the half-year: that day is worked (Labour Code, art. 84.1).
  const auto half = values(f, "fed", *parse_period("2024-H1"), UnitLevel::municipality);
  expect_share(half.at(100).at("fed.1"), 1, 4, "fed.1 M1 H1 2024: 1, 2, 5 and 8");
  // On 31.12.2023: 5 still works, nobody had completed a program yet.
  const auto before = values(f, "fed", year(2023), UnitLevel::municipality);
  expect_share(before.at(100).at("fed.1"), 0, 4, "fed.1 M1 2023");
}

TEST(MonitoringEngine, DrillDownListsThePersonsCounted) {
  const auto f = territory();
  const auto& fed1 = *find_indicator("fed.1");
  EXPECT_EQ(counted_persons(f, fed1, year(2024), UnitLevel::municipality, 100, false), std::vector<std::int64_t>{1});
  EXPECT_EQ(counted_persons(f, fed1, year(2024), UnitLevel::municipality, 100, true),
            (std::vector<std::int64_t>{1, 2, 8}));
  EXPECT_EQ(counted_persons(f, *find_indicator("fed.4"), year(2024), UnitLevel::region, 10, true),
            (std::vector<std::int64_t>{1, 3}));
  EXPECT_TRUE(counted_persons(f, *find_indicator("rmms.9"), year(2024), UnitLevel::municipality, 100, false).empty());
}

// A teacher without a birth date or start of experience is neither young nor
// not young: the young-teacher indicators leave them out, and the unit says
// how many it left out instead of counting the rest in silence.
TEST(MonitoringEngine, TeachersWithoutAgeAreCountedAsLeftOut) {
  auto f = territory();
  f.persons[1].birth = kNever;             // 2, teacher at S1 (M1)
  f.persons[7].experience_since = kNever;  // 8, teacher at S2 (M1)
  f.persons[3].birth = kNever;             // 4, a director: not a teacher, never left out of these
  const auto fed4 = find_indicator("fed.4");
  ASSERT_TRUE(fed4);
  const Indicator* list[] = {fed4};
  std::map<std::int64_t, std::int64_t> left_out;
  for (const auto& u : count_units(f, list, year(2024), UnitLevel::municipality)) left_out[u.unit_id] = u.age_unknown;
  EXPECT_EQ(left_out.at(100), 2) << "M1: 2 and 8";
  EXPECT_EQ(left_out.at(200), 0) << "M2: everyone's age is known";
  for (const auto& u : count_units(f, list, year(2024), UnitLevel::region)) EXPECT_EQ(u.age_unknown, 2);
  // 1 works at both schools of M1: counted once per unit, as every person is.
  f.persons[0].birth = kNever;
  for (const auto& u : count_units(f, list, year(2024), UnitLevel::municipality))
    if (u.unit_id == 100) EXPECT_EQ(u.age_unknown, 3);
}
