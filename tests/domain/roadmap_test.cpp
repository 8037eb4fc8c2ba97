// Reading roadmap tables as regions write them (the Chelyabinsk order № 017730's page breaks and
// headings, the РМА description's columns), item numbers, executors, lateness.
#include "domain/roadmap.hpp"

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
  ASSERT_EQ(t.ignored_columns.size(), 1u);
  EXPECT_EQ(t.ignored_columns[0], "Примечание");
  EXPECT_EQ(t.items[1].name, "(без наименования)");
  EXPECT_EQ(t.issues.size(), 2u);
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
}

TEST(RoadmapIndicators, CodesNormalisedOrRefused) {
  EXPECT_EQ(normalise_indicator_codes("FED.1; rmms.5 ;rma.1.2"), "fed.1; rmms.5; rma.1.2");
  EXPECT_EQ(normalise_indicator_codes(""), "");
  for (auto bad : {"пять", "fed", ".1", "fed.", "fed 1"}) EXPECT_THROW(normalise_indicator_codes(bad), Error) << bad;
}
