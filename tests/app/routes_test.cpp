// Individual routes on both backends: drafted from deficits by the school,
// agreed by the teacher with one click, worked through row by row, completed
// when all rows are done; confidential like the diagnostics.
#include "app/routes.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "app/diagnostics.hpp"
#include "app/events.hpp"
#include "app/export.hpp"
#include "app/programs.hpp"
#include "app/route_suggestions.hpp"
#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/suggestions.hpp"
#include "io/csv_reader.hpp"
#include "support/demo_app.hpp"
#include "support/errors.hpp"

using namespace metodist;
using metodist::testing::error_of;

namespace {

class RoutesTest : public metodist::testing::DemoAppTest {
 protected:
  void SetUp() override {
    DemoAppTest::SetUp();
    municipality_ = scalar("SELECT id FROM territories WHERE code = 'RU-01-001'");
    region_ = scalar("SELECT id FROM territories WHERE code = 'RU-01'");
    school_ = scalar("SELECT id FROM organisations WHERE code = 'RU-01-001-S001'");
    person_ =
        scalar("SELECT MIN(ps.person_id) FROM positions ps WHERE ps.organisation_id = " + std::to_string(school_) +
               " AND ps.position = 'teacher'");
    code_ = app_.db->read([&](storage::Connection& c) {
      return c.query_one("SELECT code FROM persons WHERE id = $1", {person_})->text("code");
    });
    // This test decides the person's deficits: assessment and digital resources.
    app_.db->write([&](storage::Connection& c) {
      return c.execute("DELETE FROM diagnostic_results WHERE person_id = $1", {person_});
    });
    storage::diagnostics::Campaign k;
    k.title = "Диагностика";
    k.kind = "competencies";
    k.instrument = "Тест";
    k.territory_id = municipality_;
    const auto today = domain::Date::today();
    k.starts_on = domain::Date::from_days(today.days() - std::chrono::days(10)).iso();
    k.ends_on = today.iso();
    const auto coordinator = caller("municipal_coordinator", municipality_);
    const auto campaign = app::create_campaign(app_, coordinator, k).id;
    const auto r =
        app::import_results(app_, coordinator, campaign,
                            io::read_csv("Код;Компетенция;Балл;Максимум\n" + code_ + ";method.assessment;5;20\n" +
                                         code_ + ";digital.resources;6;20\n" + code_ + ";subject.content;19;20\n"),
                            false);
    ASSERT_TRUE(r.applied);
    head_ = caller("school_admin", {}, school_);
    head_.account_id = scalar("SELECT id FROM accounts WHERE login = 'school'");
    teacher_ = caller("teacher", {}, {}, person_);
  }
  // A cohort of the program starting in `days`, and an event of the person's
  // municipality on a competency in `days`.
  void cohort_in(std::int64_t program, int days) {
    storage::programs::Cohort k;
    k.program_id = program;
    k.title = "Следующая группа";
    k.starts_on = domain::Date::from_days(domain::Date::today().days() + std::chrono::days(days)).iso();
    k.ends_on = domain::Date::from_days(domain::Date::today().days() + std::chrono::days(days + 30)).iso();
    k.capacity = 25;
    app::create_cohort(app_, caller("regional_institute", region_), k);
  }
  void event_in(int days, const std::string& competency, const std::string& title) {
    storage::events::Event e;
    e.kind = "webinar";
    e.title = title;
    e.level = "municipal";
    e.territory_id = municipality_;
    const auto on = domain::Date::from_days(domain::Date::today().days() + std::chrono::days(days)).iso();
    e.starts_at = on + "T15:00";
    e.ends_at = on + "T16:30";
    e.format = "online";
    e.place = "https://vk.com/video/metodist-test";
    e.audience = {"teachers"};
    e.competencies = {competency};
    app::create_event(app_, caller("municipal_coordinator", municipality_), e);
  }
  app::NewRoute draft() const { return {person_, "2026-01-01", "2026-12-31", "Иванова Т. П., методист ИМЦ", true}; }

  std::int64_t municipality_ = 0, region_ = 0, school_ = 0, person_ = 0;
  std::string code_;
  app::Caller head_, teacher_;
};

}  // namespace

TEST_P(RoutesTest, DraftedFromDeficitsWithAProgramWhereTheRegistryHasOne) {
  const auto r = app::create_route(app_, head_, draft());
  EXPECT_EQ(r.status, domain::RouteStatus::draft);
  ASSERT_EQ(r.rows.size(), 2u);  // two deficits; subject.content is fine
  EXPECT_EQ(r.rows[0].competency, "digital.resources");
  EXPECT_EQ(r.rows[0].activity, "program");  // the demo's digital environment program
  ASSERT_TRUE(r.rows[0].program_id);
  EXPECT_EQ(r.rows[1].competency, "method.assessment");
  EXPECT_EQ(r.rows[0].term, "до 31.12.2026");
  EXPECT_EQ(r.author_account_id, head_.account_id);

  const auto empty = app::create_route(app_, head_, {person_, "2026-01-01", "2026-06-30", "", false});
  EXPECT_TRUE(empty.rows.empty());
  EXPECT_EQ(error_of([&] {
              app::create_route(app_, head_, {person_, "2026-06-30", "2026-01-01", "", false});
            }).field(),
            "period_to");
}

TEST_P(RoutesTest, ConfidentialLikeTheDiagnostics) {
  const auto r = app::create_route(app_, head_, draft());
  EXPECT_EQ(app::person_routes(app_, teacher_, person_).routes.size(), 1u);
  EXPECT_FALSE(app::person_routes(app_, teacher_, person_).can_draft);
  EXPECT_TRUE(app::person_routes(app_, head_, person_).can_draft);
  for (const auto& other :
       {caller("municipal_coordinator", municipality_), caller("methodist", region_), caller("federal_operator")}) {
    EXPECT_EQ(error_of([&] { app::get_route(app_, other, r.id); }).kind(), domain::ErrorKind::not_found) << other.login;
    EXPECT_EQ(error_of([&] { app::create_route(app_, other, draft()); }).kind(), domain::ErrorKind::not_found)
        << other.login;
  }
  // The teacher sees it but does not write their own.
  EXPECT_EQ(error_of([&] { app::create_route(app_, teacher_, draft()); }).kind(), domain::ErrorKind::forbidden);
}

TEST_P(RoutesTest, TheTeacherAgreesRowsAreDoneThenTheRouteIsCompleted) {
  auto r = app::create_route(app_, head_, draft());
  // The school edits the draft; a bad row is named.
  auto rows = r.rows;
  rows.push_back(
      {0, 0, "", "Открытый урок для коллег", "master_class", "", std::nullopt, "Март", "", "Конспект", false, ""});
  auto bad = rows;
  bad.back().activity = "астрология";
  EXPECT_EQ(error_of([&] { app::update_route_rows(app_, head_, r.id, bad); }).field(), "rows");
  r = app::update_route_rows(app_, head_, r.id, rows);
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(error_of([&] { app::update_route_rows(app_, teacher_, r.id, rows); }).kind(), domain::ErrorKind::forbidden);

  EXPECT_EQ(error_of([&] { app::change_route_status(app_, teacher_, r.id, domain::RouteStatus::completed); }).field(),
            "status");
  // The teacher agrees what was sent to them, and is told when it is.
  const auto unsent = error_of([&] { app::change_route_status(app_, teacher_, r.id, domain::RouteStatus::agreed); });
  EXPECT_NE(std::string(unsent.what()).find("не отправлен"), std::string::npos) << unsent.what();
  EXPECT_EQ(app::get_route(app_, teacher_, r.id).actions, std::vector<std::string>{});
  EXPECT_EQ(r.actions, (std::vector<std::string>{"edit", "send", "agree"}));  // the head: paper agreement too
  EXPECT_EQ(error_of([&] { app::send_route(app_, teacher_, r.id); }).field(), "status");
  ASSERT_EQ(scalar("SELECT COUNT(*) FROM accounts WHERE person_id = " + std::to_string(person_)),
            1);  // the demo teacher
  r = app::send_route(app_, head_, r.id);
  EXPECT_FALSE(r.sent_at.empty());
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM notifications n JOIN accounts a ON a.id = n.account_id WHERE n.kind = 'route'"
                   " AND a.person_id = " +
                   std::to_string(person_)),
            1);
  EXPECT_EQ(error_of([&] { app::send_route(app_, head_, r.id); }).field(), "status");  // once
  EXPECT_EQ(app::get_route(app_, teacher_, r.id).actions, std::vector<std::string>{"agree"});
  r = app::change_route_status(app_, teacher_, r.id, domain::RouteStatus::agreed);  // one click
  EXPECT_EQ(r.status, domain::RouteStatus::agreed);
  EXPECT_EQ(error_of([&] { app::update_route_rows(app_, head_, r.id, rows); }).kind(), domain::ErrorKind::conflict);
  EXPECT_EQ(error_of([&] { app::mark_route_row(app_, teacher_, r.id, r.rows[0].id, true, ""); }).kind(),
            domain::ErrorKind::conflict);
  r = app::change_route_status(app_, teacher_, r.id, domain::RouteStatus::in_progress);

  r = app::mark_route_row(app_, teacher_, r.id, r.rows[0].id, true, "Удостоверение ПК-1");
  r = app::mark_route_row(app_, head_, r.id, r.rows[1].id, true, "Повторная диагностика: 75 %");
  const auto early = error_of([&] { app::change_route_status(app_, head_, r.id, domain::RouteStatus::completed); });
  EXPECT_NE(std::string(early.what()).find("2 строк из 3"), std::string::npos) << early.what();
  r = app::mark_route_row(app_, teacher_, r.id, r.rows[2].id, true, "Конспект урока");
  EXPECT_EQ(error_of([&] { app::change_route_status(app_, teacher_, r.id, domain::RouteStatus::completed); }).field(),
            "status");
  r = app::change_route_status(app_, head_, r.id, domain::RouteStatus::completed);
  EXPECT_EQ(r.status, domain::RouteStatus::completed);
  EXPECT_EQ(r.rows[0].evidence, "Удостоверение ПК-1");
  // create, rows, sent, agreed, in progress, three marks, completed
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'route' AND entity_id = " + std::to_string(r.id)), 9);
}

TEST_P(RoutesTest, DraftsForACampaignGoToEveryoneWithDeficitsInTheSchoolOnce) {
  const auto campaign = scalar("SELECT MAX(id) FROM diagnostic_campaigns");  // this test's, with the person's deficits
  const auto first = app::draft_routes_for_campaign(app_, head_, campaign, "2026-01-01", "2026-12-31");
  EXPECT_EQ(first.created, 1u);
  EXPECT_EQ(first.already_have, 0u);
  const auto again = app::draft_routes_for_campaign(app_, head_, campaign, "2026-01-01", "2026-12-31");
  EXPECT_EQ(again.created, 0u);
  EXPECT_EQ(again.already_have, 1u);  // a route in work is not drafted twice
  ASSERT_EQ(app::person_routes(app_, teacher_, person_).routes.size(), 1u);
  EXPECT_EQ(app::person_routes(app_, teacher_, person_).routes[0].rows.size(), 2u);
  EXPECT_EQ(error_of([&] {
              app::draft_routes_for_campaign(app_, caller("municipal_coordinator", municipality_), campaign,
                                             "2026-01-01", "2026-12-31");
            }).kind(),
            domain::ErrorKind::forbidden);
  // The demo's region-wide entry diagnostic: only this school's teachers are drafted (the demo
  // has routes of its own elsewhere; those the head drafted are all in the school).
  const auto entry = scalar("SELECT MIN(id) FROM diagnostic_campaigns");
  const auto bulk = app::draft_routes_for_campaign(app_, head_, entry, "2026-01-01", "2026-12-31");
  EXPECT_GT(bulk.created + bulk.already_have + bulk.without_deficits, 0u);
  EXPECT_GT(scalar("SELECT COUNT(*) FROM routes WHERE author_account_id = " + std::to_string(head_.account_id)), 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM routes r WHERE r.author_account_id = " + std::to_string(head_.account_id) +
                   " AND NOT EXISTS (SELECT 1 FROM positions ps WHERE ps.person_id = r.person_id"
                   " AND ps.organisation_id = " +
                   std::to_string(school_) + " AND ps.left_on IS NULL)"),
            0);
}

TEST_P(RoutesTest, ExportedAsATableToPrint) {
  const auto r = app::create_route(app_, head_, draft());
  const auto file = app::export_route(app_, teacher_, r.id, "csv");
  EXPECT_NE(file.bytes.find("№;Дефицит;Цель;Деятельность"), std::string::npos);
  EXPECT_NE(file.bytes.find("Устранить дефицит: Оценивание образовательных результатов"), std::string::npos);
  EXPECT_EQ(file.filename.rfind("route-" + std::to_string(r.id), 0), 0u);
  EXPECT_EQ(
      error_of([&] { app::export_route(app_, caller("municipal_coordinator", municipality_), r.id, "csv"); }).kind(),
      domain::ErrorKind::not_found);
  EXPECT_EQ(error_of([&] { app::export_route(app_, teacher_, r.id, "docx"); }).field(), "format");
  const auto pdf = app::export_route(app_, teacher_, r.id, "pdf");
  EXPECT_EQ(pdf.bytes.rfind("%PDF", 0), 0u);
  EXPECT_EQ(pdf.content_type, "application/pdf");
}

// What a route offers per deficit. The demo's registry has the
// digital environment program; this test opens its next cohort in 30 days and
// holds a webinar on assessment in the person's municipality in 21 days.
TEST_P(RoutesTest, SuggestionsPerDeficitAreRankedExplainedAndConfidential) {
  const auto today = domain::Date::today();
  const auto until = domain::Date::from_days(today.days() + std::chrono::days(90)).iso();
  cohort_in(scalar("SELECT MIN(id) FROM programs WHERE title LIKE 'Цифровая%'"), 30);
  event_in(21, "method.assessment", "Цифровые сервисы для оценивания");
  const auto list = app::route_suggestions(app_, head_, person_, until);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].competency, "digital.resources");
  EXPECT_DOUBLE_EQ(list[0].percent, 30);
  ASSERT_FALSE(list[0].offers.empty());
  const auto& best = list[0].offers.front();
  EXPECT_EQ(best.facts.kind, domain::OfferKind::program);
  ASSERT_TRUE(best.facts.cohort_id);  // the cohort still recruiting, not the one under way
  EXPECT_EQ(best.facts.starts_on->iso(), domain::Date::from_days(today.days() + std::chrono::days(30)).iso());
  EXPECT_NE(std::find_if(best.reasons.begin(), best.reasons.end(),
                         [](const std::string& r) { return r.find("ближайшая группа с") == 0; }),
            best.reasons.end());
  bool event = false;
  for (const auto& o : list[1].offers) event |= o.facts.kind == domain::OfferKind::event && o.facts.near;
  EXPECT_TRUE(event) << "the webinar of the person's municipality";
  // The school is offered a colleague as a mentor — once, under one of the
  // deficits, the other naming them among the offers listed elsewhere.
  std::map<std::int64_t, int> mentors;
  for (const auto& d : list)
    for (const auto& o : d.offers)
      if (o.facts.kind == domain::OfferKind::mentor) ++mentors[o.facts.id];
  EXPECT_FALSE(mentors.empty()) << "the school is offered a colleague";
  for (const auto& [id, times] : mentors) EXPECT_EQ(times, 1) << "mentor " << id;
  EXPECT_FALSE(list[0].listed_elsewhere.empty() && list[1].listed_elsewhere.empty());
  for (std::size_t i = 1; i < list[1].offers.size(); ++i)
    if (list[1].offers[i].facts.kind == list[1].offers[i - 1].facts.kind)
      EXPECT_LE(list[1].offers[i].score, list[1].offers[i - 1].score);

  // The teacher sees their own, without colleagues as mentors; others in the region do not.
  for (const auto& d : app::route_suggestions(app_, teacher_, person_, until))
    for (const auto& o : d.offers) EXPECT_NE(o.facts.kind, domain::OfferKind::mentor);
  for (const auto& other : {caller("municipal_coordinator", municipality_), caller("methodist", region_)})
    EXPECT_EQ(error_of([&] { app::route_suggestions(app_, other, person_, until); }).kind(),
              domain::ErrorKind::not_found)
        << other.login;
  EXPECT_EQ(error_of([&] { app::route_suggestions(app_, head_, person_, "31.12.2026"); }).field(), "until");
}

TEST_P(RoutesTest, APracticeOfTheBankIsOfferedOnceAcceptedAndADraftTakesAnEventWhereNoProgramFits) {
  // A new deficit nobody teaches a program for: age features, which a
  // methodical week in 30 days is tagged with.
  event_in(30, "psy.age_features", "Методическая неделя молодого педагога");
  const auto coordinator = caller("municipal_coordinator", municipality_);
  const auto campaign = scalar("SELECT MAX(id) FROM diagnostic_campaigns");
  ASSERT_TRUE(
      app::import_results(app_, coordinator, campaign,
                          io::read_csv("Код;Компетенция;Балл;Максимум\n" + code_ + ";psy.age_features;4;20\n" + code_ +
                                       ";method.assessment;5;20\n" + code_ + ";digital.resources;6;20\n"),
                          false)
          .applied);
  const auto until = domain::Date::from_days(domain::Date::today().days() + std::chrono::days(90)).iso();
  const auto r = app::create_route(app_, head_, {person_, domain::Date::today().iso(), until, "", true});
  ASSERT_EQ(r.rows.size(), 3u);
  const auto age =
      std::find_if(r.rows.begin(), r.rows.end(), [](const auto& x) { return x.competency == "psy.age_features"; });
  ASSERT_NE(age, r.rows.end());
  EXPECT_EQ(age->activity, "event");
  EXPECT_NE(age->details.find("Методическая неделя молодого педагога"), std::string::npos) << age->details;

  // A practice tagged with the competency: not offered while in the works, offered once accepted.
  const auto practice = scalar("SELECT id FROM practices WHERE status = 'in_review' ORDER BY id LIMIT 1");
  const auto age_id = scalar("SELECT id FROM competencies WHERE code = 'psy.age_features'");
  app_.db->write([&](storage::Connection& c) {
    return c.execute("INSERT INTO practice_competencies (practice_id, competency_id) VALUES ($1, $2)",
                     {practice, age_id});
  });
  const auto practices_for_age = [&] {
    int n = 0;
    for (const auto& d : app::route_suggestions(app_, head_, person_, until))
      if (d.competency == "psy.age_features")
        for (const auto& o : d.offers) n += o.facts.kind == domain::OfferKind::practice && o.facts.id == practice;
    return n;
  };
  EXPECT_EQ(practices_for_age(), 0);
  app_.db->write([&](storage::Connection& c) {
    return c.execute("UPDATE practices SET status = 'accepted' WHERE id = $1", {practice});
  });
  EXPECT_EQ(practices_for_age(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, RoutesTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });
