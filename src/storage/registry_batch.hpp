// Batched lookups and upserts for bulk import of the registries.
//
// Rows go to the database in statements of up to kBatchRows rows each
// (multi-row VALUES with ON CONFLICT on the stable code), which both SQLite
// and PostgreSQL run; one round trip per batch is what makes a federal file
// of a million rows import in seconds rather than minutes. Functions take an
// open Connection: the caller owns the transaction and the access checks.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "domain/access.hpp"
#include "domain/date.hpp"
#include "domain/registry.hpp"
#include "storage/database.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::storage::registry {

// Codes may repeat (they are collected into one set here).
// Existing organisations among `codes`, whole, so an import can merge a file
// that carries only some columns over what is stored (organisations are few).
std::unordered_map<std::string, domain::Organisation> organisations_by_code(Connection& c,
                                                                            std::span<const std::string_view> codes);
// Existing persons among `codes`: code → id. Persons are many (a million in a
// federal file), so their stored fields are not read: the upsert below keeps
// them in SQL instead.
// The keys are the given views (they must outlive the map).
std::unordered_map<std::string_view, std::int64_t> person_ids_by_code(Connection& c,
                                                                      std::span<const std::string_view> codes);
// A person the registry already knows by a СНИЛС: whom an import row names
// when its code is another (a second school's own number for the teacher).
struct SnilsHolder {
  std::int64_t id = 0;
  std::string code;
  std::string name;  // «Фамилия Имя Отчество», for the row's message
};
// Stored persons among `numbers` (parse_snils form): number → holder.
std::unordered_map<std::string, SnilsHolder> persons_by_snils(Connection& c, std::span<const std::string_view> numbers);
// Records among `codes` merged into another (app/person_merge.hpp): code →
// the kept person. Merged records are few, so all of them are read once.
std::unordered_map<std::string_view, SnilsHolder> merged_by_code(Connection& c,
                                                                 std::span<const std::string_view> codes);
// Of the given persons, those with a current workplace outside `scope` (an
// import within the scope must not rewrite someone another region employs).
std::unordered_set<std::int64_t> persons_working_outside(Connection& c, const std::vector<std::int64_t>& ids,
                                                         const domain::Scope& scope);
// Every territory the scope covers entirely (its subtrees).
std::unordered_set<std::int64_t> covered_territories(Connection& c, const domain::Scope& scope);

// Insert new rows and overwrite existing ones, matched by code. Every column
// is written — unless the row is stored exactly so, then nothing is. Returns
// the number of rows inserted or changed.
std::int64_t upsert_organisations(Connection& c, std::span<const domain::Organisation> rows);

// A person as an import file gives them: empty text and unset values mean
// «keep what is stored» (for a new person: the defaults). Text fields are
// views (into the file being imported, or the vocabularies) that must outlive
// the call: a million-row import builds these without copying a cell.
struct PersonPatch {
  std::string_view code, last_name, first_name, middle_name, gender, category;
  std::string_view snils;  // parse_snils form
  std::optional<domain::Date> birth_date, ped_experience_since;
  std::optional<bool> higher_ped_education, ped_university_graduate;

  // Takes what `later` gives (a later row of the same person in the file).
  void merge(const PersonPatch& later);
};
// New persons: inserted, unset fields taking defaults; returns their ids in
// the order of `rows`.
std::vector<std::int64_t> insert_persons(Connection& c, std::span<const PersonPatch> rows);
// Known persons (their codes exist, each code once per call): updated field by
// field, unset fields kept; a person the patch gives as stored is not written.
// Returns the ids of the persons written.
std::vector<std::int64_t> update_persons(Connection& c, std::span<const PersonPatch> rows);

// A workplace as an import file gives it; empty fields keep the stored values.
struct PositionPatch {
  std::int64_t person_id = 0;
  std::int64_t organisation_id = 0;
  std::string_view position;  // positions() code
  std::string_view subject_area, subjects;
  std::optional<domain::Date> hired_on, left_on;
};
// Inserts or updates positions by (person, organisation, position); one given
// as stored is not written. With `report_written`, returns the person ids of
// the positions written (a load of new persons only needs none of them).
std::vector<std::int64_t> upsert_positions(Connection& c, std::span<const PositionPatch> rows,
                                           bool report_written = true);
// Workplaces of persons this import has just created: none of them can be
// stored yet and the file's repeats are merged before writing, so on
// PostgreSQL they go straight into the table by COPY.
void insert_new_positions(Connection& c, std::span<const PositionPatch> rows);

}  // namespace metodist::storage::registry
