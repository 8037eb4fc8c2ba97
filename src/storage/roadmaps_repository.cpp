#include "storage/roadmaps_repository.hpp"

#include "storage/registry_sql.hpp"

namespace metodist::storage::roadmaps {
namespace {

using S = domain::ItemStatus;
using registry::literal;
// Not finished (domain::item_finished): planned or in progress.
const std::string kOpenStatus = "i.status IN (" + literal(S::planned) + ", " + literal(S::in_progress) + ")";

const std::string kRoadmapSelect =
    "SELECT r.id, r.title, r.owner_level, r.territory_id, r.period_from, r.period_to, COALESCE(r.approved_by, '') AS approved_by,"
    " r.created_by, r.created_at, t.name,"
    " (SELECT COUNT(*) FROM roadmap_items i WHERE i.roadmap_id = r.id AND i.heading = 0) AS items,"
    " (SELECT COUNT(*) FROM roadmap_items i WHERE i.roadmap_id = r.id AND i.heading = 0 AND i.status = " +
    literal(S::done) +
    ") AS done,"
    " (SELECT COUNT(*) FROM roadmap_items i WHERE i.roadmap_id = r.id AND i.heading = 0 AND " +
    std::string(kOpenStatus) +
    " AND i.due_on < $1) AS overdue_candidates, COALESCE(r.remarks, '') AS remarks"
    " FROM roadmaps r JOIN territories t ON t.id = r.territory_id";

Roadmap roadmap_from(const Row& r) {
  Roadmap m;
  m.id = r.int64("id");
  m.title = r.text("title");
  m.owner_level = r.text("owner_level");
  m.territory_id = r.int64("territory_id");
  m.period_from = r.text("period_from");
  m.period_to = r.text("period_to");
  m.approved_by = r.text("approved_by");
  m.created_by = r.opt_int64("created_by");
  m.created_at = r.text("created_at");
  m.territory_name = r.text("name");
  m.items = r.int64("items");
  m.done = r.int64("done");
  m.overdue_candidates = r.int64("overdue_candidates");
  m.remarks = r.text("remarks");
  return m;
}

const char* const kItemSelect =
    "SELECT i.id, i.roadmap_id, i.position, COALESCE(i.section, '') AS section, COALESCE(i.number, '') AS number, i.heading, i.name,"
    " COALESCE(i.participants, '') AS participants, COALESCE(i.executors, '') AS executors, COALESCE(i.term, '') AS term, i.term_kind,"
    " COALESCE(i.term_from, '') AS term_from, COALESCE(i.term_to, '') AS term_to, COALESCE(i.term_parts, '') AS term_parts, COALESCE(i.expected_result, '') AS expected_result,"
    " COALESCE(i.indicator_codes, '') AS indicator_codes, i.status, i.updated_at,"
    " COALESCE(i.extra_columns, '') AS extra_columns, COALESCE(i.due_on, '') AS due_on,"
    " (SELECT COUNT(*) FROM roadmap_reports p WHERE p.item_id = i.id) AS reports"
    " FROM roadmap_items i";

Item item_from(const Row& r) {
  Item i;
  i.id = r.int64("id");
  i.roadmap_id = r.int64("roadmap_id");
  i.position = static_cast<int>(r.int64("position"));
  i.section = r.text("section");
  i.number = r.text("number");
  i.heading = r.flag("heading");
  i.name = r.text("name");
  i.participants = r.text("participants");
  i.executors = r.text("executors");
  i.term = r.text("term");
  i.term_kind = r.text("term_kind");
  i.term_from = r.text("term_from");
  i.term_to = r.text("term_to");
  i.term_parts = r.text("term_parts");
  i.expected_result = r.text("expected_result");
  i.indicator_codes = r.text("indicator_codes");
  i.status = domain::stored_value<S>(domain::roadmap_item_statuses(), r.view("status"));
  i.updated_at = r.text("updated_at");
  i.extra_columns = r.text("extra_columns");
  i.due_on = r.text("due_on");
  i.reports = r.int64("reports");
  return i;
}

Params item_params(const Item& i) {
  return {i.roadmap_id,
          i.position,
          text_or_null(i.section),
          text_or_null(i.number),
          flag(i.heading),
          i.name,
          text_or_null(i.participants),
          text_or_null(i.executors),
          text_or_null(i.term),
          i.term_kind,
          text_or_null(i.term_from),
          text_or_null(i.term_to),
          text_or_null(i.term_parts),
          text_or_null(i.expected_result),
          text_or_null(i.indicator_codes),
          std::string(domain::code_of(i.status)),
          i.updated_at,
          text_or_null(i.extra_columns),
          text_or_null(i.due_on)};
}

}  // namespace

std::int64_t insert_roadmap(Connection& c, const Roadmap& r) {
  return c.scalar(
      "INSERT INTO roadmaps (title, owner_level, territory_id, period_from, period_to, approved_by, created_by,"
      " created_at, remarks) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
      {r.title, r.owner_level, r.territory_id, r.period_from, r.period_to, text_or_null(r.approved_by),
       id_or_null(r.created_by), r.created_at, text_or_null(r.remarks)});
}

void update_roadmap(Connection& c, const Roadmap& r) {
  c.execute(
      "UPDATE roadmaps SET title = $2, period_from = $3, period_to = $4, approved_by = $5, remarks = $6 WHERE id = $1",
      {r.id, r.title, r.period_from, r.period_to, text_or_null(r.approved_by), text_or_null(r.remarks)});
}

std::optional<Roadmap> find_roadmap(Connection& c, std::int64_t id) {
  auto row = c.query_one(kRoadmapSelect + " WHERE r.id = $2", {domain::Date::today().iso(), id});
  if (!row) return std::nullopt;
  return roadmap_from(*row);
}

std::vector<Roadmap> list_roadmaps(Connection& c, const domain::Scope& scope) {
  Params params{domain::Date::today().iso()};
  const auto where = registry::territory_scope(scope, params, "t");
  std::vector<Roadmap> out;
  c.run(kRoadmapSelect + " WHERE " + where + " ORDER BY r.period_from DESC, r.id DESC", params,
        [&](const Row& r) { out.push_back(roadmap_from(r)); });
  return out;
}

std::int64_t insert_item(Connection& c, const Item& i) {
  return c.scalar(
      "INSERT INTO roadmap_items (roadmap_id, position, section, number, heading, name, participants, executors, term,"
      " term_kind, term_from, term_to, term_parts, expected_result, indicator_codes, status, updated_at,"
      " extra_columns, due_on)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id",
      item_params(i));
}

void update_item(Connection& c, const Item& i) {
  auto params = item_params(i);
  params.push_back(i.id);
  c.execute(
      "UPDATE roadmap_items SET roadmap_id = $1, position = $2, section = $3, number = $4, heading = $5, name = $6,"
      " participants = $7, executors = $8, term = $9, term_kind = $10, term_from = $11, term_to = $12,"
      " term_parts = $13, expected_result = $14, indicator_codes = $15, status = $16, updated_at = $17,"
      " extra_columns = $18, due_on = $19 WHERE id = $20",
      params);
}

std::optional<Item> find_item(Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string(kItemSelect) + " WHERE i.id = $1", {id});
  if (!row) return std::nullopt;
  return item_from(*row);
}

std::vector<Item> items_of(Connection& c, std::int64_t roadmap_id) {
  std::vector<Item> out;
  c.run(std::string(kItemSelect) + " WHERE i.roadmap_id = $1 ORDER BY i.position, i.id", {roadmap_id},
        [&](const Row& r) { out.push_back(item_from(r)); });
  return out;
}

int next_position(Connection& c, std::int64_t roadmap_id) {
  return static_cast<int>(
      c.scalar("SELECT COALESCE(MAX(position), 0) + 1 FROM roadmap_items WHERE roadmap_id = $1", {roadmap_id}));
}

void delete_items(Connection& c, std::int64_t roadmap_id) {
  c.execute("DELETE FROM roadmap_items WHERE roadmap_id = $1", {roadmap_id});
}

void set_item_status(Connection& c, std::int64_t id, domain::ItemStatus status, const std::string& at) {
  c.execute("UPDATE roadmap_items SET status = $2, updated_at = $3 WHERE id = $1",
            {id, std::string(domain::code_of(status)), at});
}

void set_item_due(Connection& c, std::int64_t id, const std::string& due_on) {
  c.execute("UPDATE roadmap_items SET due_on = $2 WHERE id = $1", {id, text_or_null(due_on)});
}

std::map<std::int64_t, std::vector<std::string>> report_days(Connection& c, std::int64_t roadmap_id) {
  std::map<std::int64_t, std::vector<std::string>> out;
  c.run(
      "SELECT p.item_id, p.created_at FROM roadmap_reports p JOIN roadmap_items i ON i.id = p.item_id"
      " WHERE i.roadmap_id = $1 ORDER BY p.item_id, p.created_at, p.id",
      {roadmap_id}, [&](const Row& r) { out[r.int64("item_id")].push_back(r.text("created_at").substr(0, 10)); });
  return out;
}

std::int64_t insert_report(Connection& c, const Report& r) {
  return c.scalar(
      "INSERT INTO roadmap_reports (item_id, status, body, evidence_url, author_account_id, author_name, created_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      {r.item_id, std::string(domain::code_of(r.status)), r.body, text_or_null(r.evidence_url),
       id_or_null(r.author_account_id), r.author_name, r.created_at});
}

std::vector<Report> reports_of(Connection& c, std::int64_t item_id) {
  std::vector<Report> out;
  c.run(
      "SELECT id, item_id, status, body, COALESCE(evidence_url, '') AS evidence_url, author_account_id, author_name, created_at"
      " FROM roadmap_reports WHERE item_id = $1 ORDER BY id DESC",
      {item_id}, [&](const Row& r) {
        out.push_back({r.int64("id"), r.int64("item_id"),
                       domain::stored_value<S>(domain::roadmap_item_statuses(), r.view("status")), r.text("body"),
                       r.text("evidence_url"), r.opt_int64("author_account_id"), r.text("author_name"),
                       r.text("created_at")});
      });
  return out;
}

std::vector<std::string> organisation_names_within(Connection& c, std::int64_t territory_id) {
  std::vector<std::string> out;
  c.run("SELECT name, COALESCE(short_name, '') AS short_name FROM organisations WHERE territory_id IN " +
            registry::subtree("$1"),
        {territory_id}, [&](const Row& r) {
          out.push_back(r.text("name"));
          if (auto s = r.text("short_name"); !s.empty()) out.push_back(std::move(s));
        });
  return out;
}

std::vector<LateItem> late_items(Connection& c, const std::string& today) {
  std::vector<LateItem> out;
  c.run(
      std::string("SELECT i.id, r.id AS roadmap_id, r.territory_id, COALESCE(i.number, '') AS number, i.name, r.title,"
                  " i.due_on AS term_to FROM roadmap_items i JOIN roadmaps r ON r.id = i.roadmap_id"
                  " WHERE i.heading = 0 AND ") +
          kOpenStatus + " AND i.due_on < $1 ORDER BY i.id",
      {today}, [&](const Row& r) {
        out.push_back({r.int64("id"), r.int64("roadmap_id"), r.int64("territory_id"), r.text("number"), r.text("name"),
                       r.text("title"), r.text("term_to")});
      });
  return out;
}

}  // namespace metodist::storage::roadmaps
