// SQL for the territory registry: lists and lookups under a scope, writes,
// the history of renamings and mergers, and the merger itself.
//
// Functions take an open Connection so the caller decides the transaction;
// they neither validate input (domain/territories.hpp does) nor check access.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/access.hpp"
#include "domain/registry.hpp"
#include "storage/database.hpp"

namespace metodist::storage::registry {

struct TerritoryFilter {
  std::optional<std::int64_t> parent_id;
  std::string level;
  std::string query;  // folded (domain::fold_for_search); matched within the name, code and ОКТМО
  bool include_abolished = true;
};
// Scoped reads: only rows the scope allows (see registry_sql.hpp).
std::vector<domain::Territory> list_territories(Connection& c, const TerritoryFilter& f, const domain::Scope& scope);
// Unscoped: for validation inside a use case that already checked access.
std::optional<domain::Territory> find_territory(Connection& c, std::int64_t id);
// By the system code or by ОКТМО (digits only), whichever `text` is.
std::optional<domain::Territory> find_territory_by_code(Connection& c, const std::string& text);
bool territory_code_taken(Connection& c, const std::string& code);
// The region the territory lies in (itself when it is one); nullopt above regions.
std::optional<std::int64_t> region_of(Connection& c, std::int64_t territory_id);
// A territory the scope can see: its subtree, plus the territories above it
// (their names are shown, their data is not).
bool territory_visible(Connection& c, std::int64_t id, const domain::Scope& scope);
// A territory the scope covers entirely: inside one of its subtrees.
bool territory_covered(Connection& c, std::int64_t id, const domain::Scope& scope);
std::int64_t insert_territory(Connection& c, const domain::Territory& t);
// Name, codes and kind (not the level or the parent).
void update_territory(Connection& c, const domain::Territory& t);

// One entry of a territory's history.
struct TerritoryChange {
  std::int64_t id = 0;
  std::int64_t territory_id = 0;
  std::string change;       // domain::territory_change_kinds() code
  std::string happened_on;  // ISO date it took effect
  std::string old_name, new_name, old_code, new_code, old_oktmo, new_oktmo;
  std::optional<std::int64_t> into_territory_id;
  std::string into_name;  // read back only
  std::optional<std::int64_t> organisations_moved;
  std::string recorded_at;
  std::optional<std::int64_t> recorded_by;
};
void append_territory_change(Connection& c, const TerritoryChange& change);
// Oldest first; a municipality that others joined shows their mergers too.
std::vector<TerritoryChange> territory_history(Connection& c, std::int64_t territory_id);

// What a merger moved.
struct MergeCounts {
  std::int64_t organisations = 0;
  std::int64_t role_assignments = 0;
};
// Moves the merged municipality's organisations and the roles granted on it to
// `into`, and marks it abolished on `on_date`, joined to `into`. Past facts
// (events of its calendar, campaigns, reports) stay where they were recorded.
MergeCounts merge_territory(Connection& c, std::int64_t merged, std::int64_t into, const std::string& on_date);

}  // namespace metodist::storage::registry
