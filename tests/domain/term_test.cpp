// Every wording of terms met in roadmaps (the Chelyabinsk order № 017730 among them) normalised, or kept and flagged.
#include "domain/term.hpp"

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
  EXPECT_EQ(span(parse("до 05.06.2021")), "2021-01-01..2021-06-05");
  EXPECT_TRUE(parse("с 10.05.2021 по 15.04.2021").flagged());  // the end before the start
}

TEST(Terms, UnknownWordingIsFlaggedNotGuessed) {
  for (auto text : {"По мере необходимости", "После согласования", "V квартал", "Зимой", "", "Февраль по запросу"}) {
    const auto t = parse(text);
    EXPECT_TRUE(t.flagged()) << text;
    EXPECT_FALSE(t.range) << text;
  }
}

TEST(Terms, KindCodesRoundTrip) {
  for (auto k : {TermKind::dates, TermKind::whole_period, TermKind::recurring, TermKind::by_plan, TermKind::unknown})
    EXPECT_EQ(term_kind_from_code(term_kind_code(k)), k);
  EXPECT_EQ(term_kind_from_code("когда-нибудь"), TermKind::unknown);
}
