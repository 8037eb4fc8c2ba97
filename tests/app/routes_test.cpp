// Individual routes on both backends: drafted from deficits by the school,
// agreed by the teacher with one click, worked through row by row, completed
// when all rows are done; confidential like the diagnostics.
#include "app/routes.hpp"

#include <gtest/gtest.h>

#include "app/diagnostics.hpp"
#include "app/export.hpp"
#include "app/programs.hpp"
#include "domain/date.hpp"
#include "domain/error.hpp"
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
    person_ = scalar("SELECT MIN(ps.person_id) FROM positions ps WHERE ps.organisation_id = " + std::to_string(school_) +
                     " AND ps.position = 'teacher'");
    code_ = app_.db->read([&](storage::Connection& c) {
      return c.query_one("SELECT code FROM persons WHERE id = $1", {person_})->text(0);
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
    const auto r = app::import_results(app_, coordinator, campaign,
                                       io::read_csv("Код;Компетенция;Балл;Максимум\n" + code_ + ";method.assessment;5;20\n" +
                                                    code_ + ";digital.resources;6;20\n" + code_ + ";subject.content;19;20\n"),
                                       false);
    ASSERT_TRUE(r.applied);
    head_ = caller("school_admin", {}, school_);
    head_.account_id = scalar("SELECT id FROM accounts WHERE login = 'school'");
    teacher_ = caller("teacher", {}, {}, person_);
  }
  app::NewRoute draft() const {
    return {person_, "2026-01-01", "2026-12-31", "Иванова Т. П., методист ИМЦ", true};
  }

  std::int64_t municipality_ = 0, region_ = 0, school_ = 0, person_ = 0;
  std::string code_;
  app::Caller head_, teacher_;
};

}  // namespace

TEST_P(RoutesTest, DraftedFromDeficitsWithAProgramWhereTheRegistryHasOne) {
  const auto r = app::create_route(app_, head_, draft());
  EXPECT_EQ(r.status, "draft");
  ASSERT_EQ(r.rows.size(), 2u);  // two deficits; subject.content is fine
  EXPECT_EQ(r.rows[0].competency, "digital.resources");
  EXPECT_EQ(r.rows[0].activity, "program");  // the demo's digital environment program
  ASSERT_TRUE(r.rows[0].program_id);
  EXPECT_EQ(r.rows[1].competency, "method.assessment");
  EXPECT_EQ(r.rows[0].term, "до 31.12.2026");
  EXPECT_EQ(r.author_account_id, head_.account_id);

  const auto empty = app::create_route(app_, head_, {person_, "2026-01-01", "2026-06-30", "", false});
  EXPECT_TRUE(empty.rows.empty());
  EXPECT_EQ(error_of([&] { app::create_route(app_, head_, {person_, "2026-06-30", "2026-01-01", "", false}); }).field(),
            "period_to");
}

TEST_P(RoutesTest, ConfidentialLikeTheDiagnostics) {
  const auto r = app::create_route(app_, head_, draft());
  EXPECT_EQ(app::person_routes(app_, teacher_, person_).size(), 1u);
  for (const auto& other : {caller("municipal_coordinator", municipality_), caller("methodist", region_),
                            caller("federal_operator")}) {
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
  rows.push_back({0, 0, "", "Открытый урок для коллег", "master_class", "", std::nullopt, "Март", "", "Конспект", false, ""});
  auto bad = rows;
  bad.back().activity = "астрология";
  EXPECT_EQ(error_of([&] { app::update_route_rows(app_, head_, r.id, bad); }).field(), "rows");
  r = app::update_route_rows(app_, head_, r.id, rows);
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(error_of([&] { app::update_route_rows(app_, teacher_, r.id, rows); }).kind(), domain::ErrorKind::forbidden);

  EXPECT_EQ(error_of([&] { app::change_route_status(app_, teacher_, r.id, "completed"); }).field(), "status");
  r = app::change_route_status(app_, teacher_, r.id, "agreed");  // one click
  EXPECT_EQ(r.status, "agreed");
  EXPECT_EQ(error_of([&] { app::update_route_rows(app_, head_, r.id, rows); }).kind(), domain::ErrorKind::conflict);
  EXPECT_EQ(error_of([&] { app::mark_route_row(app_, teacher_, r.id, r.rows[0].id, true, ""); }).kind(),
            domain::ErrorKind::conflict);
  r = app::change_route_status(app_, teacher_, r.id, "in_progress");

  r = app::mark_route_row(app_, teacher_, r.id, r.rows[0].id, true, "Удостоверение ПК-1");
  r = app::mark_route_row(app_, head_, r.id, r.rows[1].id, true, "Повторная диагностика: 75 %");
  const auto early = error_of([&] { app::change_route_status(app_, head_, r.id, "completed"); });
  EXPECT_NE(std::string(early.what()).find("2 строк из 3"), std::string::npos) << early.what();
  r = app::mark_route_row(app_, teacher_, r.id, r.rows[2].id, true, "Конспект урока");
  EXPECT_EQ(error_of([&] { app::change_route_status(app_, teacher_, r.id, "completed"); }).field(), "status");
  r = app::change_route_status(app_, head_, r.id, "completed");
  EXPECT_EQ(r.status, "completed");
  EXPECT_EQ(r.rows[0].evidence, "Удостоверение ПК-1");
  // create, rows, agreed, in progress, three marks, completed
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'route' AND entity_id = " + std::to_string(r.id)), 8);
}

TEST_P(RoutesTest, DraftsForACampaignGoToEveryoneWithDeficitsInTheSchoolOnce) {
  const auto campaign = scalar("SELECT MAX(id) FROM diagnostic_campaigns");  // this test's, with the person's deficits
  const auto first = app::draft_routes_for_campaign(app_, head_, campaign, "2026-01-01", "2026-12-31");
  EXPECT_EQ(first.created, 1u);
  EXPECT_EQ(first.already_have, 0u);
  const auto again = app::draft_routes_for_campaign(app_, head_, campaign, "2026-01-01", "2026-12-31");
  EXPECT_EQ(again.created, 0u);
  EXPECT_EQ(again.already_have, 1u);  // a route in work is not drafted twice
  ASSERT_EQ(app::person_routes(app_, teacher_, person_).size(), 1u);
  EXPECT_EQ(app::person_routes(app_, teacher_, person_)[0].rows.size(), 2u);
  EXPECT_EQ(error_of([&] { app::draft_routes_for_campaign(app_, caller("municipal_coordinator", municipality_), campaign,
                                                          "2026-01-01", "2026-12-31"); })
                .kind(),
            domain::ErrorKind::forbidden);
  // The demo's region-wide entry diagnostic: only this school's teachers are drafted.
  const auto entry = scalar("SELECT MIN(id) FROM diagnostic_campaigns");
  const auto bulk = app::draft_routes_for_campaign(app_, head_, entry, "2026-01-01", "2026-12-31");
  EXPECT_GT(bulk.created + bulk.already_have + bulk.without_deficits, 0u);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM routes r WHERE NOT EXISTS (SELECT 1 FROM positions ps WHERE ps.person_id = r.person_id"
                   " AND ps.organisation_id = " + std::to_string(school_) + " AND ps.left_on IS NULL)"),
            0);
}

TEST_P(RoutesTest, ExportedAsATableToPrint) {
  const auto r = app::create_route(app_, head_, draft());
  const auto file = app::export_route(app_, teacher_, r.id, "csv");
  EXPECT_NE(file.bytes.find("№;Дефицит;Цель;Деятельность"), std::string::npos);
  EXPECT_NE(file.bytes.find("Устранить дефицит: Оценивание образовательных результатов"), std::string::npos);
  EXPECT_EQ(file.filename.rfind("route-" + std::to_string(r.id), 0), 0u);
  EXPECT_EQ(error_of([&] { app::export_route(app_, caller("municipal_coordinator", municipality_), r.id, "csv"); }).kind(),
            domain::ErrorKind::not_found);
  EXPECT_EQ(error_of([&] { app::export_route(app_, teacher_, r.id, "docx"); }).field(), "format");
  const auto pdf = app::export_route(app_, teacher_, r.id, "pdf");
  EXPECT_EQ(pdf.bytes.rfind("%PDF", 0), 0u);
  EXPECT_EQ(pdf.content_type, "application/pdf");
}

INSTANTIATE_TEST_SUITE_P(Backends, RoutesTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });
