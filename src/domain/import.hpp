// What an import file may contain, independent of its format: the columns of
// each registry with the headers people actually write («ИНН», «Код ОО»,
// «Дата рождения»...) and stable English keys, and the parsing of cell values
// (yes/no, vocabulary terms by title or code, dates as written).
//
// Pure rules, no I/O: app/import.cpp applies them to a table and the database.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/registry.hpp"

namespace metodist::domain {

struct ImportColumn {
  std::string_view key;                   // stable English key, also accepted as a header
  std::string_view title;                 // the header our template and export use
  std::vector<std::string_view> aliases;  // other headers people write
};

// Columns of the territories file: a row is matched by "code", else by "oktmo",
// else by its name within its parent; "parent_name", "abolished_on" and
// "merged_into" are for the reader (the export writes them, import skips them).
std::span<const ImportColumn> territory_import_columns();
// History brought in with its dates (a region starting mid-year needs last
// autumn's facts): one row per person and fact; "code" is the person's code,
// "full_name" is for the reader (not matched).
// Courses taken: the program by its title, the dates of study, the certificate.
std::span<const ImportColumn> completion_import_columns();
// Who came to an event that took place: the event by number, or title and date.
std::span<const ImportColumn> attendance_import_columns();
// Members of a methodical association or community, with the dates they joined and left.
std::span<const ImportColumn> membership_import_columns();
// Methodists of the active (by code) and whom they support: a school by its
// code or a teacher by theirs, with the dates of the assignment.
std::span<const ImportColumn> assignment_import_columns();
// Mentoring pairs of a school's program: mentor and mentee by code, the form,
// the dates; "code" is the mentee's.
std::span<const ImportColumn> mentoring_pair_import_columns();
// Requests for methodical help a municipality kept before (a journal of
// requests): the school by "code", the topic, the dates received, due and
// closed, the methodist who answered.
std::span<const ImportColumn> help_request_import_columns();
// Columns of the organisations file; key "code" identifies a row.
std::span<const ImportColumn> organisation_import_columns();
// Columns of the persons file: one row per person and workplace; "code" is
// the person's stable code, "organisation" the workplace's code.
std::span<const ImportColumn> person_import_columns();
// Columns of a diagnostic results file from an external platform: one row per
// person and competency ("competency" is absent for functional literacy);
// "code" is the person's code, "full_name" is for the reader (not matched).
std::span<const ImportColumn> diagnostic_result_import_columns();

// Which column of the file holds each key (index into the row), and which
// headers were not recognised (they are ignored and reported).
struct HeaderMap {
  std::vector<std::optional<std::size_t>> index;  // parallel to the columns
  std::vector<std::string> unknown;
  std::vector<std::string> duplicated;  // two file columns for one key
  std::optional<std::size_t> of(std::span<const ImportColumn> columns, std::string_view key) const;
};
// Headers match ignoring case, «ё»/«е», spaces and punctuation.
HeaderMap map_header(std::span<const ImportColumn> columns, std::span<const std::string_view> header);

// «да», «нет», «1», «0», «+», «-», «x», «true», «false», «yes», «no»; nullopt
// for anything else.
std::optional<bool> parse_flag(std::string_view text);
// A vocabulary term by its code or its Russian title (case-insensitive), or
// by one of the extra spellings given; nullptr when unknown.
const Term* match_term(std::span<const Term> vocabulary, std::string_view text);
// The same lookup for a whole file: titles are folded once, not per cell.
// `spellings`: other words people write for a code (folded spelling → code).
using Spelling = std::pair<std::string_view, std::string_view>;
class TermIndex {
 public:
  explicit TermIndex(std::span<const Term> vocabulary, std::span<const Spelling> spellings = {});
  const Term* find(std::string_view text) const;

 private:
  std::span<const Term> vocabulary_;
  std::vector<std::pair<std::string, const Term*>> folded_;  // folded title → term
};

// What schools write for an organisation's kind: «школа», «СОШ», «детский сад»,
// «ДОУ», «колледж», «УДО», «ИМЦ», «управление образования»…
std::span<const Spelling> organisation_kind_spellings();

// «м», «муж», «мужской», «m» → "m"; «ж», «жен», «женский», «f» → "f".
std::optional<std::string_view> parse_gender(std::string_view text);
// The qualification category as written: «высшая», «первая», «без категории»,
// «нет», «соответствие занимаемой должности» (counts as none).
const Term* parse_category(std::string_view text);
// «Иванова Мария Петровна» → last, first, middle (middle may be several words,
// kept as written between them); the parts are views into `text`.
bool split_full_name(std::string_view text, std::string_view& last, std::string_view& first, std::string_view& middle);

// A number as people type it: «17», «17.5», «17,5», « 17 »; nullopt otherwise.
std::optional<double> parse_number(std::string_view text);

// A list of allowed values for messages: «высшая», «первая», «без категории».
std::string allowed_titles(std::span<const Term> vocabulary);
// The same by code, for API messages: «offline», «online», «blended».
std::string allowed_codes(std::span<const Term> vocabulary);

}  // namespace metodist::domain
