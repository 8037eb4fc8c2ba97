// SQL for the registries (territories, organisations, persons, positions).
//
// Functions take an open Connection so the caller decides the transaction;
// they neither validate input (the app layer does) nor check access.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/access.hpp"
#include "domain/registry.hpp"
#include "storage/database.hpp"
#include "storage/keyset.hpp"
#include "storage/territories_repository.hpp"

namespace metodist::storage::registry {

struct OrganisationFilter {
  std::string query;                      // folded search text, matched anywhere in name/code/INN
  std::optional<std::int64_t> territory;  // this territory and everything below it
  std::string kind;
  std::optional<bool> shnor;
  std::string sort = "name";  // name | code | kind | territory; prefix «-» for descending
  keyset::PageRequest page;   // by offset or by key (see keyset.hpp)
};
struct OrganisationPage {
  std::vector<domain::Organisation> items;
  std::int64_t total = 0;
  keyset::PageLinks links;
};
// Sort keys accepted by list_organisations (anything else is rejected upstream).
bool is_organisation_sort_key(const std::string& key);
OrganisationPage list_organisations(Connection& c, const OrganisationFilter& f, const domain::Scope& scope);
// Every row of the filtered list (no paging), with its territory's code: for export.
void each_organisation(
    Connection& c, const OrganisationFilter& f, const domain::Scope& scope,
    const std::function<void(const domain::Organisation&, const std::string& territory_code)>& on_row);
// Unscoped: for validation inside a use case that already checked access.
std::optional<domain::Organisation> find_organisation(Connection& c, std::int64_t id);
bool organisation_visible(Connection& c, std::int64_t id, const domain::Scope& scope);
// The organisation when it is in the scope, in one read (a card opened by id).
std::optional<domain::Organisation> find_visible_organisation(Connection& c, std::int64_t id,
                                                              const domain::Scope& scope);
std::int64_t insert_organisation(Connection& c, const domain::Organisation& o);
// Overwrites every field of organisation o.id.
void update_organisation(Connection& c, const domain::Organisation& o);

std::int64_t insert_person(Connection& c, const domain::Person& p);
// Overwrites every field of person p.id.
void update_person(Connection& c, const domain::Person& p);
std::optional<domain::Person> find_person(Connection& c, std::int64_t id);
// A person is within a scope when it is their own person or one of their
// current workplaces is.
bool person_in_scope(Connection& c, std::int64_t id, const domain::Scope& scope);
// The same, or a former workplace of theirs (a leaver) is within the scope:
// history files record facts of people who have left since.
bool person_worked_in_scope(Connection& c, std::int64_t id, const domain::Scope& scope);
struct PositionView {
  domain::Position position;
  std::string organisation_name;
};
std::vector<PositionView> positions_of(Connection& c, std::int64_t person_id);
std::int64_t insert_position(Connection& c, const domain::Position& p);
std::optional<domain::Position> find_position(Connection& c, std::int64_t id);
// Overwrites the subject area, subjects and dates of position p.id (who and
// where are fixed: another organisation or post is another workplace).
void update_position(Connection& c, const domain::Position& p);

// The staff list: one row per current workplace (a person working in two
// schools appears twice), within the reading scope. Personal fields are
// filled only where the `personal` scope covers the workplace.
struct StaffFilter {
  std::string query;  // folded, matched in name and code
  std::optional<std::int64_t> organisation;
  std::optional<std::int64_t> territory;
  std::string position, category, subject_area;
  // Only persons lacking a field the indicators need (domain::quality_fields()
  // code, or "any"); "" — everyone.
  std::string incomplete;
  std::string sort = "name";  // name | code | organisation | category; «-» for descending
  keyset::PageRequest page;   // by offset or by key (see keyset.hpp)
  // How SQLite finds a page sorted by name (see list_staff); unset: chosen by
  // the scope's share of the registry. Tests set it to read both ways.
  std::optional<bool> walk_names;
};
struct StaffRow {
  domain::Person person;
  domain::Position position;
  std::string organisation_code, organisation_name;
  bool personal_data = false;
};
struct StaffPage {
  std::vector<StaffRow> items;
  std::int64_t total = 0;
  keyset::PageLinks links;
};
bool is_staff_sort_key(const std::string& key);
// `known_total`: the count of rows for this filter and scope, when the caller
// kept it (it is not counted again).
StaffPage list_staff(Connection& c, const StaffFilter& f, const domain::Scope& scope, const domain::Scope& personal,
                     std::optional<std::int64_t> known_total = {});
void each_staff(Connection& c, const StaffFilter& f, const domain::Scope& scope, const domain::Scope& personal,
                const std::function<void(const StaffRow&)>& on_row);

// Aggregates for the start page: no personal data, counts only.
struct Summary {
  std::int64_t municipalities = 0;
  std::int64_t organisations = 0;
  std::int64_t educational_organisations = 0;
  std::int64_t shnor = 0;
  std::int64_t pedagogical_workers = 0;
  std::vector<std::pair<std::string, std::int64_t>> workers_by_category;
  std::vector<std::pair<std::string, std::int64_t>> organisations_by_kind;
};
// Counts within `territory` (if given) and within the scope.
Summary summary(Connection& c, std::optional<std::int64_t> territory, const std::string& on_date,
                const domain::Scope& scope);
// Its two halves: territories and organisations (a few milliseconds), and the
// pedagogical workers by category on the date (the dear one: every workplace
// of the scope) — kept apart under the staff version (app/registry.cpp).
void count_organisations(Connection& c, std::optional<std::int64_t> territory, const domain::Scope& scope, Summary& s);
void count_workers(Connection& c, std::optional<std::int64_t> territory, const std::string& on_date,
                   const domain::Scope& scope, Summary& s);

}  // namespace metodist::storage::registry
