// Mentoring on both backends: a school's program and pairs (both people from
// the school, no duplicates, completion needs a result, notices), young
// teachers with what support they lack, and mentor suggestions.
#include "app/mentoring.hpp"

#include <gtest/gtest.h>

#include "domain/date.hpp"
#include "domain/error.hpp"
#include "support/demo_app.hpp"
#include "support/errors.hpp"

using namespace metodist;
using metodist::testing::error_of;

namespace {

namespace mt = storage::mentoring;

class MentoringTest : public metodist::testing::DemoAppTest {
 protected:
  void SetUp() override {
    DemoAppTest::SetUp();
    school_ = organisation("RU-01-001-S001");
    other_school_ = organisation("RU-01-001-S002");
    head_ = caller("school_admin", {}, school_);
    const auto staff = teachers_of(school_, 3);
    mentor_ = staff[0];
    mentee_ = staff[1];
    // The mentee is a young teacher today; the mentor has long experience and the highest category.
    const auto today = domain::Date::today();
    const auto years_ago = [&](int y) { return domain::Date{today.ymd - std::chrono::years(y)}.iso(); };
    app_.db->write([&](storage::Connection& c) {
      c.execute("UPDATE persons SET birth_date = $2, ped_experience_since = $3 WHERE id = $1",
                {mentee_, years_ago(24), years_ago(1)});
      c.execute("UPDATE persons SET birth_date = $2, ped_experience_since = $3, category = 'highest' WHERE id = $1",
                {mentor_, years_ago(50), years_ago(25)});
      // Both teach the same (rare) subject; the demo's own pairs are set aside.
      c.execute("UPDATE positions SET subjects = 'Астрономия' WHERE person_id IN ($1, $2)", {mentor_, mentee_});
      return c.execute("DELETE FROM mentoring_pairs");
    });
  }
  std::int64_t program() {
    mt::Program p;
    p.organisation_id = school_;
    p.title = "Первые шаги в профессии";
    p.curator_person_id = mentor_;
    p.starts_on = "2026-09-01";
    p.ends_on = "2027-06-30";
    return app::create_mentoring_program(app_, head_, p);
  }
  mt::Pair pair(std::int64_t program_id) {
    mt::Pair p;
    p.program_id = program_id;
    p.mentor_person_id = mentor_;
    p.mentee_person_id = mentee_;
    p.form = "teacher_teacher";
    p.plan = "Посещение уроков";
    p.starts_on = "2026-09-01";
    return p;
  }
  std::int64_t school_ = 0, other_school_ = 0, mentor_ = 0, mentee_ = 0;
  app::Caller head_;
};

TEST_P(MentoringTest, ASchoolKeepsItsProgramAndPairs) {
  const auto id = program();
  EXPECT_TRUE(app::get_mentoring_program(app_, head_, id).can_manage);
  EXPECT_FALSE(app::get_mentoring_program(app_, caller("teacher", {}, {}, mentee_), id).can_manage);
  EXPECT_EQ(error_of([&] {
              auto p = pair(id);
              app::create_mentoring_pair(app_, caller("school_admin", {}, other_school_), p);
            }).kind(),
            domain::ErrorKind::not_found);
  auto self = pair(id);
  self.mentor_person_id = mentee_;
  EXPECT_EQ(error_of([&] { app::create_mentoring_pair(app_, head_, self); }).field(), "mentee_person_id");
  auto outsider = pair(id);
  outsider.mentor_person_id = teachers_of(other_school_, 1).front();
  EXPECT_EQ(error_of([&] { app::create_mentoring_pair(app_, head_, outsider); }).field(), "mentor_person_id");
  auto bad_form = pair(id);
  bad_form.form = "buddy";
  EXPECT_EQ(error_of([&] { app::create_mentoring_pair(app_, head_, bad_form); }).field(), "form");

  const auto created = app::create_mentoring_pair(app_, head_, pair(id));
  EXPECT_EQ(created.status, domain::PairStatus::active);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM notifications WHERE kind = 'mentoring'"),
            scalar("SELECT COUNT(*) FROM accounts WHERE person_id IN (" + std::to_string(mentor_) + ", " +
                   std::to_string(mentee_) + ")"));
  EXPECT_EQ(error_of([&] { app::create_mentoring_pair(app_, head_, pair(id)); }).kind(), domain::ErrorKind::conflict);
  EXPECT_EQ(app::person_mentoring(app_, head_, mentee_).size(), 1u);

  auto done = created;
  done.status = domain::PairStatus::completed;
  done.result.clear();
  EXPECT_EQ(error_of([&] { app::update_mentoring_pair(app_, head_, created.id, done); }).field(), "result");
  done.result = "Провела открытый урок, вошла в ШМО";
  const auto completed = app::update_mentoring_pair(app_, head_, created.id, done);
  EXPECT_EQ(completed.status, domain::PairStatus::completed);
  EXPECT_FALSE(completed.ends_on.empty());
  done.status = domain::PairStatus::active;
  EXPECT_EQ(error_of([&] { app::update_mentoring_pair(app_, head_, created.id, done); }).field(), "status");
  // Programs of another school are not this school's to keep.
  mt::Program theirs;
  theirs.organisation_id = other_school_;
  theirs.title = "Чужая";
  theirs.starts_on = "2026-09-01";
  theirs.ends_on = "2027-06-30";
  EXPECT_EQ(error_of([&] { app::create_mentoring_program(app_, head_, theirs); }).kind(), domain::ErrorKind::forbidden);
  EXPECT_EQ(error_of([&] { app::create_mentoring_program(app_, caller("teacher", {}, {}, mentee_), theirs); }).kind(),
            domain::ErrorKind::forbidden);
}

TEST_P(MentoringTest, YoungTeachersAreListedWithTheSupportTheyLack) {
  auto find = [&](const app::YoungTeacherPage& list) -> const app::YoungTeacher* {
    for (const auto& y : list.items)
      if (y.person.person_id == mentee_) return &y;
    return nullptr;
  };
  const auto before = app::young_teachers(app_, head_, school_);
  const auto* y = find(before);
  ASSERT_NE(y, nullptr);
  EXPECT_EQ(y->age, 24);
  EXPECT_EQ(y->experience_years, 1);
  EXPECT_NE(std::find(y->missing.begin(), y->missing.end(), "нет наставника"), y->missing.end());
  for (const auto& other : before.items) EXPECT_NE(other.person.person_id, mentor_);

  app::create_mentoring_pair(app_, head_, pair(program()));
  const auto after = app::young_teachers(app_, head_, school_);
  y = find(after);
  ASSERT_NE(y, nullptr);
  EXPECT_EQ(std::find(y->missing.begin(), y->missing.end(), "нет наставника"), y->missing.end());
  // A page of one holds the same person with the same support counted, and the number of them all.
  const auto at = static_cast<std::size_t>(y - after.items.data());
  const auto one = app::young_teachers(app_, head_, school_, {}, 1, at);
  EXPECT_EQ(one.total, after.total);
  ASSERT_EQ(one.items.size(), 1u);
  EXPECT_EQ(one.items[0].person.person_id, mentee_);
  EXPECT_EQ(one.items[0].missing, y->missing);
  EXPECT_EQ(one.items[0].person.mentored, 1);
  const auto past = app::young_teachers(app_, head_, school_, {}, 10, static_cast<std::size_t>(after.total));
  EXPECT_TRUE(past.items.empty());
  EXPECT_EQ(past.total, after.total);
  // The list is kept between pages, but not past a change of the data: born
  // earlier (a corrected record), the mentee is no longer young at once.
  const auto born = app_.db->read([&](storage::Connection& c) {
    return c.query_one("SELECT birth_date FROM persons WHERE id = $1", {mentee_})->text("birth_date");
  });
  app_.db->write([&](storage::Connection& c) {
    return c.execute("UPDATE persons SET birth_date = '1970-01-01' WHERE id = $1", {mentee_});
  });
  const auto corrected = app::young_teachers(app_, head_, school_);
  EXPECT_EQ(find(corrected), nullptr);
  EXPECT_EQ(corrected.total, after.total - 1);
  app_.db->write([&](storage::Connection& c) {
    return c.execute("UPDATE persons SET birth_date = $2 WHERE id = $1", {mentee_, born});
  });
  // The limits are settings: at 20 years of age nobody here is young.
  app_.config.young_teacher_max_age = 20;
  EXPECT_EQ(find(app::young_teachers(app_, head_, school_)), nullptr);
  // Teachers and methodists do not get the list.
  EXPECT_EQ(error_of([&] { app::young_teachers(app_, caller("teacher", {}, {}, mentee_), {}); }).kind(),
            domain::ErrorKind::forbidden);
  EXPECT_EQ(error_of([&] { app::young_teachers(app_, head_, {}, "31.12.2026"); }).field(), "on");
}

TEST_P(MentoringTest, SuggestedMentorsComeFromTheSameSchoolFirstWithReasons) {
  const auto list = app::suggest_mentors(app_, head_, mentee_);
  ASSERT_FALSE(list.empty());
  bool mentor_listed = false;
  for (const auto& s : list) {
    EXPECT_NE(s.candidate.person_id, mentee_);
    EXPECT_FALSE(s.reasons.empty());
    if (s.candidate.person_id == mentor_) {
      mentor_listed = true;
      EXPECT_TRUE(s.candidate.same_organisation);
      EXPECT_NE(std::find(s.reasons.begin(), s.reasons.end(), "высшая квалификационная категория"), s.reasons.end());
    }
  }
  EXPECT_TRUE(mentor_listed);
  EXPECT_TRUE(list.front().candidate.same_organisation);
  for (std::size_t i = 1; i < list.size(); ++i) EXPECT_GE(list[i - 1].score, list[i].score);
  EXPECT_EQ(error_of([&] { app::suggest_mentors(app_, caller("school_admin", {}, other_school_), mentee_); }).kind(),
            domain::ErrorKind::not_found);
}

INSTANTIATE_TEST_SUITE_P(Backends, MentoringTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });

}  // namespace
