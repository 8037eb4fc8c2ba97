// Events on both backends: who may hold them where, registration with its
// limits, attendance, feedback (summary for the organiser only), cancelling
// with notices, and the calendar's territorial scope.
#include "app/events.hpp"

#include <gtest/gtest.h>

#include "app/notifications.hpp"
#include "domain/error.hpp"
#include "support/demo_app.hpp"
#include "support/errors.hpp"

using namespace metodist;
using metodist::testing::error_of;

namespace {

namespace ev = storage::events;

class EventsTest : public metodist::testing::DemoAppTest {
 protected:
  void SetUp() override {
    DemoAppTest::SetUp();
    region_ = territory("RU-01");
    municipality_ = territory("RU-01-001");
    school_ = organisation("RU-01-001-S001");
    teacher_person_ = person_of("teacher");
    coordinator_ = caller("municipal_coordinator", municipality_);
    teacher_ = caller("teacher", {}, {}, teacher_person_);
  }
  // An event `days` from now (negative: in the past), two hours long.
  ev::Event draft(int days, std::optional<std::int64_t> capacity = {}) {
    ev::Event e;
    e.kind = "seminar";
    e.title = "Семинар по смысловому чтению";
    e.level = "municipal";
    e.territory_id = municipality_;
    e.starts_at = domain::local_minute_now(std::chrono::hours(24 * days));
    e.ends_at = domain::local_minute_now(std::chrono::hours(24 * days + 2));
    e.format = "offline";
    e.audience = {"teachers"};
    e.capacity = capacity;
    return e;
  }
  std::int64_t region_ = 0, municipality_ = 0, school_ = 0, teacher_person_ = 0;
  app::Caller coordinator_, teacher_;
};

TEST_P(EventsTest, HeldByTerritoriesSchoolsAndMethodistsWithinTheirScope) {
  const auto id = app::create_event(app_, coordinator_, draft(10));
  EXPECT_EQ(app::get_event(app_, coordinator_, id).event.organisation_id, std::nullopt);
  EXPECT_TRUE(app::get_event(app_, coordinator_, id).can_manage);
  EXPECT_FALSE(app::get_event(app_, teacher_, id).can_manage);

  // A school's administration holds its school's events, in the school's territory.
  auto open_lesson = draft(12);
  open_lesson.kind = "open_lesson";
  open_lesson.level = "school";
  open_lesson.territory_id = 0;
  open_lesson.organisation_id = school_;
  const auto head = caller("school_admin", {}, school_);
  const auto lesson = app::create_event(app_, head, open_lesson);
  EXPECT_EQ(app::get_event(app_, head, lesson).event.territory_id, municipality_);
  // ...but not the municipality's calendar.
  EXPECT_EQ(error_of([&] { app::create_event(app_, head, draft(3)); }).kind(), domain::ErrorKind::forbidden);
  // A methodist holds master classes in their region.
  auto master = draft(5);
  master.kind = "master_class";
  master.territory_id = region_;
  EXPECT_GT(app::create_event(app_, caller("methodist", region_), master), 0);
  // Teachers do not organise.
  EXPECT_EQ(error_of([&] { app::create_event(app_, teacher_, draft(3)); }).kind(), domain::ErrorKind::forbidden);
  // A bad draft names its field.
  auto bad = draft(3);
  bad.ends_at = bad.starts_at.substr(0, 10) + "T00:00";
  EXPECT_EQ(error_of([&] { app::create_event(app_, coordinator_, bad); }).field(), "ends_at");

  // Another municipality's calendar is not seen from here, nor organised.
  const auto other = app_.db->write([&](storage::Connection& c) {
    return storage::registry::insert_territory(c, {0, region_, "municipality", "RU-01-099", "Соседний район"});
  });
  auto elsewhere = draft(4);
  elsewhere.territory_id = other;
  EXPECT_EQ(error_of([&] { app::create_event(app_, coordinator_, elsewhere); }).kind(), domain::ErrorKind::forbidden);
  const auto theirs = app::create_event(app_, caller("municipal_coordinator", other), elsewhere);
  EXPECT_EQ(error_of([&] { app::get_event(app_, coordinator_, theirs); }).kind(), domain::ErrorKind::not_found);
  for (const auto& e : app::list_events(app_, coordinator_, {})) EXPECT_NE(e.id, theirs);
  // The region sees both.
  bool seen = false;
  for (const auto& e : app::list_events(app_, caller("regional_institute", region_), {})) seen |= e.id == theirs;
  EXPECT_TRUE(seen);
}

TEST_P(EventsTest, RegistrationWithinCapacityBeforeTheStartWithANotice) {
  const auto id = app::create_event(app_, coordinator_, draft(10, 1));
  const auto before = notices("teacher", "registration");
  const auto r = app::register_for_event(app_, teacher_, id, teacher_person_);
  EXPECT_EQ(r.person_id, teacher_person_);
  EXPECT_EQ(notices("teacher", "registration"), before + 1);
  EXPECT_EQ(app::get_event(app_, teacher_, id).mine->person_id, teacher_person_);
  EXPECT_EQ(error_of([&] { app::register_for_event(app_, teacher_, id, teacher_person_); }).kind(),
            domain::ErrorKind::conflict);
  // Full: the school cannot add another teacher.
  const auto head = caller("school_admin", {}, school_);
  const auto colleague = teachers_of(school_, 3).back();
  const auto full = error_of([&] { app::register_for_event(app_, head, id, colleague); });
  EXPECT_EQ(full.kind(), domain::ErrorKind::conflict);
  EXPECT_NE(std::string(full.what()).find("мест"), std::string::npos);
  // A teacher may not register someone else.
  const auto other = app::create_event(app_, coordinator_, draft(10));
  EXPECT_EQ(error_of([&] { app::register_for_event(app_, teacher_, other, colleague); }).kind(),
            domain::ErrorKind::forbidden);
  EXPECT_EQ(app::register_for_event(app_, head, other, colleague).person_id, colleague);
  // Cancelling one's registration frees the place.
  app::cancel_registration(app_, teacher_, id, teacher_person_);
  EXPECT_EQ(app::register_for_event(app_, head, id, colleague).person_id, colleague);
  // Past events take no registrations.
  const auto past = app::create_event(app_, coordinator_, draft(-3));
  EXPECT_EQ(error_of([&] { app::register_for_event(app_, teacher_, past, teacher_person_); }).kind(),
            domain::ErrorKind::conflict);
}

TEST_P(EventsTest, AttendanceAndFeedbackSummarisedForTheOrganiserOnly) {
  // Registered while upcoming, then the event is moved into the past (as time passes).
  const auto id = app::create_event(app_, coordinator_, draft(2));
  const auto colleagues = teachers_of(school_, 4);
  const auto head = caller("school_admin", {}, school_);
  app::register_for_event(app_, teacher_, id, teacher_person_);
  std::vector<std::int64_t> others;
  for (auto p : colleagues)
    if (p != teacher_person_ && others.size() < 2) others.push_back(p), app::register_for_event(app_, head, id, p);
  EXPECT_EQ(error_of([&] { app::leave_feedback(app_, teacher_, id, 5, 5, ""); }).kind(), domain::ErrorKind::conflict);
  EXPECT_EQ(error_of([&] {
              app::mark_attendance(app_, coordinator_, id, {{teacher_person_, true}});
            }).kind(),
            domain::ErrorKind::conflict);
  auto past = draft(-1);
  past.status = domain::EventStatus::planned;
  app::update_event(app_, coordinator_, id, past);

  app::mark_attendance(app_, coordinator_, id, {{teacher_person_, true}, {others[0], true}, {others[1], false}});
  EXPECT_EQ(app::get_event(app_, coordinator_, id).event.attended, 2);
  EXPECT_EQ(error_of([&] {
              app::mark_attendance(app_, teacher_, id, {{teacher_person_, true}});
            }).kind(),
            domain::ErrorKind::forbidden);

  app::leave_feedback(app_, teacher_, id, 5, 4, "Полезно");
  EXPECT_EQ(error_of([&] { app::leave_feedback(app_, teacher_, id, 6, 4, ""); }).field(), "useful");
  // Marked absent: no feedback.
  const auto absent = caller("teacher", {}, {}, others[1]);
  EXPECT_EQ(error_of([&] { app::leave_feedback(app_, absent, id, 1, 1, ""); }).kind(), domain::ErrorKind::conflict);
  // Not registered: no feedback.
  std::int64_t unregistered = 0;
  for (auto p : teachers_of(school_, 6))
    if (p != teacher_person_ && p != others[0] && p != others[1]) unregistered = p;
  ASSERT_GT(unregistered, 0);
  EXPECT_EQ(error_of([&] { app::leave_feedback(app_, caller("teacher", {}, {}, unregistered), id, 3, 3, ""); }).kind(),
            domain::ErrorKind::forbidden);

  const auto card = app::get_event(app_, coordinator_, id);
  ASSERT_TRUE(card.feedback);
  EXPECT_EQ(card.feedback->answers, 1);
  EXPECT_DOUBLE_EQ(card.feedback->useful_average, 5.0);
  EXPECT_EQ(card.comments, std::vector<std::string>{"Полезно"});
  EXPECT_FALSE(app::get_event(app_, teacher_, id).feedback);  // participants do not see the summary
  // The list of participants shows who came, not who gave which mark.
  for (const auto& r : app::event_participants(app_, coordinator_, id)) EXPECT_FALSE(r.rating_useful);
  EXPECT_EQ(error_of([&] { app::event_participants(app_, teacher_, id); }).kind(), domain::ErrorKind::forbidden);
}

TEST_P(EventsTest, CancellingTellsEveryoneRegisteredAndMaterialsAreSafeLinks) {
  const auto id = app::create_event(app_, coordinator_, draft(7));
  app::register_for_event(app_, teacher_, id, teacher_person_);
  const auto before = notices("teacher", "cancelled");
  auto cancelled = draft(7);
  cancelled.status = domain::EventStatus::cancelled;
  app::update_event(app_, coordinator_, id, cancelled);
  EXPECT_EQ(notices("teacher", "cancelled"), before + 1);
  EXPECT_EQ(error_of([&] {
              app::register_for_event(app_, caller("school_admin", {}, school_), id, teachers_of(school_, 2).back());
            }).kind(),
            domain::ErrorKind::conflict);

  EXPECT_EQ(
      error_of([&] { app::add_event_material(app_, coordinator_, id, "Презентация", "javascript:alert(1)"); }).field(),
      "url");
  const auto m = app::add_event_material(app_, coordinator_, id, "Презентация", "https://disk.example.ru/p.pdf");
  EXPECT_EQ(m.title, "Презентация");
  EXPECT_EQ(app::get_event(app_, teacher_, id).materials.size(), 1u);
  EXPECT_EQ(error_of([&] { app::add_event_material(app_, teacher_, id, "x", "https://a.ru/x"); }).kind(),
            domain::ErrorKind::forbidden);
  // Export lists what the calendar shows.
  const auto file = app::export_events(app_, coordinator_, {}, "csv");
  EXPECT_NE(file.bytes.find("Семинар по смысловому чтению"), std::string::npos);
  EXPECT_NE(file.bytes.find("Отменено"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, EventsTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });

}  // namespace
