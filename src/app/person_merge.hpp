// Probable duplicate persons and their merge: the list within the caller's
// staff scope, the merge of two records into one (every reference moved, in
// one transaction, audited with both records) and its undo.
//
// Only those who write the staff of both records (school administration for
// its school, a municipality or region for theirs) find and merge duplicates;
// a merge is refused, saying why, when the two records hold facts that cannot
// both stay on one person (two birth dates, two accounts, one mentoring the
// other). The merged record is not deleted: it points to the kept one.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"

namespace metodist::app {

struct DuplicatePerson {
  std::int64_t id = 0;
  std::string code, name;
  std::string organisations;   // current workplaces, «; »-separated
  bool personal_data = false;  // false: birth date and СНИЛС withheld
  std::string birth_date, snils;
  bool has_account = false;
};
struct DuplicateReason {
  std::string code;  // "same_name_birth_date" | "same_name_organisation"
  std::string text;  // «Совпадают ФИО и дата рождения»
};
struct Duplicate {
  DuplicatePerson first, second;  // first: the one suggested to keep
  std::vector<DuplicateReason> reasons;
};
struct DuplicatesPage {
  std::size_t total = 0;
  std::vector<Duplicate> items;  // by the first person's name
};
DuplicatesPage find_duplicates(App& app, const Caller& caller, std::size_t offset, std::size_t limit);

struct MergeResult {
  std::int64_t merge_id = 0;
  std::int64_t kept_id = 0, merged_id = 0;
  std::size_t moved_rows = 0;  // references moved (or moved back by an undo)
};
// Merges `merged_id` into `kept_id`. 400 for the same id, 404 for a record not
// seen, 403 outside the staff scope, 409 with every reason when the two cannot
// be one person or one is merged already.
MergeResult merge_persons(App& app, const Caller& caller, std::int64_t kept_id, std::int64_t merged_id,
                          const std::string& request_id = {});
// Undoes a merge as a record of its own: the rows it moved go back, the
// merged record points nowhere again. 409 when undone already or when the kept
// record has been merged on since (undo that first).
MergeResult undo_merge(App& app, const Caller& caller, std::int64_t merge_id, const std::string& request_id = {});

}  // namespace metodist::app
