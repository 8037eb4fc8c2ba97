// Batched lookups and upserts for bulk import of the registries.
//
// Rows go to the database in statements of up to kBatchRows rows each
// (multi-row VALUES with ON CONFLICT on the stable code), which both SQLite
// and PostgreSQL run; one round trip per batch is what makes a federal file
// of a million rows import in seconds rather than minutes. Functions take an
// open Connection: the caller owns the transaction and the access checks.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "domain/access.hpp"
#include "domain/registry.hpp"
#include "storage/database.hpp"

namespace metodist::storage::registry {

constexpr std::size_t kBatchRows = 500;

// Existing rows among `codes`, whole, so an import can merge a file that
// carries only some columns over what is stored.
std::unordered_map<std::string, domain::Organisation> organisations_by_code(Connection& c,
                                                                            const std::vector<std::string>& codes);
std::unordered_map<std::string, domain::Person> persons_by_code(Connection& c, const std::vector<std::string>& codes);
std::vector<domain::Position> positions_of_persons(Connection& c, const std::vector<std::int64_t>& person_ids);
// Of the given persons, those with a current workplace outside `scope` (an
// import within the scope must not rewrite someone another region employs).
std::unordered_set<std::int64_t> persons_working_outside(Connection& c, const std::vector<std::int64_t>& ids,
                                                         const domain::Scope& scope);
// Every territory the scope covers entirely (its subtrees).
std::unordered_set<std::int64_t> covered_territories(Connection& c, const domain::Scope& scope);

// Insert new rows and overwrite existing ones, matched by code (positions:
// by person, organisation and position). Every column is written.
void upsert_organisations(Connection& c, std::span<const domain::Organisation> rows);
// Returns code → id for every row.
std::unordered_map<std::string, std::int64_t> upsert_persons(Connection& c, std::span<const domain::Person> rows);
void upsert_positions(Connection& c, std::span<const domain::Position> rows);

}  // namespace metodist::storage::registry
