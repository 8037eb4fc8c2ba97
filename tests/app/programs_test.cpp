// Programs, cohorts and enrolments on both backends: the registry within the
// organiser's territory, the «chosen from a diagnosed deficit» mark worked
// out on applying, capacity, the workflow by role, and who sees the mark.
#include "app/programs.hpp"

#include <gtest/gtest.h>

#include "app/diagnostics.hpp"
#include "domain/date.hpp"
#include "domain/error.hpp"
#include "io/csv_reader.hpp"
#include "support/demo_app.hpp"
#include "support/errors.hpp"

using namespace metodist;
using metodist::testing::error_of;

namespace {

class ProgramsTest : public metodist::testing::DemoAppTest {
 protected:
  void SetUp() override {
    DemoAppTest::SetUp();
    region_ = scalar("SELECT id FROM territories WHERE code = 'RU-01'");
    municipality_ = scalar("SELECT id FROM territories WHERE code = 'RU-01-001'");
    school_ = scalar("SELECT id FROM organisations WHERE code = 'RU-01-001-S001'");
    app_.db->read([&](storage::Connection& c) {
      c.run(
          "SELECT DISTINCT p.id, p.code FROM persons p JOIN positions ps ON ps.person_id = p.id"
          " WHERE ps.organisation_id = $1 AND ps.position = 'teacher' AND ps.left_on IS NULL ORDER BY p.id LIMIT 3",
          {school_}, [&](const storage::Row& r) {
            ids_.push_back(r.int64("id"));
            codes_.push_back(r.text("code"));
          });
      return 0;
    });
    // The demo's own diagnostics would decide the mark; this test decides it.
    app_.db->write([](storage::Connection& c) { return c.execute("DELETE FROM diagnostic_results", {}); });
  }
  storage::programs::Program draft(std::int64_t territory) {
    storage::programs::Program p;
    p.title = "Оценивание образовательных результатов по ФГОС";
    p.provider = "ИРО";
    p.hours = 36;
    p.format = "blended";
    p.audience = "teachers";
    p.in_federal_registry = true;
    p.federal_number = "ФР-2025-0001";
    p.territory_id = territory;
    return p;
  }
  std::int64_t cohort(std::int64_t program, std::optional<std::int64_t> capacity = {}) {
    storage::programs::Cohort k;
    k.program_id = program;
    k.title = "Группа 1";
    k.starts_on = "2026-01-10";
    k.ends_on = "2026-02-10";
    k.capacity = capacity;
    return app::create_cohort(app_, caller("regional_institute", region_), k);
  }

  std::int64_t region_ = 0, municipality_ = 0, school_ = 0;
  std::vector<std::int64_t> ids_;
  std::vector<std::string> codes_;
};

}  // namespace

TEST_P(ProgramsTest, TheRegistryIsKeptWithinTheOrganisersTerritoryAndChecked) {
  const auto institute = caller("regional_institute", region_);
  const auto id = app::create_program(app_, institute, draft(region_), {"method.assessment", "method.lesson_design"});
  const auto card = app::get_program(app_, caller("teacher", {}, {}, ids_[0]), id);
  EXPECT_EQ(card.program.competencies, (std::vector<std::string>{"method.lesson_design", "method.assessment"}));
  EXPECT_FALSE(card.can_manage);
  EXPECT_TRUE(app::get_program(app_, institute, id).can_manage);
  auto has = [&](const std::string& competency) {
    for (const auto& p : app::list_programs(app_, institute, competency))
      if (p.id == id) return true;
    return false;
  };
  EXPECT_TRUE(has("method.assessment"));
  EXPECT_TRUE(has(""));
  EXPECT_FALSE(has("digital.resources"));  // the demo's programs may develop it; this one does not

  auto bad = draft(region_);
  bad.hours = 8;
  EXPECT_EQ(error_of([&] { app::create_program(app_, institute, bad, {"method.assessment"}); }).field(), "hours");
  bad = draft(region_);
  bad.federal_number.clear();
  EXPECT_EQ(error_of([&] { app::create_program(app_, institute, bad, {"method.assessment"}); }).field(),
            "federal_number");
  EXPECT_EQ(error_of([&] { app::create_program(app_, institute, draft(region_), {"astrology"}); }).field(),
            "competencies");
  EXPECT_EQ(error_of([&] { app::create_program(app_, institute, draft(region_), {}); }).field(), "competencies");
  const auto coordinator = caller("municipal_coordinator", municipality_);
  EXPECT_EQ(error_of([&] { app::create_program(app_, coordinator, draft(region_), {"method.assessment"}); }).kind(),
            domain::ErrorKind::forbidden);
  EXPECT_GT(app::create_program(app_, coordinator, draft(municipality_), {"method.assessment"}), 0);
  EXPECT_EQ(error_of([&] {
              app::create_program(app_, caller("school_admin", {}, school_), draft(municipality_),
                                  {"method.assessment"});
            }).kind(),
            domain::ErrorKind::forbidden);
}

TEST_P(ProgramsTest, ApplyingMarksAChoiceFromADeficitDiagnosedBefore) {
  // A diagnostic: the first teacher has a deficit in assessment, the second does not.
  storage::diagnostics::Campaign k;
  k.title = "Диагностика";
  k.kind = "competencies";
  k.instrument = "Тест";
  k.territory_id = municipality_;
  const auto today = domain::Date::today();
  k.starts_on = domain::Date::from_days(today.days() - std::chrono::days(30)).iso();
  k.ends_on = today.iso();
  const auto campaign = app::create_campaign(app_, caller("municipal_coordinator", municipality_), k).id;
  const auto loaded =
      app::import_results(app_, caller("municipal_coordinator", municipality_), campaign,
                          io::read_csv("Код;Компетенция;Балл;Максимум\n" + codes_[0] + ";method.assessment;6;20\n" +
                                       codes_[1] + ";method.assessment;18;20\n"),
                          false);
  ASSERT_TRUE(loaded.applied);

  const auto program =
      app::create_program(app_, caller("regional_institute", region_), draft(region_), {"method.assessment"});
  const auto group = cohort(program, 2);
  const auto mine = app::enrol(app_, caller("teacher", {}, {}, ids_[0]), group, ids_[0]);
  EXPECT_EQ(mine.status, domain::EnrolmentStatus::applied);
  EXPECT_TRUE(mine.chosen_from_deficit);
  const auto other = app::enrol(app_, caller("school_admin", {}, school_), group, ids_[1]);
  EXPECT_FALSE(other.chosen_from_deficit);

  EXPECT_EQ(error_of([&] { app::enrol(app_, caller("school_admin", {}, school_), group, ids_[2]); }).kind(),
            domain::ErrorKind::conflict);  // two places, both taken
  EXPECT_EQ(error_of([&] { app::enrol(app_, caller("teacher", {}, {}, ids_[0]), group, ids_[1]); }).kind(),
            domain::ErrorKind::not_found);  // a colleague is not even visible to a teacher
  EXPECT_EQ(error_of([&] { app::enrol(app_, caller("methodist", region_), group, ids_[1]); }).kind(),
            domain::ErrorKind::forbidden);  // visible, but not theirs to apply for
  const auto roomy = cohort(program);
  app::enrol(app_, caller("teacher", {}, {}, ids_[0]), roomy, ids_[0]);
  EXPECT_EQ(error_of([&] { app::enrol(app_, caller("teacher", {}, {}, ids_[0]), roomy, ids_[0]); }).kind(),
            domain::ErrorKind::conflict);  // already there
}

TEST_P(ProgramsTest, TheWorkflowMovesByRoleAndCompletionNeedsACertificate) {
  const auto program =
      app::create_program(app_, caller("regional_institute", region_), draft(region_), {"method.assessment"});
  const auto group = cohort(program);
  const auto teacher = caller("teacher", {}, {}, ids_[0]);
  const auto head = caller("school_admin", {}, school_);
  const auto organiser = caller("regional_institute", region_);
  const auto e = app::enrol(app_, teacher, group, ids_[0]);

  EXPECT_EQ(
      error_of([&] { app::change_enrolment(app_, teacher, e.id, domain::EnrolmentStatus::approved, ""); }).field(),
      "status");
  EXPECT_EQ(app::change_enrolment(app_, head, e.id, domain::EnrolmentStatus::approved, "").status,
            domain::EnrolmentStatus::approved);
  EXPECT_EQ(error_of([&] { app::change_enrolment(app_, head, e.id, domain::EnrolmentStatus::studying, ""); }).field(),
            "status");
  EXPECT_EQ(app::change_enrolment(app_, organiser, e.id, domain::EnrolmentStatus::studying, "").status,
            domain::EnrolmentStatus::studying);
  EXPECT_EQ(
      error_of([&] { app::change_enrolment(app_, organiser, e.id, domain::EnrolmentStatus::completed, " "); }).field(),
      "certificate_number");
  const auto done = app::change_enrolment(app_, organiser, e.id, domain::EnrolmentStatus::completed, "ПК-2026-0042");
  EXPECT_EQ(done.certificate_number, "ПК-2026-0042");
  EXPECT_EQ(done.completed_on, domain::Date::today().iso());
  EXPECT_EQ(error_of([&] {
              app::change_enrolment(app_, caller("methodist", region_), e.id, domain::EnrolmentStatus::withdrawn, "");
            }).kind(),
            domain::ErrorKind::forbidden);

  ASSERT_EQ(app::cohort_enrolments(app_, organiser, group).size(), 1u);
  EXPECT_EQ(error_of([&] { app::cohort_enrolments(app_, head, group); }).kind(), domain::ErrorKind::not_found);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'enrolment'"), 4);
}

TEST_P(ProgramsTest, TheDeficitMarkIsShownOnlyToThoseWhoSeeDiagnostics) {
  const auto program =
      app::create_program(app_, caller("regional_institute", region_), draft(region_), {"method.assessment"});
  const auto group = cohort(program);
  app_.db->write([&](storage::Connection& c) {
    const auto id = c.scalar(
        "INSERT INTO enrolments (cohort_id, person_id, status, applied_on, chosen_from_deficit,"
        " updated_at) VALUES ($1, $2, 'applied', '2026-01-01', 1, 'x') RETURNING id",
        {group, ids_[0]});
    return id;
  });
  auto in_group = [&](const app::PersonEnrolments& list) -> const storage::programs::Enrolment* {
    for (const auto& e : list.items)
      if (e.cohort_id == group) return &e;
    return nullptr;
  };
  const auto school = app::person_enrolments(app_, caller("school_admin", {}, school_), ids_[0]);
  ASSERT_NE(in_group(school), nullptr);
  EXPECT_TRUE(school.shows_deficit_mark);
  EXPECT_TRUE(in_group(school)->chosen_from_deficit);
  const auto coordinator = app::person_enrolments(app_, caller("municipal_coordinator", municipality_), ids_[0]);
  ASSERT_NE(in_group(coordinator), nullptr);
  EXPECT_FALSE(coordinator.shows_deficit_mark);
  EXPECT_FALSE(in_group(coordinator)->chosen_from_deficit);
}

// A cohort as a stage of a cascade, and post-course support after completion.
TEST_P(ProgramsTest, ACohortIsACascadeStageAndSupportFollowsACompletedProgram) {
  const auto organiser = caller("regional_institute", region_);
  const auto program = app::create_program(app_, organiser, draft(region_), {"method.assessment"});
  storage::programs::Cohort k;
  k.program_id = program;
  k.title = "Школьный этап";
  k.starts_on = "2026-01-10";
  k.ends_on = "2026-02-10";
  k.cascade_stage = "каскад";
  EXPECT_EQ(error_of([&] { app::create_cohort(app_, organiser, k); }).field(), "cascade_stage");
  k.cascade_stage = "school";
  const auto group = app::create_cohort(app_, organiser, k);
  const auto teacher = caller("teacher", {}, {}, ids_[0]);
  const auto head = caller("school_admin", {}, school_);
  const auto e = app::enrol(app_, teacher, group, ids_[0]);
  EXPECT_EQ(e.cascade_stage, "school");

  storage::programs::SupportRecord visit;
  visit.happened_on = domain::Date::today().iso();
  visit.kind = "lesson_visit";
  visit.note = "Посетили урок, разобрали приёмы оценивания из курса";
  EXPECT_EQ(error_of([&] { app::record_support(app_, head, e.id, visit); }).kind(), domain::ErrorKind::conflict);
  app::change_enrolment(app_, head, e.id, domain::EnrolmentStatus::approved, "");
  app::change_enrolment(app_, organiser, e.id, domain::EnrolmentStatus::studying, "");
  app::change_enrolment(app_, organiser, e.id, domain::EnrolmentStatus::completed, "ПК-1");

  EXPECT_EQ(error_of([&] { app::record_support(app_, teacher, e.id, visit); }).kind(), domain::ErrorKind::forbidden);
  auto bad = visit;
  bad.kind = "беседа";
  EXPECT_EQ(error_of([&] { app::record_support(app_, head, e.id, bad); }).field(), "kind");
  bad = visit;
  bad.happened_on = domain::Date::from_days(domain::Date::today().days() + std::chrono::days(3)).iso();
  EXPECT_EQ(error_of([&] { app::record_support(app_, head, e.id, bad); }).field(), "happened_on");
  bad.happened_on = "2020-01-01";  // before the completion
  EXPECT_EQ(error_of([&] { app::record_support(app_, head, e.id, bad); }).field(), "happened_on");
  bad = visit;
  bad.note = "   ";
  EXPECT_EQ(error_of([&] { app::record_support(app_, head, e.id, bad); }).field(), "note");

  const auto saved = app::record_support(app_, head, e.id, visit);
  EXPECT_EQ(saved.kind, "lesson_visit");
  EXPECT_FALSE(saved.author_name.empty());
  visit.kind = "consultation";
  app::record_support(app_, organiser, e.id, visit);

  const auto mine = app::enrolment_support(app_, teacher, e.id);
  ASSERT_EQ(mine.records.size(), 2u);
  EXPECT_FALSE(mine.can_record);
  EXPECT_TRUE(app::enrolment_support(app_, head, e.id).can_record);
  const auto list = app::person_enrolments(app_, teacher, ids_[0]);
  bool counted = false;
  for (const auto& x : list.items) counted |= x.id == e.id && x.support_records == 2;
  EXPECT_TRUE(counted);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'post_course_support'"), 2);
  // A colleague does not see another teacher's training.
  EXPECT_EQ(error_of([&] { app::enrolment_support(app_, caller("teacher", {}, {}, ids_[1]), e.id); }).kind(),
            domain::ErrorKind::not_found);
}

INSTANTIATE_TEST_SUITE_P(Backends, ProgramsTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });
