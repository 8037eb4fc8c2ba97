// SQL for roadmaps, their items and the reports on items. The
// caller owns the transaction and the access checks.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/access.hpp"
#include "domain/roadmap.hpp"
#include "storage/database.hpp"

namespace metodist::storage::roadmaps {

struct Roadmap {
  std::int64_t id = 0;
  std::string title, owner_level;
  std::int64_t territory_id = 0;
  std::string period_from, period_to, approved_by;
  std::string remarks;  // rows of the source that are not items, one per line
  std::optional<std::int64_t> created_by;
  std::string created_at;
  // Read only:
  std::string territory_name;
  std::int64_t items = 0, done = 0, overdue_candidates = 0;
};
std::int64_t insert_roadmap(Connection& c, const Roadmap& r);
void update_roadmap(Connection& c, const Roadmap& r);
std::optional<Roadmap> find_roadmap(Connection& c, std::int64_t id);
// Roadmaps of territories the scope sees (its own, above and below).
std::vector<Roadmap> list_roadmaps(Connection& c, const domain::Scope& scope);

struct Item {
  std::int64_t id = 0, roadmap_id = 0;
  int position = 0;
  std::string section, number;
  bool heading = false;
  std::string name, participants, executors, term, term_kind, term_from, term_to, term_parts, expected_result,
      indicator_codes;
  domain::ItemStatus status = domain::ItemStatus::planned;
  std::string updated_at;
  std::string extra_columns;  // JSON [["header","value"],…]: source columns no field holds
  std::string due_on;         // when next due (ISO); "" when nothing is due
  std::int64_t reports = 0;   // read only
};
std::int64_t insert_item(Connection& c, const Item& i);
void update_item(Connection& c, const Item& i);
std::optional<Item> find_item(Connection& c, std::int64_t id);
std::vector<Item> items_of(Connection& c, std::int64_t roadmap_id);  // in position order
int next_position(Connection& c, std::int64_t roadmap_id);
// Removes every item of the roadmap (an import replacing them; the caller has
// checked that none has reports).
void delete_items(Connection& c, std::int64_t roadmap_id);
void set_item_status(Connection& c, std::int64_t id, domain::ItemStatus status, const std::string& at);
void set_item_due(Connection& c, std::int64_t id, const std::string& due_on);
// The days (ISO, UTC) reports were made on each item of a roadmap, ascending.
std::map<std::int64_t, std::vector<std::string>> report_days(Connection& c, std::int64_t roadmap_id);

struct Report {
  std::int64_t id = 0, item_id = 0;
  domain::ItemStatus status = domain::ItemStatus::planned;
  std::string body, evidence_url;
  std::optional<std::int64_t> author_account_id;
  std::string author_name, created_at;
};
std::int64_t insert_report(Connection& c, const Report& r);
std::vector<Report> reports_of(Connection& c, std::int64_t item_id);  // newest first

// The names and short names of the organisations in a territory and below:
// the bodies a list of executors may name.
std::vector<std::string> organisation_names_within(Connection& c, std::int64_t territory_id);

// Unfinished items whose due date passed before `today` (ISO), with their
// roadmap's territory: the reminder pass tells the roadmap's keepers.
struct LateItem {
  std::int64_t item_id = 0, roadmap_id = 0, territory_id = 0;
  std::string number, name, roadmap_title, term_to;
};
std::vector<LateItem> late_items(Connection& c, const std::string& today);

}  // namespace metodist::storage::roadmaps
