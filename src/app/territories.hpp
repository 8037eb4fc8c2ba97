// Use cases of the territory registry: a region builds its own list of
// municipalities from nothing, renames them, and records their mergers.
//
// Who may change a territory: whoever's registry-writing scope covers the
// territory above it — the federal operator creates regions, a region's
// ministry or institute its municipalities; nobody edits their own level.
// Every change is one transaction with its audit record and an entry in the
// territory's history, dated as it took effect (a law's date), apart from the
// moment it was recorded.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"
#include "storage/territories_repository.hpp"

namespace metodist::app {

// Whether the caller keeps a territory list at all: a role that writes the
// registry at the level of a region or above (for the interface; every write
// is checked against the territory above anyway).
bool keeps_territories(const Caller& caller);

// A new territory under `draft.parent_id`; its code is generated when empty
// (domain::next_territory_code). `created_on`: when it was established
// (empty: today). Returns it with its id.
domain::Territory create_territory(App& app, const Caller& caller, domain::Territory draft,
                                   const std::string& created_on = {}, const std::string& request_id = {});

// Renames a territory or changes its codes and kind (not its level or parent);
// `changed_on` is when the renaming took effect (empty: today).
domain::Territory update_territory(App& app, const Caller& caller, std::int64_t id, domain::Territory draft,
                                   const std::string& changed_on = {}, const std::string& request_id = {});

struct MergeResult {
  domain::Territory merged, into;
  storage::registry::MergeCounts moved;
};
// The municipality `id` joins `into_id` on `merged_on` (a municipal law's
// date): its organisations and the roles granted on it move to the other one,
// it stays in the registry as abolished (its past events and reports keep
// pointing to it; its codes still find it in import files).
MergeResult merge_territory(App& app, const Caller& caller, std::int64_t id, std::int64_t into_id,
                            const std::string& merged_on, const std::string& request_id = {});

// The history of a territory the caller can see, oldest first.
std::vector<storage::registry::TerritoryChange> territory_history(App& app, const Caller& caller, std::int64_t id);

// The same steps inside a transaction the caller holds (the territory import
// applies them row by row). `write` is the caller's registry-writing scope;
// `on` an ISO date already checked. Throw domain::Error naming the field.
domain::Territory add_territory(storage::Connection& c, const Caller& caller, const domain::Scope& write,
                                domain::Territory draft, const std::string& on);
domain::Territory change_territory(storage::Connection& c, const Caller& caller, const domain::Scope& write,
                                   const domain::Territory& before, domain::Territory draft, const std::string& on);
// A territory's fields as the API and the import take them: trimmed, ОКТМО as digits.
void normalise(domain::Territory& t);
// The date a change took effect: as written (ДД.ММ.ГГГГ or ISO), not in the future; today when empty.
std::string effective_date(const std::string& given, const char* field);

// Time zones: a territory's own, else the first one set above it, else its
// region's default (domain::default_time_zone); «Europe/Moscow» when none is
// known. A change with «inherit» drops a territory's own zone.
inline constexpr const char* kInheritTimeZone = "inherit";
std::string time_zone_of(storage::Connection& c, std::int64_t territory_id);
// The zone a signed-in person reads times in: of the territory of their first
// role, of its organisation, or (a teacher) of where they work.
std::string caller_time_zone(App& app, const Caller& caller);

}  // namespace metodist::app
