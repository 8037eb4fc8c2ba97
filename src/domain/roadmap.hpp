// Roadmaps (дорожные карты; the РМА description and the Chelyabinsk order № 017730): plans for a period
// with numbered, nested items (1, 1.5, 1.5.1). This module reads items out of
// the tables regions really write — a title above the header, a block per year
// («2021 год»), group headings («1. Система методической работы», sometimes
// in italics), rows broken across pages and continued in the next table with an
// empty number, stray extra columns — keeping every piece of text. It also
// holds the status vocabulary and the rule for lateness. Pure: no I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "domain/registry.hpp"
#include "domain/term.hpp"

namespace metodist::domain {

// The columns of a roadmap table, in the order our export writes them.
enum class RoadmapColumn { number, name, participants, executors, term, result, section };
// The header our template and export use for each column.
std::span<const std::string_view> roadmap_column_titles();
// Which column a header names, as the seeds write them: «№ п/п»,
// «Наименование мероприятия/события», «Участники», «Срок реализации
// мероприятия» / «Сроки», «Ответственный исполнитель / соисполнители»,
// «Результаты, достижение которых обеспечиваются мероприятиями» / «Ожидаемый
// результат»; «Раздел» (our export's block column); nullopt for anything else.
std::optional<RoadmapColumn> roadmap_column_of(std::string_view header);

// One row of a source table: its number as the reader sees it, and its cells.
struct SourceRow {
  std::size_t number = 0;
  std::vector<std::string> cells;
};

// One item as read, before it is stored.
struct RoadmapRow {
  std::size_t source_row = 0;  // where it begins, for the report
  std::string section;         // «2021 год»; "" when the table has no blocks
  std::string number;          // «1.5.1»; group headings «1»; "" when the table has no numbers
  bool heading = false;        // a group title, not an action
  std::string name, participants, executors, term, result;
};

struct RoadmapIssue {
  std::size_t row = 0;
  std::string column, message;
};

struct RoadmapTable {
  std::vector<RoadmapRow> items;
  std::vector<RoadmapIssue> issues;  // nothing is dropped silently
  std::vector<std::string> ignored_columns;
};

// Finds the header (the first row naming the action column), then reads every
// row below it. A row with no number and no heading continues the item above
// cell by cell (a page break); cells past the last known column continue the
// result. A repeated header (a new page) and empty or «---» rows are skipped.
RoadmapTable read_roadmap_table(std::span<const SourceRow> rows);

// «1.5.1» → «1.5»; «1» → "" (a top item). Trailing dots are ignored.
std::string parent_number(std::string_view number);
// «1.5.1» → 3; «» → 1.
int number_depth(std::string_view number);
// Orders numbers as people do: 1.2 < 1.10 < 2.
bool number_less(std::string_view a, std::string_view b);

// «Министерство … / ГБУ ДПО ЧИПКРО/ ГБУ ДПО РЦОКИО» → the responsible executor
// (first) and the co-executors, split at «/» only: commas belong to names such
// as «Органы местного самоуправления, осуществляющие управление…».
struct Executors {
  std::string responsible;
  std::vector<std::string> co;
};
Executors split_executors(std::string_view text);

// «2021 год» → 2021: the year of a block, for terms without a year.
std::optional<int> section_year(std::string_view section);

// «FED.1; rmms.5» → «fed.1; rmms.5»: codes of the indicators an item serves,
// letters then dot-separated parts. Error::validation names
// «indicator_codes» for anything else.
std::string normalise_indicator_codes(std::string_view text);

std::span<const Term> roadmap_item_statuses();  // planned, in_progress, done, not_done, cancelled
// An item's state, in the order of roadmap_item_statuses().
enum class ItemStatus { planned, in_progress, done, not_done, cancelled };
inline std::string_view code_of(ItemStatus s) noexcept { return code_in(roadmap_item_statuses(), s); }
std::span<const Term> roadmap_owner_levels();  // region, municipality, active
// An item is late when its term has passed, it is not finished and its term is
// a date range (an unknown or «by plan» term is never late: no date was set).
bool item_overdue(const ParsedTerm& term, ItemStatus status, const Date& today);
// The statuses that close an item.
bool item_finished(ItemStatus status);

}  // namespace metodist::domain
