// Two records of one person made one: where the registry refers to a person,
// what cannot move from one record to the other (the same fact twice), the
// move itself and its undo, and the candidates the duplicates finder reads.
//
// Every column that refers to persons(id) is named in person_references() or
// person_references_kept(); a test reads the schema's foreign keys and fails
// when a new one is in neither, so a new table cannot be forgotten by a merge.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/access.hpp"
#include "storage/database.hpp"

namespace metodist::storage::person_merge {

// A column that refers to a person, and what a merge does there.
struct PersonReference {
  const char* table;
  const char* column;
  const char* row_key;  // what names a row for the undo: "id", or the rest of the key
  // Rows that cannot both stay on one person: a condition on `t` (the merged
  // person's row) and `u` (the kept one's); nullptr when any two can.
  const char* same = nullptr;
  const char* clash = nullptr;       // the clash in words: «Оба записаны на мероприятие»
  const char* clash_what = nullptr;  // SQL over t and u naming the thing: the event's title
  // The same fact twice (a workplace, an authorship): the kept record's row
  // stays and the merged one's is folded into it, instead of refusing.
  bool fold = false;
  // The row's other person column: after a merge one person would stand on
  // both sides (their own mentor) — refused.
  const char* other = nullptr;
  const char* self_clash = nullptr;
};
std::span<const PersonReference> person_references();

// Columns that refer to persons but belong to the merge itself (the pointer
// to the kept record, the merge log): never moved.
struct KeptReference {
  const char* table;
  const char* column;
};
std::span<const KeptReference> person_references_kept();

// The clashes that forbid merging `merged` into `kept`, in words, one per
// thing («Оба записаны на мероприятие «Методический день»»). Empty: mergeable.
std::vector<std::string> clashes(Connection& c, std::int64_t kept, std::int64_t merged);

// Moves every reference of `merged` onto `kept` (clashes checked before) and
// returns what the undo needs: the rows moved per reference, rows folded in.
nlohmann::json move_references(Connection& c, std::int64_t kept, std::int64_t merged);
// Puts back what move_references wrote down.
void restore_references(Connection& c, std::int64_t kept, std::int64_t merged, const nlohmann::json& moved);

// Holds the two persons' rows until the transaction ends, first of all else
// a merge or its undo does: two merges of one record at once (two app
// servers on PostgreSQL) then run one after the other, and the second sees
// what the first wrote — without it both read «not merged» and the later
// one wrote over the earlier, its references left split between two records.
void hold_persons(Connection& c, std::int64_t a, std::int64_t b);
void set_merged_into(Connection& c, std::int64_t person, std::optional<std::int64_t> kept);
std::optional<std::int64_t> merged_into(Connection& c, std::int64_t person);

struct MergeRecord {
  std::int64_t id = 0;
  std::int64_t kept = 0, merged = 0;
  std::string action;  // "merge" | "undo"
  std::optional<std::int64_t> undoes;
  nlohmann::json moved;
  std::optional<std::int64_t> account_id;
  std::string created_at;
};
std::int64_t insert_record(Connection& c, const MergeRecord& r);
std::optional<MergeRecord> find_record(Connection& c, std::int64_t id);
// Whether a later undo exists for the merge.
bool undone(Connection& c, std::int64_t merge_id);
// The merges of a person, as kept or merged, newest first.
std::vector<MergeRecord> records_of(Connection& c, std::int64_t person);

// Records merged into `from` before now point to `to` (no chains of
// pointers); returns them, for the undo.
std::vector<std::int64_t> repoint_merged(Connection& c, std::int64_t from, std::int64_t to);
void point_back(Connection& c, std::span<const std::int64_t> persons, std::int64_t to);

// What the duplicates page shows of each person.
struct Brief {
  std::int64_t id = 0;
  std::string code, last_name, first_name, middle_name, birth_date, snils;
  bool has_account = false;
  std::vector<std::pair<std::int64_t, std::string>> organisations;  // current workplaces: id, name
};
std::unordered_map<std::int64_t, Brief> briefs(Connection& c, std::span<const std::int64_t> ids);

// The persons the duplicates finder compares: not merged, in the scope (a
// current workplace there; everyone for the federation).
struct Candidate {
  std::int64_t id = 0;
  std::string last_name, first_name, middle_name, birth_date, snils;
};
void each_candidate(Connection& c, const domain::Scope& scope, const std::function<void(Candidate&&)>& fn);
// Current workplaces of the persons in scope: (person, organisation).
void each_current_workplace(Connection& c, const domain::Scope& scope,
                            const std::function<void(std::int64_t person, std::int64_t organisation)>& fn);

}  // namespace metodist::storage::person_merge
