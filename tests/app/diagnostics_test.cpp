// Diagnostics on both backends: campaigns within scope, the import of results
// with its row report, who sees one person's results, deficits and dynamics,
// and the heat map that withholds small cells.
#include "app/diagnostics.hpp"

#include <gtest/gtest.h>

#include <map>
#include "domain/error.hpp"
#include "io/csv_reader.hpp"

#include "support/demo_app.hpp"
#include "support/errors.hpp"

using namespace metodist;
using metodist::testing::error_of;

namespace {

class DiagnosticsTest : public metodist::testing::DemoAppTest {
 protected:
  void SetUp() override {
    DemoAppTest::SetUp();  // the demo seeds the default framework and its own campaigns
    municipality_ = scalar("SELECT id FROM territories WHERE code = 'RU-01-001'");
    region_ = scalar("SELECT id FROM territories WHERE code = 'RU-01'");
    school_ = scalar("SELECT id FROM organisations WHERE code = 'RU-01-001-S001'");
    // Four teachers of the first school, by code.
    app_.db->read([&](storage::Connection& c) {
      c.run(
          "SELECT DISTINCT p.code, p.id FROM persons p JOIN positions ps ON ps.person_id = p.id"
          " WHERE ps.organisation_id = $1 AND ps.left_on IS NULL ORDER BY p.id LIMIT 4",
          {school_}, [&](const storage::Row& r) {
            codes_.push_back(r.text("code"));
            ids_.push_back(r.int64("id"));
          });
      return 0;
    });
    ASSERT_EQ(codes_.size(), 4u);
  }
  std::int64_t campaign(const std::string& kind, const std::string& from, const std::string& to) {
    storage::diagnostics::Campaign d;
    d.title = "Диагностика " + from;
    d.kind = kind;
    d.instrument = "Тест ЦНППМ";
    d.territory_id = municipality_;
    d.starts_on = from;
    d.ends_on = to;
    return app::create_campaign(app_, caller("municipal_coordinator", municipality_), d).id;
  }
  app::ImportReport load(std::int64_t id, const std::string& csv, bool dry_run = false) {
    return app::import_results(app_, caller("municipal_coordinator", municipality_), id, io::read_csv(csv), dry_run);
  }

  std::int64_t municipality_ = 0, region_ = 0, school_ = 0;
  std::vector<std::string> codes_;
  std::vector<std::int64_t> ids_;
};

std::string issues_text(const app::ImportReport& r) {
  std::string out;
  for (const auto& i : r.issues) out += std::to_string(i.row) + " [" + i.column + "] " + i.message + "\n";
  return out;
}

}  // namespace

TEST_P(DiagnosticsTest, TheDefaultFrameworkIsSeededOnceAndEditedByTheRegion) {
  const auto framework = app::list_competencies(app_);
  ASSERT_EQ(framework.size(), domain::default_competencies().size());
  app_.db->write(
      [](storage::Connection& c) { storage::diagnostics::seed_framework_if_empty(c, domain::default_competencies()); });
  EXPECT_EQ(app::list_competencies(app_).size(), framework.size());

  const auto id = framework[0].id;
  const auto edited =
      app::update_competency(app_, caller("regional_institute", region_), id, "  Знание предмета ", 60.0, true);
  EXPECT_EQ(edited.title, "Знание предмета");
  EXPECT_EQ(edited.threshold, 60.0);
  EXPECT_EQ(error_of([&] {
              app::update_competency(app_, caller("municipal_coordinator", municipality_), id, "x", {}, true);
            }).kind(),
            domain::ErrorKind::forbidden);
  EXPECT_EQ(error_of([&] {
              app::update_competency(app_, caller("regional_institute", region_), id, "x", 0.0, true);
            }).field(),
            "threshold");
  EXPECT_EQ(
      error_of([&] { app::update_competency(app_, caller("regional_institute", region_), id, " ", {}, true); }).field(),
      "title");
}

TEST_P(DiagnosticsTest, CampaignsAreCheckedAndKeptWithinTheOrganisersTerritory) {
  const auto before = app::list_campaigns(app_, caller("school_admin", {}, school_)).size();  // the demo's own
  const auto id = campaign("competencies", "2025-10-01", "2025-10-31");
  EXPECT_EQ(app::list_campaigns(app_, caller("school_admin", {}, school_)).size(), before + 1);  // the school sees it
  storage::diagnostics::Campaign d;
  d.title = "Региональная";
  d.kind = "competencies";
  d.instrument = "Тест";
  d.territory_id = region_;
  d.starts_on = "2025-10-01";
  d.ends_on = "2025-10-31";
  EXPECT_EQ(error_of([&] { app::create_campaign(app_, caller("municipal_coordinator", municipality_), d); }).kind(),
            domain::ErrorKind::forbidden);
  EXPECT_EQ(error_of([&] { app::create_campaign(app_, caller("school_admin", {}, school_), d); }).kind(),
            domain::ErrorKind::forbidden);
  d.territory_id = municipality_;
  d.ends_on = "2025-09-01";
  EXPECT_EQ(error_of([&] { app::create_campaign(app_, caller("municipal_coordinator", municipality_), d); }).field(),
            "ends_on");
  d.ends_on = "2025-10-31";
  d.kind = "psychic";
  EXPECT_EQ(error_of([&] { app::create_campaign(app_, caller("municipal_coordinator", municipality_), d); }).field(),
            "kind");
  EXPECT_EQ(app::get_campaign(app_, caller("federal_operator"), id).territory_id, municipality_);
}

TEST_P(DiagnosticsTest, ResultsAreCheckedRowByRowAndNothingIsWrittenOnErrors) {
  const auto id = campaign("competencies", "2025-10-01", "2025-10-31");
  const std::string outsider = "NO-SUCH-P";
  const std::string csv = "Код педагога;ФИО;Компетенция;Балл;Максимальный балл;Дата\n" + codes_[0] +
                          ";Кто-то;method.assessment;8;20;15.10.2025\n" +  // fine
                          codes_[0] +
                          ";Кто-то;Оценивание образовательных результатов;9;20;\n" +  // the same competency again
                          outsider + ";;method.assessment;8;20;\n" +                  // unknown person
                          codes_[1] + ";;астрология;8;20;\n" +                        // unknown competency
                          codes_[2] + ";;method.assessment;21;20;\n" +                // above the maximum
                          codes_[3] + ";;method.assessment;8,5;0;\n" +                // no maximum
                          codes_[1] + ";;digital.resources;восемь;20;\n" +            // not a number
                          codes_[2] + ";;digital.resources;8;20;01.12.2025\n";        // after the campaign
  const auto r = load(id, csv);
  EXPECT_FALSE(r.applied);
  EXPECT_EQ(r.rows, 8u);
  EXPECT_EQ(r.issue_count, 7u) << issues_text(r);
  const auto text = issues_text(r);
  EXPECT_NE(text.find("3 [Компетенция] Результат этого педагога по этой компетенции уже есть"), std::string::npos)
      << text;
  EXPECT_NE(text.find("4 [Код педагога] Педагог с кодом «NO-SUCH-P» не найден"), std::string::npos) << text;
  EXPECT_NE(text.find("5 [Компетенция] «астрология»: такой компетенции нет"), std::string::npos) << text;
  EXPECT_NE(text.find("6 [Балл] Балл больше максимального"), std::string::npos) << text;
  EXPECT_NE(text.find("7 [Максимальный балл] Максимальный балл должен быть больше нуля"), std::string::npos) << text;
  EXPECT_NE(text.find("8 [Балл] «восемь»: нужен балл числом"), std::string::npos) << text;
  EXPECT_NE(text.find("9 [Дата] Дата вне сроков кампании"), std::string::npos) << text;
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM diagnostic_results WHERE campaign_id = " + std::to_string(id)), 0);

  // A person working elsewhere is refused too.
  const auto other = app_.db->read([&](storage::Connection& c) {
    return c
        .query_one(
            "SELECT p.code FROM persons p JOIN positions ps ON ps.person_id = p.id"
            " JOIN organisations o ON o.id = ps.organisation_id JOIN territories t ON t.id = o.territory_id"
            " WHERE t.code <> 'RU-01-001' AND ps.left_on IS NULL LIMIT 1")
        ->text("code");
  });
  const auto outside = load(id, "Код;Компетенция;Балл;Максимум\n" + other + ";method.assessment;1;2\n", true);
  ASSERT_EQ(outside.issue_count, 1u) << issues_text(outside);
  EXPECT_NE(outside.issues[0].message.find("не работает на территории кампании"), std::string::npos);
}

TEST_P(DiagnosticsTest, OnlyThePersonAndTheirSchoolSeeResultsWithDeficitsAndDynamics) {
  const auto autumn = campaign("competencies", "2025-10-01", "2025-10-31");
  const auto spring = campaign("competencies", "2026-03-01", "2026-03-31");
  const auto& me = codes_[0];
  auto r = load(autumn, "Код;Компетенция;Балл;Максимум;Дата\n" + me + ";method.assessment;8;20;10.10.2025\n" + me +
                            ";digital.resources;18;20;10.10.2025\n" + me + ";subject.content;9;20;10.10.2025\n");
  ASSERT_TRUE(r.applied) << issues_text(r);
  EXPECT_EQ(r.created, 1u);
  r = load(spring, "Код;Компетенция;Балл;Максимум;Дата\n" + me + ";method.assessment;16;20;10.03.2026\n" + me +
                       ";digital.resources;19;20;10.03.2026\n");
  ASSERT_TRUE(r.applied) << issues_text(r);

  // Only this test's campaigns: the demo's own results of the person are removed first.
  app_.db->write([&](storage::Connection& c) {
    return c.execute("DELETE FROM diagnostic_results WHERE person_id = $1 AND campaign_id NOT IN ($2, $3)",
                     {ids_[0], autumn, spring});
  });
  const auto teacher = caller("teacher", {}, {}, ids_[0]);
  const auto mine = app::person_diagnostics(app_, teacher, ids_[0]);
  ASSERT_EQ(mine.results.size(), 5u);
  ASSERT_EQ(mine.levels.size(), 5u);
  // Autumn, in the order of the framework: subject.content 45 %, method.assessment 40 %, digital.resources 90 %.
  EXPECT_EQ(mine.results[0].competency_code, "subject.content");
  EXPECT_EQ(mine.levels[0].band.code, "insufficient");
  EXPECT_EQ(mine.results[2].competency_code, "digital.resources");
  EXPECT_DOUBLE_EQ(mine.results[2].percent, 90);
  EXPECT_EQ(mine.levels[2].band.code, "high");
  EXPECT_EQ(mine.levels[2].index, 3u);
  EXPECT_EQ(mine.levels[2].of, 4u);
  EXPECT_EQ(mine.results[4].campaign_id, spring);
  // method.assessment rose to 80 %; subject.content stays at 45 % (not re-measured).
  EXPECT_EQ(mine.deficits, std::vector<std::string>{"subject.content"});
  ASSERT_EQ(mine.dynamics.size(), 2u);
  EXPECT_EQ(mine.dynamics[0].competency, "digital.resources");
  EXPECT_DOUBLE_EQ(mine.dynamics[0].delta(), 5);
  EXPECT_EQ(mine.dynamics[1].competency, "method.assessment");
  EXPECT_DOUBLE_EQ(mine.dynamics[1].delta(), 40);

  EXPECT_EQ(app::person_diagnostics(app_, caller("school_admin", {}, school_), ids_[0]).results.size(), 5u);
  for (const auto& other : {caller("municipal_coordinator", municipality_), caller("methodist", region_),
                            caller("federal_operator"), caller("teacher", {}, {}, ids_[1])})
    EXPECT_EQ(error_of([&] { app::person_diagnostics(app_, other, ids_[0]); }).kind(), domain::ErrorKind::not_found)
        << other.login;

  // Loading the spring file again replaces, not adds.
  r = load(spring, "Код;Компетенция;Балл;Максимум\n" + me + ";method.assessment;17;20\n");
  ASSERT_TRUE(r.applied);
  EXPECT_EQ(app::person_diagnostics(app_, teacher, ids_[0]).results.size(), 4u);
}

TEST_P(DiagnosticsTest, TheHeatMapCountsDeficitsAndWithholdsCellsOfFewerThanThree) {
  const auto id = campaign("competencies", "2025-10-01", "2025-10-31");
  std::string csv = "Код;Компетенция;Балл;Максимум\n";
  // Four teachers in method.assessment (two below 50 %), two in digital.resources.
  const double scores[] = {4, 9, 10, 18};
  for (int i = 0; i < 4; ++i) csv += codes_[i] + ";method.assessment;" + std::to_string(int(scores[i])) + ";20\n";
  csv += codes_[0] + ";digital.resources;1;20\n" + codes_[1] + ";digital.resources;2;20\n";
  ASSERT_TRUE(load(id, csv).applied);

  const auto map = app::deficit_heatmap(app_, caller("municipal_coordinator", municipality_), id, false);
  const storage::diagnostics::HeatCell* assessment = nullptr;
  const storage::diagnostics::HeatCell* digital = nullptr;
  for (const auto& cell : map.cells) {
    if (cell.unit_id != school_) continue;
    if (cell.competency_code == "method.assessment") assessment = &cell;
    if (cell.competency_code == "digital.resources") digital = &cell;
  }
  ASSERT_NE(assessment, nullptr);
  EXPECT_EQ(assessment->tested, 4);
  EXPECT_EQ(assessment->deficits, 2);  // 20 % and 45 %; 50 % is not a deficit
  ASSERT_NE(digital, nullptr);
  EXPECT_EQ(digital->tested, -1);  // two people: withheld
  EXPECT_EQ(digital->deficits, -1);

  const auto by_municipality = app::deficit_heatmap(app_, caller("regional_institute", region_), id, true);
  bool found = false;
  for (const auto& cell : by_municipality.cells)
    if (cell.unit_id == municipality_ && cell.competency_code == "method.assessment") {
      found = true;
      EXPECT_EQ(cell.tested, 4);
    }
  EXPECT_TRUE(found);
}

TEST_P(DiagnosticsTest, NamesakeSchoolsAreToldApartInTheHeatMap) {
  // A second school of the same district under the same short name, with teachers tested too.
  const auto other = organisation("RU-01-001-S002");
  std::vector<std::string> other_codes;
  app_.db->write([&](storage::Connection& c) {
    c.execute("UPDATE organisations SET short_name = 'СОШ № 1' WHERE id IN ($1, $2)", {school_, other});
    c.run(
        "SELECT DISTINCT p.code, p.id FROM persons p JOIN positions ps ON ps.person_id = p.id"
        " WHERE ps.organisation_id = $1 AND ps.left_on IS NULL ORDER BY p.id LIMIT 3",
        {other}, [&](const storage::Row& r) { other_codes.push_back(r.text("code")); });
    return 0;
  });
  ASSERT_EQ(other_codes.size(), 3u);
  const auto id = campaign("competencies", "2025-10-01", "2025-10-31");
  std::string csv = "Код;Компетенция;Балл;Максимум\n";
  for (const auto& code : codes_) csv += code + ";method.assessment;9;20\n";
  for (const auto& code : other_codes) csv += code + ";method.assessment;9;20\n";
  ASSERT_TRUE(load(id, csv).applied);

  const auto map = app::deficit_heatmap(app_, caller("municipal_coordinator", municipality_), id, false);
  std::map<std::int64_t, std::string> names;
  for (const auto& cell : map.cells) names[cell.unit_id] = cell.unit_name;
  ASSERT_TRUE(names.count(school_) && names.count(other));
  // Same name, same district: the number of the record tells them apart.
  const std::string district = app_.db->read([&](storage::Connection& c) {
    return c.query_one("SELECT name FROM territories WHERE id = $1", {municipality_})->text("name");
  });
  EXPECT_EQ(names[school_], "СОШ № 1 (" + district + ", №\u00a0" + std::to_string(school_) + ")");
  EXPECT_EQ(names[other], "СОШ № 1 (" + district + ", №\u00a0" + std::to_string(other) + ")");
  // A school without a namesake keeps its name as it is.
  for (const auto& [unit, name] : names)
    if (unit != school_ && unit != other) EXPECT_EQ(name.find(" (" + district), std::string::npos) << name;
}

TEST_P(DiagnosticsTest, FunctionalLiteracyHasOneResultPerPersonAndCopedAtSeventy) {
  const auto id = campaign("functional_literacy", "2025-11-01", "2025-11-30");
  std::string csv = "Код;Балл;Максимум\n";
  const int scores[] = {69, 70, 95, 20};
  for (int i = 0; i < 4; ++i) csv += codes_[i] + ";" + std::to_string(scores[i]) + ";100\n";
  const auto r = load(id, csv);
  ASSERT_TRUE(r.applied) << issues_text(r);
  const auto map = app::deficit_heatmap(app_, caller("federal_operator"), id, false);
  bool found = false;
  for (const auto& cell : map.cells)
    if (cell.unit_id == school_) {
      found = true;
      EXPECT_EQ(cell.competency_code, "functional_literacy");
      EXPECT_EQ(cell.tested, 4);
      EXPECT_EQ(cell.deficits, 2);  // 69 and 20 did not cope
    }
  EXPECT_TRUE(found);
  const auto twice = load(id, "Код;Балл;Максимум\n" + codes_[0] + ";1;2\n" + codes_[0] + ";2;2\n", true);
  EXPECT_EQ(twice.issue_count, 1u) << issues_text(twice);
}

// A group's change between two campaigns, worked out here by hand
// for the four teachers of the first school (the demo's results of the school
// are removed first, so only these rows count).
TEST_P(DiagnosticsTest, GroupDynamicsAveragePersonsMeasuredTwiceAndWithholdSmallCells) {
  const auto autumn = campaign("competencies", "2025-10-01", "2025-10-31");
  const auto spring = campaign("competencies", "2026-03-01", "2026-03-31");
  app_.db->write([&](storage::Connection& c) {
    return c.execute("DELETE FROM diagnostic_results WHERE campaign_id NOT IN ($1, $2)", {autumn, spring});
  });
  std::string before = "Код;Компетенция;Балл;Максимум\n", after = before;
  // method.assessment: 8, 10, 12, 18 of 20 (40, 50, 60, 90 %) → 14, 14, 16, 18 (70, 70, 80, 90 %).
  const int b[] = {8, 10, 12, 18}, a[] = {14, 14, 16, 18};
  for (int i = 0; i < 4; ++i) {
    before += codes_[i] + ";method.assessment;" + std::to_string(b[i]) + ";20\n";
    after += codes_[i] + ";method.assessment;" + std::to_string(a[i]) + ";20\n";
  }
  // digital.resources: two persons only, measured twice — withheld.
  before += codes_[0] + ";digital.resources;10;20\n" + codes_[1] + ";digital.resources;10;20\n";
  after += codes_[0] + ";digital.resources;20;20\n" + codes_[1] + ";digital.resources;20;20\n";
  // subject.content: measured only in autumn — not in the dynamics at all.
  before += codes_[2] + ";subject.content;5;20\n";
  ASSERT_TRUE(load(autumn, before).applied);
  ASSERT_TRUE(load(spring, after).applied);

  const auto d = app::group_dynamics(app_, caller("school_admin", {}, school_), autumn, spring, false);
  ASSERT_EQ(d.cells.size(), 2u);  // one school × two competencies measured twice
  const auto& assessment = d.cells[0].competency_code == "method.assessment" ? d.cells[0] : d.cells[1];
  const auto& digital = d.cells[0].competency_code == "method.assessment" ? d.cells[1] : d.cells[0];
  EXPECT_EQ(assessment.unit_id, school_);
  EXPECT_EQ(assessment.persons, 4);
  EXPECT_DOUBLE_EQ(assessment.before, (40 + 50 + 60 + 90) / 4.0);  // 60
  EXPECT_DOUBLE_EQ(assessment.after, (70 + 70 + 80 + 90) / 4.0);   // 77.5
  EXPECT_EQ(assessment.deficits_before, 1);                        // 40 % < 50 %; 50 % is not below
  EXPECT_EQ(assessment.deficits_after, 0);
  EXPECT_EQ(digital.persons, -1);  // two people: withheld
  EXPECT_EQ(digital.deficits_before, -1);
  ASSERT_EQ(d.total.size(), 2u);
  EXPECT_EQ(d.total[0].unit_id, 0);

  // Campaigns given the other way round come back in time order; the same campaign twice is refused.
  EXPECT_EQ(app::group_dynamics(app_, caller("school_admin", {}, school_), spring, autumn, false).before.id, autumn);
  EXPECT_EQ(
      error_of([&] { app::group_dynamics(app_, caller("school_admin", {}, school_), spring, spring, false); }).field(),
      "after");
  // By municipality: the same persons, one unit.
  const auto by_muni = app::group_dynamics(app_, caller("municipal_coordinator", municipality_), autumn, spring, true);
  ASSERT_FALSE(by_muni.cells.empty());
  EXPECT_EQ(by_muni.cells[0].unit_id, municipality_);
}

TEST_P(DiagnosticsTest, ARegionSetsItsOwnLevelScaleAndResultsAreRatedOnIt) {
  const auto standard = app::region_levels(app_, caller("school_admin", {}, school_), region_);
  EXPECT_TRUE(standard.standard);
  EXPECT_FALSE(standard.can_edit);
  ASSERT_EQ(standard.bands.size(), 4u);

  const std::vector<domain::LevelBand> three{{"low", "Низкий", 0}, {"middle", "Средний", 60}, {"top", "Высокий", 90}};
  EXPECT_EQ(error_of([&] {
              app::set_region_levels(app_, caller("municipal_coordinator", municipality_), region_, three);
            }).kind(),
            domain::ErrorKind::forbidden);
  const std::vector<domain::LevelBand> unordered{{"a", "А", 0}, {"b", "Б", 70}, {"c", "В", 60}};
  EXPECT_EQ(error_of([&] {
              app::set_region_levels(app_, caller("regional_institute", region_), region_, unordered);
            }).field(),
            "levels");
  const auto own = app::set_region_levels(app_, caller("regional_institute", region_), region_, three);
  EXPECT_FALSE(own.standard);
  EXPECT_TRUE(own.can_edit);
  ASSERT_EQ(own.bands.size(), 3u);
  EXPECT_EQ(own.bands[1].title, "Средний");

  // A result of 85 % is «повышенный» on the standard scale, «Средний» on the region's.
  const auto autumn = campaign("competencies", "2025-10-01", "2025-10-31");
  ASSERT_TRUE(load(autumn, "Код;Компетенция;Балл;Максимум\n" + codes_[0] + ";method.assessment;17;20\n").applied);
  const auto mine = app::person_diagnostics(app_, caller("teacher", {}, {}, ids_[0]), ids_[0]);
  bool found = false;
  for (std::size_t i = 0; i < mine.results.size(); ++i)
    if (mine.results[i].campaign_id == autumn) {
      found = true;
      EXPECT_EQ(mine.levels[i].band.code, "middle");
      EXPECT_EQ(mine.levels[i].index, 1u);
      EXPECT_EQ(mine.levels[i].of, 3u);
    }
  EXPECT_TRUE(found);

  // Empty bands: back to the standard scale.
  EXPECT_TRUE(app::set_region_levels(app_, caller("regional_institute", region_), region_, {}).standard);
  EXPECT_EQ(error_of([&] { app::region_levels(app_, caller("school_admin", {}, school_), municipality_); }).kind(),
            domain::ErrorKind::not_found);  // a municipality is not a region
}

INSTANTIATE_TEST_SUITE_P(Backends, DiagnosticsTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });
