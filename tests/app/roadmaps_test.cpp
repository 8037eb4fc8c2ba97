// Roadmaps on both backends: the Chelyabinsk order № 017730 roadmap imported with every item,
// term and executor; who keeps and who reports; lateness and its reminder;
// export read back.
#include "app/roadmaps.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "app/notifications.hpp"
#include "domain/error.hpp"
#include "domain/text.hpp"
#include "io/table.hpp"
#include "support/demo_app.hpp"
#include "support/errors.hpp"

using namespace metodist;
using metodist::testing::error_of;

namespace {

namespace rm = storage::roadmaps;

std::string seed_003() {
  std::ifstream in(std::string(METODIST_DOCS_DIR) + "/samples/roadmap_chelyabinsk_2021_2022.txt", std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The numbered rows of the seed as a reader counts them, straight from the text:
// «| 1.5.1 | name | term | executors | result |».
struct SeedRow {
  std::string number, term, executors;
};
std::vector<SeedRow> seed_rows(const std::string& text) {
  std::vector<SeedRow> out;
  std::istringstream lines(text);
  std::string line;
  const std::regex numbered(R"(^\| (\d+(?:\.\d+)*) \| ([^|]*)\| ([^|]*)\| ([^|]*)\|)");
  std::smatch m;
  while (std::getline(lines, line))
    if (std::regex_search(line, m, numbered)) out.push_back({m[1], domain::trim(m[3].str()), domain::trim(m[4].str())});
  return out;
}

class RoadmapsTest : public metodist::testing::DemoAppTest {
 protected:
  void SetUp() override {
    DemoAppTest::SetUp();
    clear_library_demo();
    region_ = territory("RU-01");
    municipality_ = territory("RU-01-001");
    institute_ = caller("regional_institute", region_);
    coordinator_ = caller("municipal_coordinator", municipality_);
    teacher_ = caller("teacher", {}, {}, person_of("teacher"));
  }
  std::int64_t roadmap(const std::string& from = "2021-01-01", const std::string& to = "2022-12-31") {
    rm::Roadmap r;
    r.title = "Дорожная карта реализации модели методической работы";
    r.owner_level = "region";
    r.territory_id = region_;
    r.period_from = from;
    r.period_to = to;
    r.approved_by = "Приказ от 18.03.2021 № 017730";
    return app::create_roadmap(app_, institute_, r);
  }
  const app::RoadmapItemView* find(const app::RoadmapCard& card, const std::string& section,
                                   const std::string& number) {
    for (const auto& v : card.items)
      if (v.item.section == section && v.item.number == number) return &v;
    return nullptr;
  }
  std::int64_t region_ = 0, municipality_ = 0;
  app::Caller institute_, coordinator_, teacher_;
};

TEST_P(RoadmapsTest, TheSeedRoadmapKeepsEveryItemTermAndExecutor) {
  const auto text = seed_003();
  ASSERT_GT(text.size(), 10000u) << "docs/samples/roadmap_chelyabinsk_2021_2022.txt";
  const auto id = roadmap();
  const auto report = app::import_roadmap(app_, institute_, id, io::read_table(text), false, false);
  EXPECT_TRUE(report.applied);
  EXPECT_EQ(report.sections, (std::vector<std::string>{"2021 год", "2022 год"}));
  const auto card = app::get_roadmap(app_, institute_, id);
  // Every numbered row of the source is an item, in the source's order, with its term and executor.
  const auto rows = seed_rows(text);
  std::size_t actions = 0;
  for (const auto& v : card.items) actions += v.item.heading ? 0 : 1;
  std::size_t numbered_actions = 0;
  for (const auto& r : rows) numbered_actions += r.number.find('.') != std::string::npos ? 1 : 0;
  EXPECT_EQ(actions, numbered_actions);
  EXPECT_EQ(report.items, actions);
  EXPECT_EQ(report.headings, 7u);  // five blocks of 2021 and two of 2022
  std::size_t at = 0;
  for (const auto& r : rows) {
    if (r.number.find('.') == std::string::npos) continue;  // «3.» headings, checked below
    while (at < card.items.size() && card.items[at].item.number != r.number) ++at;
    ASSERT_LT(at, card.items.size()) << "item " << r.number << " lost or out of order";
    const auto& item = card.items[at].item;
    if (!r.term.empty()) EXPECT_TRUE(item.term.starts_with(r.term)) << r.number << ": «" << item.term << "»";
    if (!r.executors.empty())
      EXPECT_TRUE(item.executors.find(r.executors) != std::string::npos ||
                  r.executors.find(item.executors) != std::string::npos)
          << r.number << ": «" << item.executors << "»";
    ++at;
  }
  // Terms normalised as the seed means them, in the year of their block.
  const auto* first = find(card, "2021 год", "1.1");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->item.term, "Январь - февраль");
  EXPECT_EQ(first->item.term_from, "2021-01-01");
  EXPECT_EQ(first->item.term_to, "2021-02-28");
  EXPECT_EQ(first->item.executors, "Министерство образования и науки Челябинской области / ГБУ ДПО ЧИПКРО");
  const auto* apart = find(card, "2021 год", "2.7");
  ASSERT_TRUE(apart);
  EXPECT_EQ(apart->item.term, "II, IV кварталы");
  EXPECT_NE(apart->item.term_parts.find("2021-10-01"), std::string::npos);
  EXPECT_EQ(find(card, "2021 год", "3.4")->item.term_kind, "recurring");
  EXPECT_EQ(find(card, "2021 год", "1.5.1")->item.term_kind, "by_plan");
  EXPECT_EQ(find(card, "2021 год", "2.4")->item.term_from, "2021-04-01");  // «II – IV кварталы»
  const auto* later = find(card, "2022 год", "1.1");
  ASSERT_TRUE(later);
  EXPECT_EQ(later->item.term_from, "2022-02-01");
  EXPECT_EQ(later->item.name,
            "Проведение совещания с муниципалитетами по оценке эффективности реализации методической "
            "работы на уровне региона и муниципалитета");                    // continued across a page break
  EXPECT_EQ(find(card, "2022 год", "2.4")->item.term_kind, "whole_period");  // «В течении года»
  EXPECT_EQ(find(card, "2022 год", "2.4")->item.term_to, "2022-12-31");
  // Headings with their numbers, nested items under them.
  const auto* heading = find(card, "2021 год", "3");
  ASSERT_TRUE(heading);
  EXPECT_TRUE(heading->item.heading);
  EXPECT_EQ(heading->item.name, "Поддержка молодых педагогов и/или системы наставничества");
  EXPECT_EQ(find(card, "2021 год", "1.5.6")->depth, 3);
  // Unknown wording is kept and flagged, and the report says where.
  for (const auto& v : card.items)
    if (v.flagged) EXPECT_FALSE(v.item.term.empty() && !v.item.heading) << v.item.number;
  EXPECT_EQ(report.flagged_terms, static_cast<std::size_t>(std::count_if(card.items.begin(), card.items.end(),
                                                                         [](const auto& v) { return v.flagged; })));
}

TEST_P(RoadmapsTest, KeepersImportOnceReplaceUntilReportedTeachersRead) {
  const auto text = seed_003();
  const auto id = roadmap();
  EXPECT_EQ(error_of([&] { app::import_roadmap(app_, teacher_, id, io::read_table(text), false, false); }).kind(),
            domain::ErrorKind::forbidden);
  EXPECT_EQ(error_of([&] { app::import_roadmap(app_, coordinator_, id, io::read_table(text), false, false); }).kind(),
            domain::ErrorKind::forbidden);  // a municipality does not keep the region's roadmap
  const auto dry = app::import_roadmap(app_, institute_, id, io::read_table(text), true, false);
  EXPECT_FALSE(dry.applied);
  EXPECT_TRUE(app::get_roadmap(app_, institute_, id).items.empty());
  app::import_roadmap(app_, institute_, id, io::read_table(text), false, false);
  const auto first = app::get_roadmap(app_, institute_, id).items.size();
  EXPECT_EQ(error_of([&] { app::import_roadmap(app_, institute_, id, io::read_table(text), false, false); }).field(),
            "replace");
  app::import_roadmap(app_, institute_, id, io::read_table(text), false, true);
  const auto card = app::get_roadmap(app_, coordinator_, id);  // the municipality reads the region's roadmap
  EXPECT_EQ(card.items.size(), first);
  EXPECT_FALSE(card.can_manage);
  const auto item = card.items[1].item.id;
  app::report_on_item(app_, institute_, item, domain::ItemStatus::done, "Приказ издан",
                      "https://example.org/prikaz.pdf");
  EXPECT_EQ(error_of([&] { app::import_roadmap(app_, institute_, id, io::read_table(text), false, true); }).kind(),
            domain::ErrorKind::conflict);
  EXPECT_EQ(error_of([&] { app::report_on_item(app_, coordinator_, item, domain::ItemStatus::done, "x", ""); }).kind(),
            domain::ErrorKind::forbidden);
  EXPECT_EQ(error_of([&] {
              app::report_on_item(app_, institute_, item, domain::ItemStatus::done, "x", "javascript:alert(1)");
            }).field(),
            "evidence_url");
  const auto reports = app::item_reports(app_, teacher_, item);
  EXPECT_EQ(reports.item.status, domain::ItemStatus::done);
  ASSERT_EQ(reports.reports.size(), 1u);
  EXPECT_EQ(reports.reports[0].evidence_url, "https://example.org/prikaz.pdf");
}

TEST_P(RoadmapsTest, LateItemsAreFlaggedAndRemindedOnce) {
  const auto year = domain::Date::today().year();
  const auto id = roadmap(std::to_string(year - 1) + "-01-01", std::to_string(year) + "-12-31");
  app::ItemDraft d;
  d.section = std::to_string(year - 1) + " год";
  d.number = "1.1";
  d.name = "Анализ результатов мониторинга";
  d.term = "I квартал";
  d.indicator_codes = "rmms.5; FED.1";
  const auto late = app::add_roadmap_item(app_, institute_, id, d);
  EXPECT_EQ(late.indicator_codes, "rmms.5; fed.1");
  d.number = "1.2";
  d.term = "По мере необходимости";
  const auto vague = app::add_roadmap_item(app_, institute_, id, d);
  EXPECT_EQ(vague.term_kind, "unknown");
  d.indicator_codes = "пять";
  EXPECT_EQ(error_of([&] { app::add_roadmap_item(app_, institute_, id, d); }).field(), "indicator_codes");

  auto card = app::get_roadmap(app_, institute_, id);
  ASSERT_EQ(card.items.size(), 2u);
  EXPECT_TRUE(card.items[0].overdue);
  EXPECT_FALSE(card.items[1].overdue);
  EXPECT_TRUE(card.items[1].flagged);
  EXPECT_EQ(card.roadmap.overdue_candidates, 1);

  const auto before = notices("region", "overdue");
  EXPECT_GT(app::send_reminders(app_), 0u);
  EXPECT_EQ(notices("region", "overdue"), before + 1);
  app::send_reminders(app_);
  EXPECT_EQ(notices("region", "overdue"), before + 1);  // once per state of the roadmap

  app::report_on_item(app_, institute_, late.id, domain::ItemStatus::done, "Проведено", "");
  card = app::get_roadmap(app_, institute_, id);
  EXPECT_FALSE(card.items[0].overdue);
  EXPECT_EQ(card.roadmap.done, 1);
}

TEST_P(RoadmapsTest, ExportReadsBackAndNewPeriodRenormalises) {
  const auto id = roadmap();
  app::import_roadmap(app_, institute_, id, io::read_table(seed_003()), false, false);
  const auto xlsx = app::export_roadmap(app_, institute_, id, "xlsx");
  const auto copy = roadmap();
  const auto again = app::import_roadmap(app_, institute_, copy, io::read_table(xlsx.bytes), false, false);
  const auto a = app::get_roadmap(app_, institute_, id), b = app::get_roadmap(app_, institute_, copy);
  ASSERT_EQ(a.items.size(), b.items.size());
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    EXPECT_EQ(a.items[i].item.number, b.items[i].item.number);
    EXPECT_EQ(a.items[i].item.section, b.items[i].item.section);
    EXPECT_EQ(a.items[i].item.term, b.items[i].item.term);
    EXPECT_EQ(a.items[i].item.heading, b.items[i].item.heading) << a.items[i].item.number;
  }
  EXPECT_EQ(again.headings, 7u);
  const auto pdf = app::export_roadmap(app_, institute_, id, "pdf");
  EXPECT_TRUE(pdf.bytes.starts_with("%PDF"));
  // A longer period moves «в течение всего периода».
  rm::Roadmap changes = a.roadmap;
  changes.period_to = "2023-12-31";
  app::update_roadmap(app_, institute_, changes);
  const auto c = app::get_roadmap(app_, institute_, id);
  EXPECT_EQ(find(c, "2021 год", "1.5")->item.term_to, "2023-12-31");
}

INSTANTIATE_TEST_SUITE_P(Backends, RoadmapsTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });

}  // namespace
