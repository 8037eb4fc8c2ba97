// Use cases of the registries: list, open and create territories and
// organisations, and the start-page summary.
//
// Every call takes the caller and applies its scope here, in the query itself:
// lists hold only rows in scope, an object out of scope is «not found», a
// change outside the write scope is refused. Handlers only translate HTTP.
#pragma once

#include "app/app.hpp"
#include "app/auth.hpp"
#include "domain/text.hpp"
#include "storage/registry_repository.hpp"

namespace metodist::app {

std::vector<domain::Territory> list_territories(App& app, const Caller& caller,
                                                const storage::registry::TerritoryFilter& f);
domain::Territory get_territory(App& app, const Caller& caller, std::int64_t id);

// A list filter with its search text folded the way search_key columns are
// (lists and their exports share it).
template <class Filter>
Filter with_folded_query(Filter f) {
  f.query = domain::fold_for_search(f.query);
  return f;
}

storage::registry::OrganisationPage list_organisations(App& app, const Caller& caller,
                                                       const storage::registry::OrganisationFilter& f);
// The staff list (one row per current workplace) within the caller's scope;
// personal fields only where the caller may see them.
storage::registry::StaffPage list_staff(App& app, const Caller& caller, const storage::registry::StaffFilter& f);
// 403 for a filter the caller may not use (the «неполные данные» list is for
// those who keep the staff); the list and its export call it.
void check_staff_filter(const Caller& caller, const storage::registry::StaffFilter& f);
domain::Organisation get_organisation(App& app, const Caller& caller, std::int64_t id);
// Validates and stores a new organisation, with its audit record, in one
// transaction; returns it with its id.
domain::Organisation create_organisation(App& app, const Caller& caller, domain::Organisation draft,
                                         const std::string& request_id = {});
// Replaces an organisation's fields (404 outside the reading scope, 403 outside
// the writing scope, also for the new territory), audited with before/after.
domain::Organisation update_organisation(App& app, const Caller& caller, std::int64_t id, domain::Organisation draft,
                                         const std::string& request_id = {});

// A person's card: shown when one of their workplaces is in the caller's
// scope (404 otherwise); personal data only to those allowed to see it.
struct PersonCard {
  domain::Person person;
  std::vector<storage::registry::PositionView> positions;
  bool personal_data = false;  // false: birth date and the like are withheld
  // A record merged into another (app/person_merge.hpp): its old links stay
  // valid and say where the person is now.
  std::optional<std::int64_t> merged_into;
  std::string merged_into_name;
  std::int64_t merge_id = 0;  // the merge that did it (its undo)
};
PersonCard get_person(App& app, const Caller& caller, std::int64_t id);
// A new person with their first workplace (which must be in the caller's
// staff-writing scope); returns the new id. Audited.
std::int64_t create_person(App& app, const Caller& caller, domain::Person person, domain::Position workplace,
                           const std::string& request_id = {});
// Replaces a person's own fields (not workplaces): 404 outside the reading
// scope, 403 unless one of their workplaces is in the staff-writing scope.
// Personal fields change only for callers who may see them.
void update_person(App& app, const Caller& caller, std::int64_t id, domain::Person person,
                   const std::string& request_id = {});

// Adds a workplace to a person the caller can see, in an organisation within
// the caller's staff-writing scope (hiring someone who works elsewhere too).
// Returns the new position's id; 409 when the person already holds this post there.
std::int64_t add_workplace(App& app, const Caller& caller, std::int64_t person_id, domain::Position workplace,
                           const std::string& request_id = {});
// Changes the subject area, subjects and dates of a workplace in the caller's
// staff-writing scope; a leaving date ends it (the person stays in the registry).
void update_workplace(App& app, const Caller& caller, std::int64_t person_id, std::int64_t position_id,
                      domain::Position changes, const std::string& request_id = {});

// Aggregates over the caller's scope, or over `territory` if the scope covers it.
storage::registry::Summary summary(App& app, const Caller& caller, std::optional<std::int64_t> territory);

}  // namespace metodist::app
