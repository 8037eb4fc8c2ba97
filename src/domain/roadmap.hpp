// Roadmaps (дорожные карты; the РМА description and the Chelyabinsk order № 017730): plans for a period
// with numbered, nested items (1, 1.5, 1.5.1). This module reads items out of
// the tables regions really write — a title and an approval line above the
// header, a row of column numbers, a block per year («2021 год», «2023/2024
// учебный год»), group headings («1. Система методической работы», «I.
// Организационное обеспечение», sometimes in italics), rows broken across pages
// and continued with an empty number, the header repeated, columns no field
// holds — keeping every piece of text and saying what every row became. It
// also holds the status vocabulary, the lines of the «Отчёты» column, how
// lists of executors split, and the rule for lateness. Pure: no I/O.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "domain/registry.hpp"
#include "domain/term.hpp"

namespace metodist::domain {

// An item's state, in the order of roadmap_item_statuses().
enum class ItemStatus { planned, in_progress, done, not_done, cancelled };

// The columns of a roadmap table. Our export writes section, number, name,
// participants, executors, term, result, indicators, start, end, status,
// reports, then the source's own extra columns.
enum class RoadmapColumn {
  number,
  name,
  participants,
  executors,
  term,
  result,
  section,
  indicators,  // «Показатели»: codes of the indicators an item serves
  status,      // «Состояние»: the item's status by its title
  reports,     // «Отчёты»: one report per line, see report_line
  computed,    // «Начало», «Окончание»: our export's dates, recomputed from the term
};
// The header our template and export use for each column.
std::string_view roadmap_column_title(RoadmapColumn column);
// Which column a header names, as the seeds write them: «№ п/п»,
// «Наименование мероприятия/события», «Участники», «Срок реализации
// мероприятия» / «Сроки», «Ответственный исполнитель / соисполнители»,
// «Результаты, достижение которых обеспечиваются мероприятиями» / «Ожидаемый
// результат»; «Раздел», «Показатели», «Состояние», «Отчёты», «Начало»,
// «Окончание» of our export; nullopt for anything else (kept as an extra column).
std::optional<RoadmapColumn> roadmap_column_of(std::string_view header);

// One row of a source table: its number as the reader sees it, and its cells.
struct SourceRow {
  std::size_t number = 0;
  std::vector<std::string> cells;
};

// One item as read, before it is stored.
struct RoadmapRow {
  std::size_t source_row = 0;  // where it begins, for the report
  std::string section;         // «2021 год», «2023/2024 учебный год»; "" when the table has no blocks
  std::string number;          // «1.5.1»; group headings «1» or «I»; "" when the table has no numbers
  bool heading = false;        // a group title, not an action
  std::string name, participants, executors, term, result;
  std::string indicators, status, reports;                 // as written, when the table has these columns
  std::vector<std::pair<std::string, std::string>> extra;  // columns no field holds: header → text
};

struct RoadmapIssue {
  std::size_t row = 0;
  std::string column, message;
};

// What each source row became, so a dry run accounts for every one.
enum class RowRole {
  title,            // above the header: the document's title, approval — kept as the roadmap's remarks
  header,           // the header row
  repeated_header,  // the header again on a new page
  column_numbers,   // «1 | 2 | 3 | 4 | 5 | 6» under the header
  section,          // a block: «2024 год», «2023/2024 учебный год»
  heading,  // a group title: «1. Система методической работы», «I. Организационное обеспечение»
  item,     // an action
  continuation,  // the rest of the item above, broken by a page
  empty,         // nothing in it, or a «---» rule
};
std::string_view row_role_code(RowRole role) noexcept;
struct RowAccount {
  std::size_t row = 0;
  RowRole role = RowRole::empty;
  std::string number;  // heading, item, continuation: the item's number
};

struct RoadmapTable {
  std::vector<RoadmapRow> items;
  std::vector<RoadmapIssue> issues;        // nothing is dropped silently
  std::vector<std::string> extra_columns;  // headers of the source's columns kept as extra
  std::vector<RowAccount> rows;            // one per source row, in order
  std::vector<std::string> remarks;        // the text of the title rows
};

// Finds the header (the first row naming the action column), then reads every
// row below it. A row with no number and no heading continues the item above
// cell by cell (a page break); cells past the last known column continue the
// result. A repeated header, a row of column numbers and empty or «---» rows
// are recognised and skipped; a number used twice in a block is reported.
RoadmapTable read_roadmap_table(std::span<const SourceRow> rows);

// One report in the «Отчёты» column, one per line:
// «05.03.2024 · Выполняется · Иванова И. И. · текст · https://…» (the link optional).
struct ReportLine {
  std::string day;  // ISO
  ItemStatus status = ItemStatus::in_progress;
  std::string author, body, evidence_url;
};
std::string report_line(const ReportLine& r);
// nullopt for a line not in that shape.
std::optional<ReportLine> parse_report_line(std::string_view line);

// «1.5.1» → «1.5»; «1» → "" (a top item). Trailing dots are ignored.
std::string parent_number(std::string_view number);
// «1.5.1» → 3; «» → 1.
int number_depth(std::string_view number);
// Orders numbers as people do: 1.2 < 1.10 < 2.
bool number_less(std::string_view a, std::string_view b);

// «Министерство … / ГБУ ДПО ЧИПКРО/ ГБУ ДПО РЦОКИО», «ГАУ ДПО ИРО, МОУО» →
// the responsible executor (first) and the co-executors. «/» always splits;
// «,» and «;» split only before a part that names a body of its own (an
// abbreviation such as «МОУО», a capitalised name, «органы …»,
// «муниципальные …»), so «Органы местного самоуправления, осуществляющие
// управление в сфере образования» stays one.
struct Executors {
  std::string responsible;
  std::vector<std::string> co;
};
// `known_body`: a name from the registry (an organisation of the roadmap's
// territory, by its folded name or short name) also splits before itself.
Executors split_executors(std::string_view text, const std::function<bool(std::string_view)>& known_body = {});

// «2021 год» → 2021: the year of a block, for terms without a year.
std::optional<int> section_year(std::string_view section);
// «2023/2024 учебный год», «2023-2024 уч. год», «2023/2024» → 2023: a block
// that is a school year.
std::optional<int> section_school_year(std::string_view section);
// What an item's term is read against: the plan's period and the item's block
// (a calendar or a school year, clipped to the period).
TermContext term_context(std::string_view section, const DateRange& period);

// «FED.1; rmms.5» → «fed.1; rmms.5»: codes of the indicators an item serves,
// letters then dot-separated parts. Error::validation names
// «indicator_codes» for anything else.
std::string normalise_indicator_codes(std::string_view text);

std::span<const Term> roadmap_item_statuses();  // planned, in_progress, done, not_done, cancelled
inline std::string_view code_of(ItemStatus s) noexcept { return code_in(roadmap_item_statuses(), s); }
std::span<const Term> roadmap_owner_levels();  // region, municipality, active
// The day an item is next due: the end of its dates, a deadline's day, or for a
// series the due date of its first cycle no report answers (see dues_of);
// nullopt when nothing is due (by plan, when needed, not understood, every
// cycle answered). `reports`: the days reports were made, ascending.
std::optional<Date> item_due_on(const ParsedTerm& term, std::span<const Date> reports);
// A status as written in a table: its title («Выполнено»), or its code; what
// follows a comma («Выполняется, просрочено» of our export) is not part of it.
std::optional<ItemStatus> item_status_written(std::string_view text);
// An item is late when it is not finished and its due day has passed.
bool item_overdue(const ParsedTerm& term, ItemStatus status, const Date& today, std::span<const Date> reports = {});
// The statuses that close an item.
bool item_finished(ItemStatus status);

}  // namespace metodist::domain
