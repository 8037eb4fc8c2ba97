// Every wording of terms met in roadmaps (the Chelyabinsk order № 017730 among them) normalised, or kept and flagged.
#include "domain/term.hpp"

#include <utility>
#include <vector>

#include "domain/roadmap.hpp"

#include <gtest/gtest.h>

using namespace metodist::domain;

namespace {

const DateRange kPeriod{*Date::parse_iso("2021-01-01"), *Date::parse_iso("2022-12-31")};

std::string span(const ParsedTerm& t) {
  if (!t.range) return "-";
  return t.range->from.iso() + ".." + t.range->to.iso();
}

ParsedTerm parse(std::string_view text) { return parse_term(text, 2021, kPeriod); }

}  // namespace

TEST(Terms, MonthsAndSpansOfMonths) {
  EXPECT_EQ(span(parse("Февраль")), "2021-02-01..2021-02-28");
  EXPECT_EQ(span(parse("Январь - февраль")), "2021-01-01..2021-02-28");
  EXPECT_EQ(span(parse("январь–март")), "2021-01-01..2021-03-31");
  EXPECT_EQ(span(parse("Май")), "2021-05-01..2021-05-31");
  EXPECT_EQ(span(parse("Декабрь 2021 года")), "2021-12-01..2021-12-31");
  EXPECT_EQ(span(parse("Апрель 2022")), "2022-04-01..2022-04-30");
  EXPECT_EQ(parse("Апрель 2022").kind, TermKind::dates);
  const auto apart = parse("сентябрь, ноябрь");
  EXPECT_EQ(span(apart), "2021-09-01..2021-11-30");
  ASSERT_EQ(apart.parts.size(), 2u);
  EXPECT_EQ(apart.parts[1].from.iso(), "2021-11-01");
}

TEST(Terms, QuartersListedSpannedOrSideBySide) {
  EXPECT_EQ(span(parse("I квартал")), "2021-01-01..2021-03-31");
  EXPECT_EQ(span(parse("IV квартал")), "2021-10-01..2021-12-31");
  const auto listed = parse("II, IV кварталы");
  EXPECT_EQ(span(listed), "2021-04-01..2021-12-31");
  ASSERT_EQ(listed.parts.size(), 2u);  // the third quarter is not in it
  EXPECT_EQ(listed.parts[0].to.iso(), "2021-06-30");
  EXPECT_EQ(listed.parts[1].from.iso(), "2021-10-01");
  const auto spanned = parse("II – IV кварталы");
  EXPECT_EQ(span(spanned), "2021-04-01..2021-12-31");
  EXPECT_TRUE(spanned.parts.empty());
  const auto adjacent = parse("III IV кварталы");
  EXPECT_EQ(span(adjacent), "2021-07-01..2021-12-31");
  EXPECT_TRUE(adjacent.parts.empty());
}

TEST(Terms, WholeYearWholePeriodRecurringAndByPlan) {
  const auto year = parse("В течение года");
  EXPECT_EQ(year.kind, TermKind::whole_period);
  EXPECT_EQ(span(year), "2021-01-01..2021-12-31");
  const auto period = parse("В течение всего периода");
  EXPECT_EQ(period.kind, TermKind::whole_period);
  EXPECT_EQ(span(period), "2021-01-01..2022-12-31");
  for (auto text : {"1 раз в полгода", "1 раз в полугодие"}) {
    const auto t = parse(text);
    EXPECT_EQ(t.kind, TermKind::recurring) << text;
    EXPECT_EQ(t.every, "полугодие") << text;
    EXPECT_EQ(span(t), "2021-01-01..2022-12-31") << text;
  }
  const auto plan = parse("По отдельному плану");
  EXPECT_EQ(plan.kind, TermKind::by_plan);
  EXPECT_EQ(parse("По отдельному плану в течение всего периода").kind, TermKind::by_plan);
  EXPECT_EQ(parse("Ежеквартально").every, "квартал");
  // The 2024 roadmap format of the РМА description and the Chelyabinsk order № 017730's own spelling.
  EXPECT_EQ(parse("В соответствии с календарными учебными графиками").kind, TermKind::by_plan);
  EXPECT_EQ(parse("В соответствии с планом мероприятий").kind, TermKind::by_plan);
  EXPECT_EQ(span(parse("В течении года")), "2021-01-01..2021-12-31");
}

TEST(Terms, ExplicitDates) {
  EXPECT_EQ(span(parse("с 15.04.2021 по 10.05.2021")), "2021-04-15..2021-05-10");
  EXPECT_EQ(span(parse("01.09.2021 – 31.05.2022")), "2021-09-01..2022-05-31");
  EXPECT_EQ(span(parse("15.09.21")), "2021-09-15..2021-09-15");
  EXPECT_TRUE(parse("с 10.05.2021 по 15.04.2021").flagged());  // the end before the start
  EXPECT_TRUE(parse("15.09.202").flagged());                   // a year cut short is not a date
  EXPECT_TRUE(parse("31.02.2021").flagged());
  // Days with a month in words, a span of days, «с … по …» with one month.
  EXPECT_EQ(span(parse("20 сентября")), "2021-09-20..2021-09-20");
  EXPECT_EQ(span(parse("15-20 марта 2022 г.")), "2022-03-15..2022-03-20");
  EXPECT_EQ(span(parse("с 1 по 15 сентября")), "2021-09-01..2021-09-15");
  // «с …» without an end: to the end of the plan.
  EXPECT_EQ(span(parse("с 01.09.2021")), "2021-09-01..2022-12-31");
}

TEST(Terms, DeadlinesAreMilestonesOnTheirDay) {
  for (auto [text, day] : {std::pair{"до 05.06.2021", "2021-06-05"},
                           {"до 1 сентября 2022 г.", "2022-09-01"},
                           {"до 15.09.2021", "2021-09-15"},
                           {"до 20 сентября", "2021-09-20"},
                           {"не позднее 1 марта 2022 года", "2022-03-01"},
                           {"к 1 сентября", "2021-09-01"},
                           {"до конца 2022 года", "2022-12-31"},
                           {"по итогам I полугодия 2022 г.", "2022-06-30"},
                           {"Срок: до 25.12.2021 г.", "2021-12-25"},
                           {"до сентября 2022 г.", "2022-09-01"}}) {
    const auto t = parse(text);
    EXPECT_EQ(t.kind, TermKind::deadline) << text;
    EXPECT_EQ(span(t), std::string(day) + ".." + day) << text;
  }
}

TEST(Terms, RangesAcrossAYearBoundary) {
  EXPECT_EQ(span(parse("декабрь 2021 г. – январь 2022 г.")), "2021-12-01..2022-01-31");
  EXPECT_EQ(span(parse("сентябрь 2021 г. – май 2022 г.")), "2021-09-01..2022-05-31");
  // One year written at the end belongs to both; the start then moves back a year.
  EXPECT_EQ(span(parse("сентябрь – май 2022")), "2021-09-01..2022-05-31");
  EXPECT_EQ(span(parse("сентябрь – декабрь 2022")), "2022-09-01..2022-12-31");
  // A year at the start carries on; the end then moves forward a year.
  EXPECT_EQ(span(parse("ноябрь 2021 – февраль")), "2021-11-01..2022-02-28");
  EXPECT_EQ(span(parse("IV квартал 2021 – I квартал 2022")), "2021-10-01..2022-03-31");
  EXPECT_EQ(span(parse("2021 – 2022 гг.")), "2021-01-01..2022-12-31");
  EXPECT_EQ(span(parse("2022 год")), "2022-01-01..2022-12-31");
  EXPECT_EQ(span(parse("в течение 2022 года")), "2022-01-01..2022-12-31");
  EXPECT_EQ(parse("в течение 2022 года").kind, TermKind::whole_period);
}

TEST(Terms, SchoolYearsAndHalfYears) {
  for (auto text : {"в течение 2021/2022 учебного года", "в течение 2021-2022 учебного года", "2021/2022 уч. год",
                    "2021/22 учебный год", "2021/2022"})
    EXPECT_EQ(span(parse(text)), "2021-09-01..2022-08-31") << text;
  // «в течение учебного года» in a block «2021/2022 учебный год» is that school year, not a calendar one.
  const auto block = term_context("2021/2022 учебный год", kPeriod);
  EXPECT_EQ(span(parse_term("в течение учебного года", block)), "2021-09-01..2022-08-31");
  EXPECT_EQ(parse_term("в течение учебного года", block).kind, TermKind::whole_period);
  // Months in a school year: September–December the first year, January–August the second.
  EXPECT_EQ(span(parse_term("декабрь", block)), "2021-12-01..2021-12-31");
  EXPECT_EQ(span(parse_term("январь – март", block)), "2022-01-01..2022-03-31");
  EXPECT_EQ(span(parse_term("сентябрь – май", block)), "2021-09-01..2022-05-31");
  // Half-years: the calendar's, or the school's inside a school year.
  EXPECT_EQ(span(parse("II полугодие")), "2021-07-01..2021-12-31");
  EXPECT_EQ(span(parse("I полугодие 2022 г.")), "2022-01-01..2022-06-30");
  EXPECT_EQ(span(parse("1-е полугодие")), "2021-01-01..2021-06-30");
  EXPECT_EQ(span(parse_term("II полугодие", block)), "2022-01-01..2022-05-31");
  EXPECT_EQ(span(parse("I полугодие 2021/2022 учебного года")), "2021-09-01..2021-12-31");
  EXPECT_EQ(span(parse_term("III четверть", block)), "2022-01-01..2022-03-31");
  EXPECT_EQ(span(parse("первый квартал 2022 года")), "2022-01-01..2022-03-31");
  // Without a block, «в течение учебного года» is the school year the plan begins in.
  EXPECT_EQ(span(parse("в течение учебного года")), "2020-09-01..2021-08-31");
}

TEST(Terms, SeriesOfDueDates) {
  const auto quarterly = parse("Ежеквартально");
  EXPECT_EQ(quarterly.kind, TermKind::recurring);
  EXPECT_EQ(quarterly.every, "квартал");
  ASSERT_EQ(quarterly.parts.size(), 8u);  // two years of quarters
  EXPECT_EQ(quarterly.parts[0].to.iso(), "2021-03-31");
  EXPECT_EQ(quarterly.parts[7].to.iso(), "2022-12-31");

  const auto monthly = parse("до 25 числа каждого месяца");
  EXPECT_EQ(monthly.every, "месяц");
  ASSERT_EQ(monthly.parts.size(), 24u);
  EXPECT_EQ(monthly.parts[1].from.iso(), "2021-02-01");
  EXPECT_EQ(monthly.parts[1].to.iso(), "2021-02-25");

  const auto after_quarter = parse("до 10 числа месяца, следующего за отчётным кварталом");
  EXPECT_EQ(after_quarter.every, "квартал");
  ASSERT_EQ(after_quarter.parts.size(), 8u);
  EXPECT_EQ(after_quarter.parts[0].from.iso(), "2021-01-01");
  EXPECT_EQ(after_quarter.parts[0].to.iso(), "2021-04-10");
  EXPECT_EQ(after_quarter.parts[7].to.iso(), "2023-01-10");  // the last quarter is reported after the plan

  for (auto text : {"1 раз в полугодие", "по итогам каждого полугодия", "2 раза в год", "не реже 1 раза в полгода"}) {
    const auto t = parse(text);
    EXPECT_EQ(t.kind, TermKind::recurring) << text;
    EXPECT_EQ(t.every, "полугодие") << text;
    ASSERT_EQ(t.parts.size(), 4u) << text;
    EXPECT_EQ(t.parts[0].to.iso(), "2021-06-30") << text;
  }
  EXPECT_EQ(parse("ежемесячно").parts.size(), 24u);

  const auto yearly = parse("ежегодно до 1 сентября");
  EXPECT_EQ(yearly.every, "год");
  ASSERT_EQ(yearly.parts.size(), 2u);
  EXPECT_EQ(yearly.parts[0].to.iso(), "2021-09-01");
  EXPECT_EQ(yearly.parts[1].to.iso(), "2022-09-01");
  const auto in_september = parse("ежегодно в сентябре");
  ASSERT_EQ(in_september.parts.size(), 2u);
  EXPECT_EQ(in_september.parts[1].from.iso(), "2022-09-01");
  EXPECT_EQ(in_september.parts[1].to.iso(), "2022-09-30");
  // A series inside a block runs within the block.
  EXPECT_EQ(parse_term("ежеквартально", term_context("2022 год", kPeriod)).parts.size(), 4u);
  EXPECT_EQ(parse("ежеквартально, начиная с III квартала 2022 г.").parts.size(), 2u);
  // A series with words it does not understand is flagged, not dated.
  EXPECT_TRUE(parse("ежеквартально после совещания").flagged());
}

TEST(Terms, DueDatesOfASeriesAreLateOrNotOneByOne) {
  const auto t = parse("Ежеквартально");
  const std::vector<Date> reports{*Date::parse_iso("2021-03-20"), *Date::parse_iso("2021-07-05"),
                                  *Date::parse_iso("2021-09-30")};
  const auto dues = dues_of(t, reports, *Date::parse_iso("2021-11-15"));
  ASSERT_EQ(dues.size(), 8u);
  EXPECT_EQ(dues[0].state, DueState::met);       // reported in March
  EXPECT_EQ(dues[1].state, DueState::met_late);  // the second quarter's report came on 5 July
  EXPECT_EQ(dues[2].state, DueState::met);       // on 30 September
  EXPECT_EQ(dues[3].state, DueState::current);   // the fourth quarter is under way
  EXPECT_EQ(dues[4].state, DueState::upcoming);
  const auto later = dues_of(t, reports, *Date::parse_iso("2022-01-10"));
  EXPECT_EQ(later[3].state, DueState::missed);
  EXPECT_TRUE(dues_of(parse("Май"), reports, *Date::parse_iso("2022-01-10")).empty());  // not a series
}

TEST(Terms, NoDueDateKindsAreKnownNotFlagged) {
  for (auto text : {"По отдельному плану", "по графику", "в сроки, установленные Минпросвещения России",
                    "В соответствии с планом мероприятий", "по согласованию"})
    EXPECT_EQ(parse(text).kind, TermKind::by_plan) << text;
  for (auto text : {"по мере необходимости", "По запросу", "по запросам образовательных организаций",
                    "при необходимости", "по заявкам", "По мере необходимости, в течение года"}) {
    const auto t = parse(text);
    EXPECT_EQ(t.kind, TermKind::as_needed) << text;
    EXPECT_FALSE(t.range) << text;
  }
}

TEST(Terms, KindCodesRoundTrip) {
  for (auto k : {TermKind::dates, TermKind::whole_period, TermKind::recurring, TermKind::by_plan, TermKind::unknown,
                 TermKind::deadline, TermKind::as_needed})
    EXPECT_EQ(term_kind_from_code(term_kind_code(k)), k);
  EXPECT_EQ(term_kind_from_code("когда-нибудь"), TermKind::unknown);
}
