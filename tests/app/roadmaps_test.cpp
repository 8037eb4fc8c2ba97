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
  EXPECT_EQ(vague.term_kind, "as_needed");  // no due date, never late, not «not understood»
  d.indicator_codes = "пять";
  EXPECT_EQ(error_of([&] { app::add_roadmap_item(app_, institute_, id, d); }).field(), "indicator_codes");

  auto card = app::get_roadmap(app_, institute_, id);
  ASSERT_EQ(card.items.size(), 2u);
  EXPECT_TRUE(card.items[0].overdue);
  EXPECT_FALSE(card.items[1].overdue);
  EXPECT_FALSE(card.items[1].flagged);
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

// Another region's table, in a shape of our own making: a title and an approval
// line, column numbers, Roman sections, school-year blocks, a column no field
// holds, executors listed with commas, terms as Russian orders write them.
const char* const kOtherRegion =
    "План мероприятий («дорожная карта») по реализации региональной модели;;;;;\n"
    "Утверждён приказом ГАУ ДПО ИРО от 01.09.2023 № 245;;;;;\n"
    "№;Мероприятие;Срок;Исполнители;Вид документа;Результат\n"
    "1;2;3;4;5;6\n"
    "I. Организационное обеспечение;;;;;\n"
    "2023/2024 учебный год;;;;;\n"
    "1;Совещание с руководителями ММС;сентябрь 2023 г.;ГАУ ДПО ИРО, МОУО;протокол;Проведено совещание\n"
    "2;Мониторинг дефицитов;декабрь 2023 г. – январь 2024 г.;ЦНППМ;справка;Аналитическая справка\n"
    "3;Отчёт о наставничестве;до 10 числа месяца, следующего за отчётным кварталом;МОУО;отчёт;Отчёт\n"
    "4;Консультации;по запросу;ЦНППМ;;\n"
    "5;Курсы для наставников;до 15.09.2023;ЦНППМ;приказ;\n"
    "II. Кадровое обеспечение;;;;;\n"
    "2024/2025 учебный год;;;;;\n"
    "1;Семинар молодых педагогов;II полугодие;Органы местного самоуправления, осуществляющие управление в сфере "
    "образования;;Программа\n"
    "2;Встреча с деканом;после совещания;ИРО;;\n";

TEST_P(RoadmapsTest, AnotherRegionsTableGoesInAndComesOutWhole) {
  const auto id = roadmap("2023-09-01", "2025-08-31");
  const auto table = io::read_table(kOtherRegion);
  const auto dry = app::import_roadmap(app_, institute_, id, table, true, false);
  EXPECT_FALSE(dry.applied);
  ASSERT_EQ(dry.rows.size(), table.rows.size());  // every source row is accounted for
  EXPECT_EQ(dry.items, 7u);
  EXPECT_EQ(dry.headings, 2u);
  EXPECT_EQ(dry.flagged_terms, 1u);  // «после совещания» only
  EXPECT_EQ(dry.remarks.size(), 2u);
  EXPECT_EQ(dry.extra_columns, std::vector<std::string>{"Вид документа"});
  ASSERT_EQ(dry.executors.size(), 1u);  // «ГАУ ДПО ИРО, МОУО» is two; the «Органы…, осуществляющие…» one is not
  EXPECT_EQ(dry.executors[0].parts.co, std::vector<std::string>{"МОУО"});
  EXPECT_TRUE(app::get_roadmap(app_, institute_, id).items.empty());  // a dry run writes nothing

  app::import_roadmap(app_, institute_, id, table, false, false);
  auto card = app::get_roadmap(app_, institute_, id);
  EXPECT_EQ(card.roadmap.remarks,
            "План мероприятий («дорожная карта») по реализации региональной модели\n"
            "Утверждён приказом ГАУ ДПО ИРО от 01.09.2023 № 245");
  const auto* across = find(card, "2023/2024 учебный год", "2");
  ASSERT_TRUE(across);
  EXPECT_EQ(across->item.term_from, "2023-12-01");
  EXPECT_EQ(across->item.term_to, "2024-01-31");
  const auto* series = find(card, "2023/2024 учебный год", "3");
  EXPECT_EQ(series->item.term_kind, "recurring");
  EXPECT_EQ(series->dues.size(), 5u);  // the quarters the school year's block touches: III 2023 … III 2024
  EXPECT_EQ(series->dues[0].cycle.to.iso(), "2023-10-10");
  EXPECT_EQ(find(card, "2023/2024 учебный год", "4")->item.term_kind, "as_needed");
  const auto* deadline = find(card, "2023/2024 учебный год", "5");
  EXPECT_EQ(deadline->item.term_kind, "deadline");
  EXPECT_EQ(deadline->item.term_from, "2023-09-15");
  EXPECT_EQ(find(card, "2024/2025 учебный год", "1")->item.term_from, "2025-01-01");  // the school's II half
  EXPECT_EQ(find(card, "2023/2024 учебный год", "1")->item.extra_columns, R"([["Вид документа","протокол"]])");

  // Work on it, then export → import → export: the same table, byte for byte.
  app::report_on_item(app_, institute_, find(card, "2023/2024 учебный год", "1")->item.id, domain::ItemStatus::done,
                      "Проведено 12 сентября,\nпротокол № 3", "https://example.org/p3");
  app::report_on_item(app_, institute_, series->item.id, domain::ItemStatus::in_progress, "Отчёт за I квартал", "");
  app::ItemDraft codes;
  codes.section = "2023/2024 учебный год";
  codes.number = "2";
  codes.name = across->item.name;
  codes.term = across->item.term;
  codes.executors = across->item.executors;
  codes.expected_result = across->item.expected_result;
  codes.indicator_codes = "fed.2; reg.1";
  app::update_roadmap_item(app_, institute_, across->item.id, codes);
  for (const std::string format : {"csv", "xlsx"}) {
    const auto first = app::export_roadmap(app_, institute_, id, format);
    const auto copy = roadmap("2023-09-01", "2025-08-31");
    const auto back = app::import_roadmap(app_, institute_, copy, io::read_table(first.bytes), false, false);
    ASSERT_EQ(back.issues.size(), 1u) << format;  // the one term not understood, flagged again
    EXPECT_EQ(back.issues[0].column, "term");
    EXPECT_EQ(back.reports, 2u);
    const auto second = app::export_roadmap(app_, institute_, copy, format);
    if (format == "csv") {
      EXPECT_EQ(first.bytes, second.bytes);
    } else {  // an XLSX file carries its creation time: compare the cells
      const auto a = io::read_table(first.bytes), b = io::read_table(second.bytes);
      ASSERT_EQ(a.rows.size(), b.rows.size());
      for (std::size_t r = 0; r < a.rows.size(); ++r)
        EXPECT_EQ(std::vector<std::string>(a.rows[r].cells.begin(), a.rows[r].cells.end()),
                  std::vector<std::string>(b.rows[r].cells.begin(), b.rows[r].cells.end()));
    }
    // Field by field.
    const auto x = app::get_roadmap(app_, institute_, id), y = app::get_roadmap(app_, institute_, copy);
    ASSERT_EQ(x.items.size(), y.items.size());
    for (std::size_t k = 0; k < x.items.size(); ++k) {
      const auto &p = x.items[k].item, &q = y.items[k].item;
      EXPECT_EQ(p.section, q.section);
      EXPECT_EQ(p.number, q.number);
      EXPECT_EQ(p.heading, q.heading);
      EXPECT_EQ(p.name, q.name);
      EXPECT_EQ(p.participants, q.participants);
      EXPECT_EQ(p.executors, q.executors);
      EXPECT_EQ(p.term, q.term);
      EXPECT_EQ(p.term_kind, q.term_kind);
      EXPECT_EQ(p.term_from, q.term_from);
      EXPECT_EQ(p.term_to, q.term_to);
      EXPECT_EQ(p.term_parts, q.term_parts);
      EXPECT_EQ(p.expected_result, q.expected_result);
      EXPECT_EQ(p.indicator_codes, q.indicator_codes);
      EXPECT_EQ(p.extra_columns, q.extra_columns);
      EXPECT_EQ(p.status, q.status) << p.number;
      EXPECT_EQ(p.reports, q.reports);
      EXPECT_EQ(p.due_on, q.due_on);
      EXPECT_EQ(x.items[k].overdue, y.items[k].overdue);
    }
  }
  const auto pdf = app::export_roadmap(app_, institute_, id, "pdf");
  EXPECT_TRUE(pdf.bytes.starts_with("%PDF"));
}

// A school of the region named in lower case after a comma is a body of its own: the registry knows it.
TEST_P(RoadmapsTest, ExecutorsTheRegistryKnowsAreSplit) {
  const auto id = roadmap();
  app::ItemDraft d;
  d.number = "1";
  d.name = "Стажировка";
  d.term = "Май";
  d.executors = "ГАУ ДПО ИРО, гимназия сотрудничества";
  app::add_roadmap_item(app_, institute_, id, d);
  auto card = app::get_roadmap(app_, institute_, id);
  EXPECT_TRUE(card.items[0].executors.co.empty());  // not a body anyone knows: one executor
  app_.db->write([&](storage::Connection& c) {
    c.execute(
        "INSERT INTO organisations (code, name, short_name, kind, territory_id, search_key, created_at, updated_at)"
        " VALUES ('GYM-S', 'Муниципальное автономное общеобразовательное учреждение «Гимназия сотрудничества»',"
        " 'Гимназия сотрудничества', 'school', $1, 'gym-s', 'x', 'x')",
        {municipality_});
  });
  card = app::get_roadmap(app_, institute_, id);
  EXPECT_EQ(card.items[0].executors.responsible, "ГАУ ДПО ИРО");
  EXPECT_EQ(card.items[0].executors.co, std::vector<std::string>{"гимназия сотрудничества"});
}

INSTANTIATE_TEST_SUITE_P(Backends, RoadmapsTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });

}  // namespace
