// The ranking of what a route offers for a deficit: what is out of time or
// full is left out, a program without a cohort stays but lower, reasons say
// why, and a drafted row takes a program first.
#include "domain/suggestions.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace metodist::domain;

namespace {

Date day(const char* iso) { return *Date::parse_iso(iso); }

OfferFacts program(std::int64_t id, std::optional<Date> starts, bool federal = false, bool seats = true) {
  OfferFacts f;
  f.kind = OfferKind::program;
  f.id = id;
  f.title = "Программа " + std::to_string(id);
  f.starts_on = starts;
  if (starts) f.cohort_id = id * 10;
  f.in_federal_registry = federal;
  f.seats_left = seats;
  return f;
}

OfferFacts event(std::int64_t id, const char* on, bool near = false, bool seats = true) {
  OfferFacts f;
  f.kind = OfferKind::event;
  f.id = id;
  f.title = "Мероприятие " + std::to_string(id);
  f.starts_on = day(on);
  f.near = near;
  f.seats_left = seats;
  return f;
}

bool says(const Offer& o, const std::string& start) {
  return std::any_of(o.reasons.begin(), o.reasons.end(), [&](const std::string& r) { return r.rfind(start, 0) == 0; });
}

}  // namespace

TEST(Suggestions, ProgramsWithACohortInTimeComeFirstAndSaySo) {
  const auto today = day("2026-12-01"), until = day("2027-05-31");
  const std::vector<OfferFacts> facts{program(1, std::nullopt, true), program(2, day("2027-01-15")),
                                      program(3, day("2027-01-15"), true), program(4, day("2027-09-01"))};
  const auto ranked = rank_offers(facts, today, until, 10);
  ASSERT_EQ(ranked.size(), 4u);
  EXPECT_EQ(ranked[0].facts.id, 3);  // federal registry and a cohort in time: 40 + 20 + 20
  EXPECT_EQ(ranked[0].score, 80);
  EXPECT_TRUE(says(ranked[0], "в федеральном реестре"));
  EXPECT_TRUE(says(ranked[0], "ближайшая группа с 15.01.2027, места есть"));
  EXPECT_EQ(ranked[1].facts.id, 2);  // 60
  // Without a cohort in the route's time: kept, lower, and the cohort is not offered.
  EXPECT_EQ(ranked[2].facts.id, 1);  // 40 + 20 − 20
  EXPECT_TRUE(says(ranked[2], "групп в сроки маршрута пока нет"));
  EXPECT_EQ(ranked[3].facts.id, 4);  // its cohort starts after the route ends: 40 − 20
  EXPECT_FALSE(ranked[3].facts.cohort_id);
  EXPECT_FALSE(ranked[3].facts.starts_on);
}

TEST(Suggestions, EventsOutOfTimeOrFullAreLeftOutAndNearerSoonerWin) {
  const auto today = day("2026-12-01"), until = day("2027-01-31");
  const std::vector<OfferFacts> facts{
      event(1, "2026-11-30"), event(2, "2027-02-01"),       event(3, "2026-12-10", false, false),
      event(4, "2027-01-20"), event(5, "2026-12-03", true), event(6, "2026-12-03")};
  const auto ranked = rank_offers(facts, today, until, 10);
  ASSERT_EQ(ranked.size(), 3u);  // past, after the route and full are gone
  EXPECT_EQ(ranked[0].facts.id, 5);
  EXPECT_EQ(ranked[0].score, 30 + 10 + 10);  // this week and near
  EXPECT_TRUE(says(ranked[0], "в вашей школе или муниципалитете"));
  EXPECT_EQ(ranked[1].facts.id, 6);
  EXPECT_EQ(ranked[2].facts.id, 4);
  EXPECT_EQ(ranked[2].score, 30 + 3);  // seven weeks away
}

TEST(Suggestions, AtMostSoManyOfEachKindAndADraftTakesAProgramFirst) {
  const auto today = day("2026-12-01"), until = day("2027-05-31");
  std::vector<OfferFacts> facts;
  for (int i = 1; i <= 5; ++i) facts.push_back(event(i, "2026-12-03", true));
  OfferFacts mentor;
  mentor.kind = OfferKind::mentor;
  mentor.id = 99;
  mentor.title = "Петрова А. А.";
  mentor.mentor_score = 9;
  mentor.strong_in_competency = true;
  mentor.mentor_reasons = {"ведёт тот же предмет"};
  facts.push_back(mentor);
  auto ranked = rank_offers(facts, today, until, 3);
  ASSERT_EQ(ranked.size(), 4u);
  EXPECT_EQ(ranked[0].facts.kind, OfferKind::mentor);  // 20 + 27 + 25
  EXPECT_EQ(ranked[0].reasons.front(), "высокий результат диагностики по этой компетенции");
  EXPECT_EQ(ranked[0].reasons.back(), "ведёт тот же предмет");
  EXPECT_EQ(offer_for_draft(ranked)->facts.kind, OfferKind::mentor);  // no program: the best of the rest

  facts.push_back(program(7, std::nullopt));  // 20 points only, still the draft's choice
  ranked = rank_offers(facts, today, until, 3);
  EXPECT_EQ(offer_for_draft(ranked)->facts.id, 7);
  EXPECT_EQ(offer_for_draft({}), nullptr);
}

TEST(Suggestions, ADraftPrefersWhatEarlierRowsDidNotTake) {
  const auto today = day("2026-12-01"), until = day("2027-05-31");
  const std::vector<OfferFacts> facts{program(1, day("2027-01-15")), program(2, std::nullopt), event(3, "2026-12-03")};
  const auto ranked = rank_offers(facts, today, until);
  const std::vector<OfferRef> first{{OfferKind::program, 1}};
  EXPECT_EQ(offer_for_draft(ranked, first)->facts.id, 2);  // another program, though lower
  const std::vector<OfferRef> programs{{OfferKind::program, 1}, {OfferKind::program, 2}};
  EXPECT_EQ(offer_for_draft(ranked, programs)->facts.id, 3);  // then the best of the rest
  const std::vector<OfferRef> all{{OfferKind::program, 1}, {OfferKind::program, 2}, {OfferKind::event, 3}};
  EXPECT_EQ(offer_for_draft(ranked, all)->facts.id, 1);  // nothing fresh: the usual choice again
}

TEST(Suggestions, PracticesOfTheSameSubjectAreaAndRegionRankHigher) {
  OfferFacts a, b;
  a.kind = b.kind = OfferKind::practice;
  a.id = 1;
  a.title = "Практика А";
  b.id = 2;
  b.title = "Практика Б";
  b.same_subject_area = true;
  b.near = true;
  const std::vector<OfferFacts> facts{a, b};
  const auto ranked = rank_offers(facts, day("2026-12-01"), day("2027-05-31"));
  ASSERT_EQ(ranked.size(), 2u);
  EXPECT_EQ(ranked[0].facts.id, 2);
  EXPECT_EQ(ranked[0].score, 25 + 15 + 5);
  EXPECT_TRUE(says(ranked[0], "из банка вашего региона"));
  EXPECT_EQ(offer_kind_code(OfferKind::practice), "practice");
}

TEST(Suggestions, EachOfferIsListedOnceUnderTheDeficitItSuitsBest) {
  const auto offer = [](OfferKind kind, std::int64_t id, int score) {
    Offer o;
    o.facts.kind = kind;
    o.facts.id = id;
    o.facts.title = "Предложение " + std::to_string(id);
    o.score = score;
    return o;
  };
  // One course develops all three deficits, best the second; a mentor suits two;
  // an event of the same id as the course is another offer.
  std::vector<DeficitOfferList> lists(3);
  lists[0].title = "Проектирование урока";
  lists[0].offers = {offer(OfferKind::program, 7, 40), offer(OfferKind::mentor, 3, 20)};
  lists[1].title = "Оценивание";
  lists[1].offers = {offer(OfferKind::program, 7, 55), offer(OfferKind::event, 7, 30)};
  lists[2].title = "Цифровая среда";
  lists[2].offers = {offer(OfferKind::program, 7, 40), offer(OfferKind::mentor, 3, 20)};
  list_each_offer_once(lists);

  ASSERT_EQ(lists[0].offers.size(), 1u);  // the mentor, first on a tie
  EXPECT_EQ(lists[0].offers[0].facts.kind, OfferKind::mentor);
  EXPECT_EQ(lists[0].offers[0].reasons, std::vector<std::string>{"Развивает также: Цифровая среда"});
  EXPECT_EQ(lists[0].listed_elsewhere, std::vector<std::string>{"Предложение 7"});
  ASSERT_EQ(lists[1].offers.size(), 2u);  // the course where it scores highest, and the event
  EXPECT_EQ(lists[1].offers[0].reasons,
            std::vector<std::string>{"Развивает также: Проектирование урока, Цифровая среда"});
  EXPECT_TRUE(lists[1].offers[1].reasons.empty());
  EXPECT_TRUE(lists[1].listed_elsewhere.empty());
  EXPECT_TRUE(lists[2].offers.empty());
  EXPECT_EQ(lists[2].listed_elsewhere, (std::vector<std::string>{"Предложение 7", "Предложение 3"}));
}

TEST(Suggestions, AnOfferForManyDeficitsNamesThreeAndCountsTheRest) {
  std::vector<DeficitOfferList> lists(6);
  for (std::size_t i = 0; i < lists.size(); ++i) {
    lists[i].title = "Дефицит " + std::to_string(i + 1);
    Offer mentor;
    mentor.facts.kind = OfferKind::mentor;
    mentor.facts.id = 5;
    mentor.score = 30;
    lists[i].offers = {mentor};
  }
  list_each_offer_once(lists);
  ASSERT_EQ(lists[0].offers.size(), 1u);
  EXPECT_EQ(lists[0].offers[0].reasons,
            std::vector<std::string>{"Развивает также: Дефицит 2, Дефицит 3, Дефицит 4 и ещё 2"});
  for (std::size_t i = 1; i < lists.size(); ++i) EXPECT_TRUE(lists[i].offers.empty());
}
