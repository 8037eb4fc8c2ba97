// Reading roadmap tables as regions write them (the Chelyabinsk order № 017730's page breaks and
// headings, the РМА description's columns), item numbers, executors, lateness.
#include "domain/roadmap.hpp"

#include <map>

#include "domain/error.hpp"

#include <gtest/gtest.h>

using namespace metodist::domain;

namespace {

std::vector<SourceRow> rows(std::initializer_list<std::vector<std::string>> cells) {
  std::vector<SourceRow> out;
  std::size_t n = 0;
  for (const auto& c : cells) out.push_back({++n, c});
  return out;
}

const std::vector<std::string> kHeader{"№ п/п", "Наименование мероприятия", "Срок реализации мероприятия",
                                       "Ответственный исполнитель / соисполнители",
                                       "Результаты, достижение которых обеспечиваются мероприятиями"};

}  // namespace

TEST(RoadmapTable, SectionsHeadingsItemsAndPageBreaks) {
  const auto src = rows({
      {"Дорожная карта реализации модели"},  // a title above the header
      kHeader,
      {"---", "--", "---", "---", "---"},
      {"2021 год", "", "", "", ""},
      {"<i>1. Система методической работы</i>", "", "", "", ""},
      {"1.3", "Организация и проведение мониторинга", "Апрель", "ГБУ ДПО ЧИПКРО", "Наличие приказа о"},
      {"", "", "", "", "", ""},
      {"", "", "", "", "", "проведении мониторинга"},  // a page break: the result goes on, one column more
      {"1.5.1", "Цикл вебинаров", "По отдельному плану в течение всего периода", "", ""},
      {"3.", "<i>Поддержка молодых педагогов</i>", "", "", ""},
      {"2022 год", "", "", "", ""},
      {"1.1", "Проведение совещания по оценке", "Февраль 2022 года", "Министерство/", "Анализ"},
      {"", "работы на уровне региона", "", "ГБУ ДПО ЧИПКРО/ ГБУ ДПО РЦОКИО", "механизмов"},
      kHeader,  // repeated on a new page
  });
  const auto t = read_roadmap_table(src);
  EXPECT_TRUE(t.issues.empty()) << t.issues.front().message;
  ASSERT_EQ(t.items.size(), 5u);
  EXPECT_TRUE(t.items[0].heading);
  EXPECT_EQ(t.items[0].number, "1");
  EXPECT_EQ(t.items[0].name, "Система методической работы");
  EXPECT_EQ(t.items[0].section, "2021 год");
  EXPECT_EQ(t.items[1].number, "1.3");
  EXPECT_FALSE(t.items[1].heading);
  EXPECT_EQ(t.items[1].term, "Апрель");
  EXPECT_EQ(t.items[1].executors, "ГБУ ДПО ЧИПКРО");
  EXPECT_EQ(t.items[1].result, "Наличие приказа о проведении мониторинга");
  EXPECT_EQ(t.items[2].term, "По отдельному плану в течение всего периода");
  EXPECT_TRUE(t.items[3].heading);
  EXPECT_EQ(t.items[3].number, "3");
  EXPECT_EQ(t.items[3].name, "Поддержка молодых педагогов");
  EXPECT_EQ(t.items[4].section, "2022 год");
  EXPECT_EQ(t.items[4].name, "Проведение совещания по оценке работы на уровне региона");
  EXPECT_EQ(t.items[4].executors, "Министерство/ ГБУ ДПО ЧИПКРО/ ГБУ ДПО РЦОКИО");
  EXPECT_EQ(t.items[4].result, "Анализ механизмов");
  EXPECT_EQ(t.items[4].source_row, 12u);
}

TEST(RoadmapTable, SeedZeroColumnsWithoutNumbersAreNumberedInOrder) {
  const auto t = read_roadmap_table(rows({
      {"Наименование мероприятия/события", "Участники", "Исполнители/соисполнители", "Сроки", "Ожидаемый результат"},
      {"Установочный семинар РМА", "Методисты РМА", "ГБУ ДПО «ЧИРО»", "I квартал", "Программа работы"},
      {"Фестиваль практик", "Руководители и педагоги ОО", "Методисты РМА", "В соответствии с планом мероприятий", ""},
  }));
  ASSERT_EQ(t.items.size(), 2u);
  EXPECT_EQ(t.items[0].number, "1");
  EXPECT_EQ(t.items[1].number, "2");
  EXPECT_EQ(t.items[1].participants, "Руководители и педагоги ОО");
  EXPECT_EQ(t.items[0].executors, "ГБУ ДПО «ЧИРО»");
  EXPECT_EQ(t.items[0].term, "I квартал");
}

TEST(RoadmapTable, NothingIsDroppedSilently) {
  auto t = read_roadmap_table(rows({{"Просто текст"}, {"Ещё текст"}}));
  ASSERT_EQ(t.issues.size(), 1u);
  EXPECT_EQ(t.issues[0].column, "file");
  EXPECT_TRUE(t.items.empty());

  // Text before the first item is kept as an item and reported; an unknown column is reported.
  t = read_roadmap_table(rows({
      {"№", "Наименование", "Срок", "Примечание"},
      {"", "Вводная часть плана", "", ""},
      {"1", "", "Май", "важно"},
  }));
  ASSERT_EQ(t.items.size(), 2u);
  EXPECT_EQ(t.items[0].name, "Вводная часть плана");
  ASSERT_EQ(t.extra_columns.size(), 1u);
  EXPECT_EQ(t.extra_columns[0], "Примечание");
  ASSERT_EQ(t.items[1].extra.size(), 1u);  // the column no field holds stays on the item
  EXPECT_EQ(t.items[1].extra[0], (std::pair<std::string, std::string>{"Примечание", "важно"}));
  EXPECT_EQ(t.items[1].name, "(без наименования)");
  EXPECT_EQ(t.issues.size(), 2u);
}

// A table in another region's shape: a title and an approval line above, a row
// of column numbers, Roman sections, a school-year block, an unknown column,
// the header again on a new page, a number used twice, a page break.
TEST(RoadmapTable, EveryRowIsAccountedForInAnotherRegionsShape) {
  const auto src = rows({
      {"План мероприятий («дорожная карта»)", "", "", "", "", ""},
      {"Утверждён приказом ГАУ ДПО ИРО от 01.09.2023 № 245", "", "", "", "", ""},
      {"", "", "", "", "", ""},
      {"№", "Мероприятие", "Срок", "Исполнители", "Вид документа", "Результат"},
      {"1", "2", "3", "4", "5", "6"},
      {"I. Организационное обеспечение", "", "", "", "", ""},
      {"2023/2024 учебный год", "", "", "", "", ""},
      {"1", "Совещание с руководителями ММС", "сентябрь 2023 г.", "ГАУ ДПО ИРО, МОУО", "протокол", "Проведено"},
      {"2", "Мониторинг дефицитов", "декабрь 2023 г. – январь 2024 г.", "ЦНППМ", "справка", "Справка"},
      {"", "педагогов", "", "", "", ""},
      {"№", "Мероприятие", "Срок", "Исполнители", "Вид документа", "Результат"},
      {"II", "Кадровое обеспечение", "", "", "", ""},
      {"2", "Курсы для наставников", "до 15.09.2023", "ЦНППМ", "приказ", ""},
  });
  const auto t = read_roadmap_table(src);
  ASSERT_EQ(t.rows.size(), src.size());  // every source row, once
  std::map<RowRole, int> count;
  for (const auto& r : t.rows) ++count[r.role];
  EXPECT_EQ(count[RowRole::title], 2);
  EXPECT_EQ(count[RowRole::empty], 1);
  EXPECT_EQ(count[RowRole::header], 1);
  EXPECT_EQ(count[RowRole::column_numbers], 1);
  EXPECT_EQ(count[RowRole::heading], 2);
  EXPECT_EQ(count[RowRole::section], 1);
  EXPECT_EQ(count[RowRole::item], 3);
  EXPECT_EQ(count[RowRole::continuation], 1);
  EXPECT_EQ(count[RowRole::repeated_header], 1);
  ASSERT_EQ(t.remarks.size(), 2u);
  EXPECT_EQ(t.remarks[1], "Утверждён приказом ГАУ ДПО ИРО от 01.09.2023 № 245");

  ASSERT_EQ(t.items.size(), 5u);
  EXPECT_TRUE(t.items[0].heading);
  EXPECT_EQ(t.items[0].number, "I");
  EXPECT_EQ(t.items[0].name, "Организационное обеспечение");  // not glued onto an item
  EXPECT_EQ(t.items[1].number, "1");
  EXPECT_EQ(t.items[1].section, "2023/2024 учебный год");
  EXPECT_EQ(t.items[1].result, "Проведено");  // «Вид документа» is not glued into the result
  ASSERT_EQ(t.items[1].extra.size(), 1u);
  EXPECT_EQ(t.items[1].extra[0].first, "Вид документа");
  EXPECT_EQ(t.items[1].extra[0].second, "протокол");
  EXPECT_EQ(t.items[2].name, "Мониторинг дефицитов педагогов");
  EXPECT_TRUE(t.items[3].heading);
  EXPECT_EQ(t.items[3].number, "II");
  EXPECT_EQ(t.items[3].name, "Кадровое обеспечение");
  ASSERT_EQ(t.extra_columns, std::vector<std::string>{"Вид документа"});
  // «2» twice in the same block is reported, both kept.
  ASSERT_EQ(t.issues.size(), 1u);
  EXPECT_EQ(t.issues[0].column, "number");
  EXPECT_NE(t.issues[0].message.find("Номер 2 повторяется"), std::string::npos);
}

TEST(RoadmapTable, OurExportReadsBackWithItsOwnColumns) {
  const auto t = read_roadmap_table(rows({
      {"Раздел", "№ п/п", "Наименование мероприятия", "Участники", "Ответственный исполнитель / соисполнители",
       "Срок реализации", "Ожидаемый результат", "Показатели", "Начало", "Окончание", "Состояние", "Отчёты"},
      {"", "1.", "Организация", "", "", "", "", "", "", "", "", ""},
      {"", "1.1", "Семинар", "Методисты", "ИРО", "Май", "Программа", "fed.1; rmms.5", "01.05.2021", "31.05.2021",
       "Выполняется, просрочено", "05.03.2021 · Выполняется · Иванова И. И. · Начали · https://example.org/1"},
  }));
  ASSERT_EQ(t.items.size(), 2u);
  EXPECT_TRUE(t.items[0].heading);
  EXPECT_TRUE(t.extra_columns.empty());  // «Начало», «Окончание» are recomputed, not kept
  EXPECT_EQ(t.items[1].indicators, "fed.1; rmms.5");
  EXPECT_EQ(t.items[1].status, "Выполняется, просрочено");
  EXPECT_EQ(t.items[1].result, "Программа");
  const auto r = parse_report_line(t.items[1].reports);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->day, "2021-03-05");
  EXPECT_EQ(r->status, ItemStatus::in_progress);
  EXPECT_EQ(r->author, "Иванова И. И.");
  EXPECT_EQ(r->body, "Начали");
  EXPECT_EQ(r->evidence_url, "https://example.org/1");
  EXPECT_EQ(report_line(*r), t.items[1].reports);  // a line reads back as it was written
  EXPECT_FALSE(parse_report_line("Сделано всё"));
  EXPECT_FALSE(parse_report_line("05.03.2021 · Непонятно · Кто-то · Текст"));
}

TEST(RoadmapNumbers, ParentsDepthAndOrder) {
  EXPECT_EQ(parent_number("1.5.1"), "1.5");
  EXPECT_EQ(parent_number("1.5"), "1");
  EXPECT_EQ(parent_number("1"), "");
  EXPECT_EQ(parent_number("2."), "");
  EXPECT_EQ(number_depth("1.5.1"), 3);
  EXPECT_EQ(number_depth("4"), 1);
  EXPECT_TRUE(number_less("1.2", "1.10"));
  EXPECT_TRUE(number_less("1.10", "2"));
  EXPECT_FALSE(number_less("2", "1.10"));
  EXPECT_TRUE(number_less("1", "1.1"));
}

TEST(RoadmapExecutors, SlashesSplitCommasDoNot) {
  auto e = split_executors("Министерство образования и науки Челябинской области / ГБУ ДПО ЧИПКРО");
  EXPECT_EQ(e.responsible, "Министерство образования и науки Челябинской области");
  ASSERT_EQ(e.co.size(), 1u);
  EXPECT_EQ(e.co[0], "ГБУ ДПО ЧИПКРО");
  e = split_executors("Органы местного самоуправления, осуществляющие управление в сфере образования / ММС");
  EXPECT_EQ(e.responsible, "Органы местного самоуправления, осуществляющие управление в сфере образования");
  EXPECT_EQ(e.co.size(), 1u);
  e = split_executors("ГБУ ДПО ЧИППКРО / ГБУ ДПО ЧИРПО / ГБУ ДПО РЦОКИО");
  EXPECT_EQ(e.co.size(), 2u);
  EXPECT_TRUE(split_executors("").responsible.empty());
  // Commas and semicolons split where the next part names a body of its own.
  e = split_executors("ГАУ ДПО ИРО, МОУО");
  EXPECT_EQ(e.responsible, "ГАУ ДПО ИРО");
  EXPECT_EQ(e.co, std::vector<std::string>{"МОУО"});
  e = split_executors("ЦНППМ; муниципальные методические службы, руководители ОО");
  EXPECT_EQ(e.responsible, "ЦНППМ");
  EXPECT_EQ(e.co, (std::vector<std::string>{"муниципальные методические службы", "руководители ОО"}));
  e = split_executors("Органы местного самоуправления, осуществляющие управление в сфере образования, ИРО");
  EXPECT_EQ(e.responsible, "Органы местного самоуправления, осуществляющие управление в сфере образования");
  EXPECT_EQ(e.co, std::vector<std::string>{"ИРО"});
  e = split_executors("Министерство образования, науки и молодёжной политики");  // «науки» goes on with the name
  EXPECT_EQ(e.responsible, "Министерство образования, науки и молодёжной политики");
  EXPECT_TRUE(e.co.empty());
}

TEST(RoadmapSections, SchoolYearOfABlock) {
  EXPECT_EQ(section_school_year("2023/2024 учебный год"), 2023);
  EXPECT_EQ(section_school_year("2023-2024 уч. год"), 2023);
  EXPECT_EQ(section_school_year("2023/24"), 2023);
  EXPECT_FALSE(section_school_year("2023/2025 учебный год"));
  EXPECT_FALSE(section_school_year("2023 год"));
  const DateRange period{*Date::parse_iso("2023-09-01"), *Date::parse_iso("2025-08-31")};
  const auto ctx = term_context("2024/2025 учебный год", period);
  EXPECT_EQ(ctx.school_year, 2024);
  ASSERT_TRUE(ctx.block);
  EXPECT_EQ(ctx.block->from.iso(), "2024-09-01");
  EXPECT_EQ(term_context("2024 год", period).block->to.iso(), "2024-12-31");
  EXPECT_FALSE(term_context("Организация", period).block);
}

TEST(RoadmapSections, YearOfABlock) {
  EXPECT_EQ(section_year("2021 год"), 2021);
  EXPECT_EQ(section_year("2022 г."), 2022);
  EXPECT_FALSE(section_year("1.1"));
  EXPECT_FALSE(section_year("2021 года проведение"));
}

TEST(RoadmapLateness, OnlyDatedUnfinishedItemsPastTheirEnd) {
  const DateRange period{*Date::parse_iso("2021-01-01"), *Date::parse_iso("2022-12-31")};
  const auto today = *Date::parse_iso("2021-07-01");
  EXPECT_TRUE(item_overdue(parse_term("I квартал", 2021, period), ItemStatus::planned, today));
  EXPECT_TRUE(item_overdue(parse_term("Июнь", 2021, period), ItemStatus::in_progress, today));
  EXPECT_FALSE(item_overdue(parse_term("Июль", 2021, period), ItemStatus::planned, today));  // ends 31.07
  EXPECT_FALSE(item_overdue(parse_term("I квартал", 2021, period), ItemStatus::done, today));
  EXPECT_FALSE(item_overdue(parse_term("По отдельному плану", 2021, period), ItemStatus::planned, today));
  EXPECT_FALSE(item_overdue(parse_term("По мере необходимости", 2021, period), ItemStatus::planned, today));
  EXPECT_FALSE(item_overdue(parse_term("В течение всего периода", 2021, period), ItemStatus::planned, today));
  // A deadline is late the day after it; a bar «до …» no longer stretches from the plan's first day.
  EXPECT_TRUE(item_overdue(parse_term("до 30.06.2021", 2021, period), ItemStatus::planned, today));
  EXPECT_FALSE(item_overdue(parse_term("до 01.07.2021", 2021, period), ItemStatus::planned, today));
  // A series is late while a passed due date has no report.
  const auto quarterly = parse_term("ежеквартально", 2021, period);
  const std::vector<Date> on_time{*Date::parse_iso("2021-03-30"), *Date::parse_iso("2021-06-29")};
  EXPECT_FALSE(item_overdue(quarterly, ItemStatus::in_progress, today, on_time));
  EXPECT_EQ(item_due_on(quarterly, on_time)->iso(), "2021-09-30");
  const std::vector<Date> only_first{*Date::parse_iso("2021-03-30")};
  EXPECT_TRUE(item_overdue(quarterly, ItemStatus::in_progress, today, only_first));
  EXPECT_EQ(item_due_on(quarterly, only_first)->iso(), "2021-06-30");
  EXPECT_FALSE(item_due_on(parse_term("по запросу", 2021, period), {}));
}

TEST(RoadmapIndicators, CodesNormalisedOrRefused) {
  EXPECT_EQ(normalise_indicator_codes("FED.1; rmms.5 ;rma.1.2"), "fed.1; rmms.5; rma.1.2");
  EXPECT_EQ(normalise_indicator_codes(""), "");
  for (auto bad : {"пять", "fed", ".1", "fed.", "fed 1"}) EXPECT_THROW(normalise_indicator_codes(bad), Error) << bad;
}
