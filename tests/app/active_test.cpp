// The methodical active on both backends: a selection from application to the
// order that fixes the list, membership changes with history, school teams,
// support assignments within capacity (and what they open to the methodist),
// and the methodist's recorded work with the analysis report.
#include "app/active.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "app/diagnostics.hpp"
#include "app/todo.hpp"
#include "domain/date.hpp"
#include "domain/error.hpp"
#include "support/demo_app.hpp"
#include "support/errors.hpp"

using namespace metodist;
using metodist::testing::error_of;

namespace {

namespace act = storage::active;

class ActiveTest : public metodist::testing::DemoAppTest {
 protected:
  void SetUp() override {
    DemoAppTest::SetUp();
    region_ = territory("RU-01");
    municipality_ = territory("RU-01-001");
    school_ = organisation("RU-01-001-S001");
    coordinator_ = caller("municipal_coordinator", municipality_);
    staff_ = teachers_of(school_, 6);
    // The demo's own active is set aside: these tests build theirs.
    app_.db->write([](storage::Connection& c) {
      for (const char* table :
           {"application_scores", "active_applications", "active_members", "support_assignments", "active_selections",
            "active_orders", "methodist_activities", "active_plan_items", "support_messages", "support_feedback"})
        c.execute(std::string("DELETE FROM ") + table);
      return 0;
    });
    // The first candidate meets every rule of the Ermakovsky district order № 255-02; the second has the first category
    // only.
    app_.db->write([&](storage::Connection& c) {
      c.execute(
          "UPDATE persons SET category = 'highest', higher_ped_education = 1, ped_experience_since = '2010-09-01'"
          " WHERE id = $1",
          {staff_[0]});
      return c.execute(
          "UPDATE persons SET category = 'first', higher_ped_education = 1, ped_experience_since = '2010-09-01'"
          " WHERE id = $1",
          {staff_[1]});
    });
  }
  std::int64_t selection() {
    app::SelectionDraft d;
    d.level = "municipal";
    d.territory_id = municipality_;
    d.title = "Отбор в муниципальный методический актив";
    const auto today = domain::Date::today();
    d.applications_from = domain::Date::from_days(today.days() - std::chrono::days(5)).iso();
    d.applications_to = domain::Date::from_days(today.days() + std::chrono::days(20)).iso();
    return app::create_selection(app_, coordinator_, d);
  }
  void pass_all_stages(std::int64_t application) {
    for (const auto& s : domain::default_stages())
      app::score_application(app_, coordinator_, application, s.code, s.threshold, "");
  }
  std::int64_t member(std::int64_t person, int capacity = 10) {
    app::MemberDraft d{"municipal", municipality_, person, "fgos", "", capacity, "12-ма", "2026-09-10"};
    return app::add_active_member(app_, coordinator_, d).id;
  }
  std::int64_t region_ = 0, municipality_ = 0, school_ = 0;
  app::Caller coordinator_;
  std::vector<std::int64_t> staff_;
};

// A federal operator decides in every region, where selections often share a
// title: each line of their start page says whose selection it is; one who
// decides in one territory reads the title alone.
TEST_P(ActiveTest, SelectionsOfSeveralTerritoriesOnTheStartPageSayWhoseTheyAre) {
  const auto municipal = selection();
  app::SelectionDraft d;
  d.level = "regional";
  d.territory_id = region_;
  d.title = "Отбор в муниципальный методический актив";
  d.applications_from = domain::Date::from_days(domain::Date::today().days() - std::chrono::days(5)).iso();
  d.applications_to = domain::Date::from_days(domain::Date::today().days() + std::chrono::days(20)).iso();
  const auto regional = app::create_selection(app_, caller("regional_ministry", region_), d);
  const auto self = caller("teacher", {}, {}, staff_[0]);
  for (auto id : {municipal, regional})
    app::apply_to_selection(app_, self, id, {staff_[0], "fgos", "", "", false, false, false});
  const auto lines = [&](const app::Caller& who) {
    std::vector<std::string> out;
    for (const auto& item : app::todo_of(app_, who))
      if (item.kind == "selection_decide") out.push_back(item.title);
    std::sort(out.begin(), out.end());
    return out;
  };
  const auto name = [&](std::int64_t id) {
    return app_.db->read([&](storage::Connection& c) {
      return c.query_one("SELECT name FROM territories WHERE id = $1", {id})->text("name");
    });
  };
  auto expected = std::vector<std::string>{
      "Отбор «Отбор в муниципальный методический актив» (" + name(municipality_) + "): 1 заявка ждёт решения",
      "Отбор «Отбор в муниципальный методический актив» (" + name(region_) + "): 1 заявка ждёт решения"};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(lines(caller("federal_operator")), expected);
  EXPECT_EQ(lines(coordinator_),
            std::vector<std::string>{"Отбор «Отбор в муниципальный методический актив»: 1 заявка ждёт решения"});
}

// More than five selections waiting are one line with their sum and the
// earliest end of applications, leading to the list of selections.
TEST_P(ActiveTest, ManySelectionsWaitingAreOneLineOnTheStartPage) {
  const auto today = domain::Date::today();
  for (int i = 0; i < 6; ++i) {
    app::SelectionDraft d;
    d.level = "regional";
    d.territory_id = region_;
    d.title = "Отбор " + std::to_string(i + 1);
    d.applications_from = domain::Date::from_days(today.days() - std::chrono::days(5)).iso();
    d.applications_to = domain::Date::from_days(today.days() + std::chrono::days(20 + i)).iso();
    const auto id = app::create_selection(app_, caller("regional_ministry", region_), d);
    for (int k = 0; k <= i % 2; ++k)
      app::apply_to_selection(app_, caller("teacher", {}, {}, staff_[k]), id,
                              {staff_[k], "fgos", "", "", false, false, false});
  }
  std::vector<app::TodoItem> lines;
  for (auto& item : app::todo_of(app_, caller("federal_operator")))
    if (item.kind == "selection_decide") lines.push_back(item);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].title, "Заявки в методический актив ждут решения: 9 в 6 отборах");
  EXPECT_EQ(lines[0].count, 9);
  EXPECT_EQ(lines[0].link, "/active");
  const auto earliest = domain::Date::from_days(today.days() + std::chrono::days(20));
  EXPECT_EQ(lines[0].due_on, earliest.iso());
  EXPECT_EQ(lines[0].detail, "ближайшее окончание приёма заявок — " + domain::russian_date(earliest.iso()));
}

TEST_P(ActiveTest, ASelectionEndsWithAnOrderThatFixesTheList) {
  EXPECT_EQ(error_of([&] {
              app::SelectionDraft d;
              d.level = "regional";
              d.territory_id = municipality_;
              d.title = "x";
              d.applications_from = "2026-01-01";
              d.applications_to = "2026-02-01";
              app::create_selection(app_, coordinator_, d);
            }).field(),
            "territory_id");
  const auto id = selection();
  // The selection is not the school's to run.
  EXPECT_FALSE(app::get_selection(app_, caller("school_admin", {}, school_), id).can_manage);
  EXPECT_TRUE(app::get_selection(app_, coordinator_, id).can_manage);

  // The strong candidate applies themself; the school nominates the other.
  const auto self = caller("teacher", {}, {}, staff_[0]);
  app::ApplicationDraft a{staff_[0], "fgos", "math_it", "https://portfolio.example.ru/1", true, false, false};
  const auto strong = app::apply_to_selection(app_, self, id, a);
  EXPECT_EQ(strong.application.nominated_by, "self");
  EXPECT_TRUE(strong.eligibility.eligible);
  EXPECT_EQ(strong.eligibility.preferred_met, 1);
  EXPECT_EQ(error_of([&] { app::apply_to_selection(app_, self, id, a); }).kind(), domain::ErrorKind::conflict);
  const auto weak = app::apply_to_selection(app_, caller("school_admin", {}, school_), id,
                                            {staff_[1], "fgos", "", "", false, false, false});
  EXPECT_EQ(weak.application.nominated_by, "organisation");
  EXPECT_FALSE(weak.eligibility.eligible);
  // A teacher cannot put a colleague forward.
  EXPECT_EQ(error_of([&] {
              app::apply_to_selection(app_, self, id, {staff_[2], "fgos", "", "", false, false, false});
            }).kind(),
            domain::ErrorKind::forbidden);
  EXPECT_EQ(error_of([&] {
              app::apply_to_selection(app_, self, id, {staff_[0], "cooking", "", "", false, false, false});
            }).field(),
            "direction");

  // Scores, thresholds, and a decision that must be earned.
  EXPECT_EQ(
      error_of([&] { app::score_application(app_, coordinator_, strong.application.id, "case", 25, ""); }).field(),
      "score");
  EXPECT_EQ(error_of([&] { app::score_application(app_, self, strong.application.id, "case", 15, ""); }).kind(),
            domain::ErrorKind::forbidden);
  const auto early = error_of([&] {
    app::decide_application(app_, coordinator_, strong.application.id, domain::ApplicationStatus::accepted, "");
  });
  EXPECT_EQ(early.kind(), domain::ErrorKind::conflict);
  EXPECT_NE(std::string(early.what()).find("оценены не все этапы"), std::string::npos);
  pass_all_stages(strong.application.id);
  pass_all_stages(weak.application.id);
  const auto refused = error_of([&] {
    app::decide_application(app_, coordinator_, weak.application.id, domain::ApplicationStatus::accepted, "");
  });
  EXPECT_NE(std::string(refused.what()).find("Высшая квалификационная категория"), std::string::npos) << refused.what();
  app::decide_application(app_, coordinator_, weak.application.id, domain::ApplicationStatus::rejected,
                          "Нет высшей категории");
  EXPECT_EQ(app::decide_application(app_, coordinator_, strong.application.id, domain::ApplicationStatus::accepted, "")
                .application.status,
            domain::ApplicationStatus::accepted);

  // The candidate sees only their own application; the coordinator sees all.
  EXPECT_EQ(app::get_selection(app_, self, id).applications.size(), 1u);
  EXPECT_EQ(app::get_selection(app_, coordinator_, id).applications.size(), 2u);

  const auto order = app::issue_selection_order(app_, coordinator_, id, "255-02", "2026-09-09");
  EXPECT_EQ(order.number, "255-02");
  const auto members = app::list_active_members(app_, coordinator_, {municipality_, "municipal", true, order.id});
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(members[0].person_id, staff_[0]);
  EXPECT_EQ(members[0].starts_on, "2026-09-09");
  EXPECT_EQ(app::get_selection(app_, coordinator_, id).selection.status, domain::SelectionStatus::decided);
  EXPECT_EQ(error_of([&] { app::issue_selection_order(app_, coordinator_, id, "256", "2026-09-10"); }).kind(),
            domain::ErrorKind::conflict);
  EXPECT_EQ(error_of([&] {
              app::decide_application(app_, coordinator_, weak.application.id, domain::ApplicationStatus::accepted, "");
            }).kind(),
            domain::ErrorKind::conflict);
  const auto pdf = app::order_document(app_, coordinator_, order.id);
  EXPECT_EQ(pdf.bytes.substr(0, 5), "%PDF-");
  EXPECT_EQ(pdf.content_type, "application/pdf");
}

TEST_P(ActiveTest, MembershipChangesDuringTheYearKeepTheirHistory) {
  const auto id = member(staff_[0]);
  EXPECT_EQ(error_of([&] { member(staff_[0]); }).kind(), domain::ErrorKind::conflict);
  EXPECT_EQ(error_of([&] {
              app::add_active_member(app_, caller("teacher", {}, {}, staff_[0]),
                                     {"municipal", municipality_, staff_[1], "fgos", "", 10, "1", "2026-09-10"});
            }).kind(),
            domain::ErrorKind::forbidden);
  EXPECT_EQ(error_of([&] {
              app::add_active_member(app_, coordinator_,
                                     {"municipal", municipality_, staff_[1], "fgos", "", 10, "", "2026-09-10"});
            }).field(),
            "order_number");
  const auto ended =
      app::end_active_member(app_, coordinator_, id, "2026-12-31", "301", "2026-12-20", "Переход в другую школу");
  EXPECT_EQ(ended.ends_on, "2026-12-31");
  EXPECT_EQ(ended.end_order_number, "301");
  EXPECT_EQ(
      error_of([&] { app::end_active_member(app_, coordinator_, id, "2027-01-31", "302", "2027-01-20", ""); }).kind(),
      domain::ErrorKind::conflict);
  member(staff_[0]);  // back again: a new row
  EXPECT_EQ(app::list_active_members(app_, coordinator_, {municipality_, "municipal", true, {}}).size(), 1u);
  EXPECT_EQ(app::list_active_members(app_, coordinator_, {municipality_, "municipal", false, {}}).size(), 2u);
}

TEST_P(ActiveTest, SchoolTeamsShowWhatIsMissing) {
  const auto teams = [&] {
    for (auto& t : app::school_teams(app_, coordinator_, municipality_))
      if (t.organisation_id == school_) return t;
    return app::SchoolTeam{};
  };
  EXPECT_EQ(teams().problems.size(), 5u);  // nobody yet
  // A deputy director and three teachers of the three required areas.
  const std::int64_t deputy =
      scalar("SELECT person_id FROM positions WHERE organisation_id = " + std::to_string(school_) +
             " AND position = 'deputy_director' ORDER BY id LIMIT 1");
  std::vector<std::int64_t> teachers;
  for (auto p : teachers_of(school_, 10))
    if (p != deputy && teachers.size() < 3) teachers.push_back(p);
  ASSERT_EQ(teachers.size(), 3u);
  app_.db->write([&](storage::Connection& c) {
    // Only the workplace's own area counts: the deputy teaches nothing here.
    c.execute("UPDATE positions SET subject_area = NULL WHERE person_id = $1", {deputy});
    c.execute("UPDATE positions SET subject_area = 'math_it' WHERE person_id = $1", {teachers[0]});
    c.execute("UPDATE positions SET subject_area = 'russian_literature' WHERE person_id = $1", {teachers[1]});
    return c.execute("UPDATE positions SET subject_area = 'natural_sciences' WHERE person_id = $1", {teachers[2]});
  });
  for (auto p : {deputy, teachers[0], teachers[1]}) member(p);
  auto t = teams();
  EXPECT_EQ(t.problems, (std::vector<std::string>{"В команде 3 чел., нужно не менее 4",
                                                  "Нет учителя предметной области «Естественно-научные предметы»"}));
  member(teachers[2]);
  EXPECT_TRUE(teams().problems.empty()) << (teams().problems.empty() ? "" : teams().problems.front());
  EXPECT_EQ(error_of([&] { app::school_teams(app_, coordinator_, region_); }).field(), "territory_id");
}

TEST_P(ActiveTest, SupportWithinCapacityOpensTheSupportedTeacherToTheMethodist) {
  const auto methodist_person = staff_[0];
  member(methodist_person, 1);
  const auto teacher = staff_[3];
  EXPECT_EQ(error_of([&] {
              app::assign_methodists(app_, coordinator_, {{staff_[4], {}, teacher}});
            }).field(),
            "methodist_person_id");  // not in the active
  EXPECT_EQ(error_of([&] {
              app::assign_methodists(app_, coordinator_, {{methodist_person, school_, teacher}});
            }).field(),
            "items");
  const auto made = app::assign_methodists(app_, coordinator_, {{methodist_person, {}, teacher}});
  ASSERT_EQ(made.size(), 1u);
  EXPECT_EQ(error_of([&] {
              app::assign_methodists(app_, coordinator_, {{methodist_person, school_, {}}});
            }).kind(),
            domain::ErrorKind::conflict);  // capacity 1 is spent
  EXPECT_EQ(error_of([&] {
              app::assign_methodists(app_, caller("school_admin", {}, school_), {{methodist_person, {}, staff_[5]}});
            }).kind(),
            domain::ErrorKind::forbidden);

  // The methodist now reads the supported teacher's diagnostics, and nobody else's.
  auto methodist = caller("methodist", region_, {}, methodist_person);
  methodist.support = app_.db->read(
      [&](storage::Connection& c) { return act::support_of(c, methodist_person, domain::Date::today().iso()); });
  EXPECT_NO_THROW(app::person_diagnostics(app_, methodist, teacher));
  EXPECT_EQ(error_of([&] { app::person_diagnostics(app_, methodist, staff_[5]); }).kind(),
            domain::ErrorKind::not_found);
  EXPECT_EQ(error_of([&] { app::person_diagnostics(app_, caller("methodist", region_), teacher); }).kind(),
            domain::ErrorKind::not_found);

  app::end_assignment(app_, coordinator_, made[0].id);
  const auto tomorrow = domain::Date::from_days(domain::Date::today().days() + std::chrono::days(1)).iso();
  EXPECT_TRUE(app_.db->read([&](storage::Connection& c) { return act::support_of(c, methodist_person, tomorrow); })
                  .persons.empty());
  // Leaving the active ends whatever support is left.
  app::assign_methodists(app_, coordinator_, {{methodist_person, {}, staff_[5]}});
  const auto membership = app::list_active_members(app_, coordinator_, {municipality_, "municipal", true, {}}).front();
  app::end_active_member(app_, coordinator_, membership.id, domain::Date::today().iso(), "77",
                         domain::Date::today().iso(), "");
  EXPECT_TRUE(app_.db->read([&](storage::Connection& c) { return act::support_of(c, methodist_person, tomorrow); })
                  .persons.empty());
}

TEST_P(ActiveTest, TheProposalPutsShnorSchoolsFirstWithinCapacities) {
  app_.db->write([&](storage::Connection& c) {
    return c.execute("UPDATE organisations SET is_shnor = 1 WHERE id = $1", {school_});
  });
  member(staff_[0], 2);
  const auto proposal = app::propose_assignments(app_, coordinator_, municipality_);
  ASSERT_FALSE(proposal.empty());
  EXPECT_EQ(proposal.front().target.kind, "school");
  EXPECT_EQ(proposal.front().target.id, school_);
  EXPECT_EQ(proposal.front().methodist, staff_[0]);
  int given = 0;
  for (const auto& p : proposal) given += p.methodist.has_value();
  EXPECT_EQ(given, 2);  // the capacity
  EXPECT_EQ(
      error_of([&] { app::propose_assignments(app_, caller("school_admin", {}, school_), municipality_); }).kind(),
      domain::ErrorKind::forbidden);
}

TEST_P(ActiveTest, TheMethodistRecordsWorkAndTheReportCountsIt) {
  const auto person = staff_[0];
  const auto self = caller("teacher", {}, {}, person);
  act::Activity a;
  a.function = "own_lessons";
  a.happened_on = domain::Date::today().iso();
  a.title = "Мастер-класс «Смысловое чтение»";
  a.participants = 18;
  EXPECT_EQ(error_of([&] { app::record_activity(app_, self, a); }).kind(),
            domain::ErrorKind::forbidden);  // not a member yet
  member(person);
  app::record_activity(app_, self, a);
  auto bad = a;
  bad.function = "gardening";
  EXPECT_EQ(error_of([&] { app::record_activity(app_, self, bad); }).field(), "function");
  bad = a;
  bad.happened_on = "2099-01-01";
  EXPECT_EQ(error_of([&] { app::record_activity(app_, self, bad); }).field(), "happened_on");
  const auto cabinet = app::methodist_cabinet(app_, self);
  ASSERT_EQ(cabinet.activities.size(), 1u);
  EXPECT_EQ(cabinet.memberships.size(), 1u);
  const auto today = domain::Date::today().iso();
  const auto csv =
      app::activity_report(app_, coordinator_, municipality_, "municipal", today.substr(0, 4) + "-01-01", today, "csv");
  EXPECT_NE(csv.bytes.find("Проведение собственных мастер-классов, открытых уроков;1;18"), std::string::npos)
      << csv.bytes;
  const auto pdf =
      app::activity_report(app_, coordinator_, municipality_, "municipal", today.substr(0, 4) + "-01-01", today, "pdf");
  EXPECT_EQ(pdf.bytes.substr(0, 5), "%PDF-");
  EXPECT_EQ(error_of([&] {
              app::activity_report(app_, self, municipality_, "municipal", "2026-01-01", today, "pdf");
            }).kind(),
            domain::ErrorKind::forbidden);
}

TEST_P(ActiveTest, TheMethodistAndTheSupportedTalkAndTheSupportedRateTheSupport) {
  const auto methodist_person = staff_[0], teacher = staff_[3], stranger = staff_[4];
  member(methodist_person);
  app::assign_methodists(app_, coordinator_, {{methodist_person, {}, teacher}});
  const auto methodist = caller("methodist", region_, {}, methodist_person);
  const auto supported = caller("teacher", {}, {}, teacher);
  // Either side opens the same conversation.
  app::send_support_message(app_, methodist, teacher, "Добрый день! Посмотрим ваш план урока в четверг?");
  const auto reply = app::send_support_message(app_, supported, methodist_person, "Да, спасибо");
  EXPECT_FALSE(reply.from_methodist);
  EXPECT_EQ(app::methodist_cabinet(app_, methodist).supported.front().unread, 1);
  const auto thread = app::support_thread(app_, methodist, teacher);
  ASSERT_EQ(thread.messages.size(), 2u);
  EXPECT_TRUE(thread.messages[0].from_methodist);
  EXPECT_EQ(app::methodist_cabinet(app_, methodist).supported.front().unread, 0);  // read now
  EXPECT_EQ(error_of([&] { app::send_support_message(app_, methodist, stranger, "Здравствуйте"); }).kind(),
            domain::ErrorKind::forbidden);
  EXPECT_EQ(error_of([&] { app::send_support_message(app_, supported, methodist_person, " "); }).field(), "body");
  // The supported person rates the support; the methodist sees it in the cabinet.
  EXPECT_EQ(app::my_supporters(app_, supported).front().methodist_person_id, methodist_person);
  app::give_support_feedback(app_, supported, methodist_person, 5, "Помогли с рабочей программой");
  EXPECT_EQ(error_of([&] { app::give_support_feedback(app_, supported, methodist_person, 4, ""); }).kind(),
            domain::ErrorKind::conflict);  // once a day
  EXPECT_EQ(error_of([&] { app::give_support_feedback(app_, methodist, teacher, 5, ""); }).kind(),
            domain::ErrorKind::forbidden);
  const auto cabinet = app::methodist_cabinet(app_, methodist);
  EXPECT_DOUBLE_EQ(cabinet.feedback_average, 5.0);
  EXPECT_EQ(cabinet.supported.front().deficits >= 0, true);
}

TEST_P(ActiveTest, TheWorkPlanIsKeptByTheCoordinatorAndClosedWithAReport) {
  storage::active::PlanItem p;
  p.level = "municipal";
  p.territory_id = municipality_;
  p.school_year = "2026/2027";
  p.title = "Методический десант в ШНОР";
  p.direction = "fgos";
  p.function = "shnor_help";
  p.term = "в течение года";
  const auto item = app::add_plan_item(app_, coordinator_, p);
  auto bad = p;
  bad.school_year = "2026-2027";
  EXPECT_EQ(error_of([&] { app::add_plan_item(app_, coordinator_, bad); }).field(), "school_year");
  bad = p;
  bad.term = "";
  EXPECT_EQ(error_of([&] { app::add_plan_item(app_, coordinator_, bad); }).field(), "term");
  EXPECT_EQ(error_of([&] { app::add_plan_item(app_, caller("school_admin", {}, school_), p); }).kind(),
            domain::ErrorKind::forbidden);
  EXPECT_EQ(
      error_of([&] { app::update_plan_item(app_, coordinator_, item.id, domain::PlanItemStatus::done, ""); }).field(),
      "report");
  EXPECT_EQ(
      app::update_plan_item(app_, coordinator_, item.id, domain::PlanItemStatus::done, "Проведено 4 выезда").status,
      domain::PlanItemStatus::done);
  auto may = p;
  may.title = "Итоговое совещание";
  may.term = "май";
  const auto may_id = app::add_plan_item(app_, coordinator_, may).id;
  auto vague = p;
  vague.title = "Выезды по запросам";
  vague.term = "по мере поступления запросов";
  app::add_plan_item(app_, coordinator_, vague);
  auto past = p;
  past.school_year = "2020/2021";
  past.term = "октябрь";
  app::add_plan_item(app_, coordinator_, past);
  const auto plan =
      app::active_plan(app_, caller("teacher", {}, {}, staff_[0]), municipality_, "municipal", "2026/2027");
  ASSERT_EQ(plan.size(), 3u);
  EXPECT_EQ(plan[0].item.term, "в течение года");
  EXPECT_EQ(plan[0].item.report, "Проведено 4 выезда");
  EXPECT_EQ(plan[1].item.id, may_id);
  EXPECT_EQ(plan[1].due_on, "2027-05-31");  // May of the school year's second calendar year
  EXPECT_FALSE(plan[2].term_flagged);  // «по мере поступления запросов»: known, with no due date
  EXPECT_EQ(plan[2].due_on, "");
  const auto old = app::active_plan(app_, coordinator_, municipality_, "municipal", "2020/2021");
  ASSERT_EQ(old.size(), 1u);
  EXPECT_TRUE(old[0].overdue);  // still planned, long past its term
  EXPECT_EQ(old[0].due_on, "2020-10-31");
}

INSTANTIATE_TEST_SUITE_P(Backends, ActiveTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });

}  // namespace
