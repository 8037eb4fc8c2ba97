// Bulk import of the registries from a table (CSV or XLSX already read by io/).
//
// Every row is checked first — values, references, the caller's scope — and
// problems are reported per row and column in Russian. A dry run stops there.
// Otherwise, and only when no row has a problem, everything is written in one
// transaction: new codes are inserted, known codes updated (empty cells and
// columns absent from the file keep the stored values), so importing the same
// file twice changes nothing. One audit row records the import with its counts.
// Person rows with a code already stored are merged in SQL (COALESCE), not
// read back: a federal file of a million rows never loads the registry.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"
#include "io/table.hpp"

namespace metodist::app {

struct ImportIssue {
  std::size_t row = 0;  // as the user sees it in the file
  std::string column;   // the header as written in the file, or the column's title
  std::string message;
};

struct ImportReport {
  std::string kind;  // "organisations" | "persons"
  std::string format, encoding;
  char delimiter = 0;
  bool dry_run = true;
  bool applied = false;  // written to the database
  std::size_t rows = 0;  // data rows read
  // updated: known records the file changes; after the write only those it
  // did change — the others, given exactly as stored, are `unchanged` (not
  // written). A dry run does not compare, so it counts every known one as updated.
  std::size_t created = 0, updated = 0, unchanged = 0;
  std::size_t workplaces = 0;  // persons: positions written or to be written
  // persons: rows whose СНИЛС named a person known under another code, taken
  // as a new workplace of that person (ImportOptions::attach_by_snils)
  std::size_t attached = 0;
  std::vector<std::string> ignored_columns;
  std::vector<ImportIssue> issues;  // the first kMaxIssues
  std::size_t issue_count = 0;
};
constexpr std::size_t kMaxIssues = 1000;

struct ImportOptions {
  bool dry_run = true;
  // Persons: a row whose СНИЛС belongs to a person known under another code
  // (the same teacher sent by a second school, with that school's own number)
  // becomes a new workplace of that person; the row's personal fields are
  // not applied (the person's own card keeps them). Without it such a row is
  // reported, so no second person appears unnoticed and no record is joined
  // to another without the user asking.
  bool attach_by_snils = false;
};

// phase: "checking" | "writing"; called every few thousand rows.
using ImportProgress = std::function<void(std::string_view phase, std::size_t done, std::size_t total)>;

// Throws domain::Error (not_found) for an unknown kind.
ImportReport import_table(App& app, const Caller& caller, std::string_view kind, const io::Table& table,
                          const ImportOptions& options, const ImportProgress& progress = {},
                          const std::string& request_id = {});

// The caller for command-line work: the whole federation, no account.
Caller system_caller();

}  // namespace metodist::app
