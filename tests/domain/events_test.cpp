// Events: what an organiser must fill in, when registration and feedback are
// open, and the feedback summary the organiser sees.
#include "domain/events.hpp"

#include <gtest/gtest.h>

#include "domain/error.hpp"

using namespace metodist::domain;

namespace {

EventDraft good() {
  return {"master_class", "Смысловое чтение", "municipal", "2026-12-01T14:00", "2026-12-01T16:00", "offline", "",
          {"teachers"},   std::nullopt};
}

std::string field_of(const EventDraft& e) {
  try {
    check_event(e);
  } catch (const Error& err) {
    return err.field();
  }
  return "";
}

}  // namespace

TEST(Events, ADraftIsCheckedFieldByField) {
  EXPECT_EQ(field_of(good()), "");
  auto e = good();
  e.kind = "party";
  EXPECT_EQ(field_of(e), "kind");
  e = good();
  e.title = "";
  EXPECT_EQ(field_of(e), "title");
  e = good();
  e.starts_at = "2026-12-01 14:00";
  EXPECT_EQ(field_of(e), "starts_at");
  e = good();
  e.ends_at = "2026-12-01T24:00";
  EXPECT_EQ(field_of(e), "ends_at");
  e = good();
  e.ends_at = "2026-12-01T13:59";
  EXPECT_EQ(field_of(e), "ends_at");  // before the start
  e = good();
  e.format = "online";
  EXPECT_EQ(field_of(e), "place");  // an online event needs its link
  e.place = "https://vk.com/video1";
  EXPECT_EQ(field_of(e), "");
  e = good();
  e.audience = {};
  EXPECT_EQ(field_of(e), "audience");
  e.audience = {"teachers", "aliens"};
  EXPECT_EQ(field_of(e), "audience");
  e = good();
  e.capacity = 0;
  EXPECT_EQ(field_of(e), "capacity");
}

TEST(Events, LocalMinutesAreStrict) {
  EXPECT_TRUE(is_local_minute("2026-02-28T23:59"));
  EXPECT_FALSE(is_local_minute("2026-02-30T10:00"));
  EXPECT_FALSE(is_local_minute("2026-02-28T10:60"));
  EXPECT_FALSE(is_local_minute("2026-02-28T1:00"));
  EXPECT_TRUE(is_local_minute(local_minute_now()));
  EXPECT_LT(local_minute_now(), local_minute_now(std::chrono::hours(1)));
}

TEST(Events, RegistrationClosesAtTheStartWhenFullOrCancelled) {
  const std::string start = "2026-12-01T14:00";
  EXPECT_EQ(registration_problem(false, start, "2026-12-01T13:59", 2, 1), "");
  EXPECT_NE(registration_problem(false, start, "2026-12-01T14:00", 2, 1).find("началось"), std::string::npos);
  EXPECT_NE(registration_problem(false, start, "2026-11-01T10:00", 2, 2).find("мест нет"), std::string::npos);
  EXPECT_EQ(registration_problem(false, start, "2026-11-01T10:00", std::nullopt, 5000), "");
  EXPECT_NE(registration_problem(true, start, "2026-11-01T10:00", std::nullopt, 0).find("отменено"), std::string::npos);
}

TEST(Events, FeedbackAfterTheStartFromThoseNotMarkedAbsent) {
  const std::string start = "2026-12-01T14:00";
  EXPECT_NE(feedback_problem(start, "2026-12-01T13:00", std::nullopt), "");
  EXPECT_EQ(feedback_problem(start, "2026-12-01T14:00", std::nullopt), "");
  EXPECT_EQ(feedback_problem(start, "2026-12-02T09:00", true), "");
  EXPECT_NE(feedback_problem(start, "2026-12-02T09:00", false), "");
}

TEST(Events, FeedbackIsSummarisedForTheOrganiser) {
  const std::vector<FeedbackAnswer> answers{{5, 4}, {4, 4}, {3, 5}, {0, 5} /* not an answer */};
  const auto s = summarise_feedback(answers);
  EXPECT_EQ(s.answers, 3);
  EXPECT_DOUBLE_EQ(s.useful_average, 4.0);
  EXPECT_DOUBLE_EQ(s.organisation_average, 13.0 / 3.0);
  EXPECT_EQ(s.useful_counts[4], 1);
  EXPECT_EQ(s.useful_counts[2], 1);
  EXPECT_EQ(s.organisation_counts[3], 2);
  const auto none = summarise_feedback({});
  EXPECT_EQ(none.answers, 0);
  EXPECT_DOUBLE_EQ(none.useful_average, 0.0);
}
