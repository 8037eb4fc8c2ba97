#include "storage/roadmaps_repository.hpp"

#include "storage/registry_sql.hpp"

namespace metodist::storage::roadmaps {
namespace {

// Terms that carry dates: «by plan» and unknown ones are never late.
const char* const kDatedTerm = "i.term_kind IN ('dates', 'whole_period', 'recurring')";
const char* const kOpenStatus = "i.status IN ('planned', 'in_progress')";

const std::string kRoadmapSelect =
    "SELECT r.id, r.title, r.owner_level, r.territory_id, r.period_from, r.period_to, COALESCE(r.approved_by, ''),"
    " r.created_by, r.created_at, t.name,"
    " (SELECT COUNT(*) FROM roadmap_items i WHERE i.roadmap_id = r.id AND i.heading = 0),"
    " (SELECT COUNT(*) FROM roadmap_items i WHERE i.roadmap_id = r.id AND i.heading = 0 AND i.status = 'done'),"
    " (SELECT COUNT(*) FROM roadmap_items i WHERE i.roadmap_id = r.id AND i.heading = 0 AND " +
    std::string(kOpenStatus) + " AND " + kDatedTerm +
    " AND i.term_to < $1)"
    " FROM roadmaps r JOIN territories t ON t.id = r.territory_id";

Roadmap roadmap_from(const Row& r) {
  Roadmap m;
  m.id = r.int64(0);
  m.title = r.text(1);
  m.owner_level = r.text(2);
  m.territory_id = r.int64(3);
  m.period_from = r.text(4);
  m.period_to = r.text(5);
  m.approved_by = r.text(6);
  m.created_by = r.opt_int64(7);
  m.created_at = r.text(8);
  m.territory_name = r.text(9);
  m.items = r.int64(10);
  m.done = r.int64(11);
  m.overdue_candidates = r.int64(12);
  return m;
}

const char* const kItemSelect =
    "SELECT i.id, i.roadmap_id, i.position, COALESCE(i.section, ''), COALESCE(i.number, ''), i.heading, i.name,"
    " COALESCE(i.participants, ''), COALESCE(i.executors, ''), COALESCE(i.term, ''), i.term_kind,"
    " COALESCE(i.term_from, ''), COALESCE(i.term_to, ''), COALESCE(i.term_parts, ''), COALESCE(i.expected_result, ''),"
    " COALESCE(i.indicator_codes, ''), i.status, i.updated_at,"
    " (SELECT COUNT(*) FROM roadmap_reports p WHERE p.item_id = i.id)"
    " FROM roadmap_items i";

Item item_from(const Row& r) {
  Item i;
  i.id = r.int64(0);
  i.roadmap_id = r.int64(1);
  i.position = static_cast<int>(r.int64(2));
  i.section = r.text(3);
  i.number = r.text(4);
  i.heading = r.flag(5);
  i.name = r.text(6);
  i.participants = r.text(7);
  i.executors = r.text(8);
  i.term = r.text(9);
  i.term_kind = r.text(10);
  i.term_from = r.text(11);
  i.term_to = r.text(12);
  i.term_parts = r.text(13);
  i.expected_result = r.text(14);
  i.indicator_codes = r.text(15);
  i.status = r.text(16);
  i.updated_at = r.text(17);
  i.reports = r.int64(18);
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
          i.status,
          i.updated_at};
}

}  // namespace

std::int64_t insert_roadmap(Connection& c, const Roadmap& r) {
  return c.scalar(
      "INSERT INTO roadmaps (title, owner_level, territory_id, period_from, period_to, approved_by, created_by, created_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {r.title, r.owner_level, r.territory_id, r.period_from, r.period_to, text_or_null(r.approved_by),
       id_or_null(r.created_by), r.created_at});
}

void update_roadmap(Connection& c, const Roadmap& r) {
  c.execute("UPDATE roadmaps SET title = $2, period_from = $3, period_to = $4, approved_by = $5 WHERE id = $1",
            {r.id, r.title, r.period_from, r.period_to, text_or_null(r.approved_by)});
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
      " term_kind, term_from, term_to, term_parts, expected_result, indicator_codes, status, updated_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id",
      item_params(i));
}

void update_item(Connection& c, const Item& i) {
  auto params = item_params(i);
  params.push_back(i.id);
  c.execute(
      "UPDATE roadmap_items SET roadmap_id = $1, position = $2, section = $3, number = $4, heading = $5, name = $6,"
      " participants = $7, executors = $8, term = $9, term_kind = $10, term_from = $11, term_to = $12,"
      " term_parts = $13, expected_result = $14, indicator_codes = $15, status = $16, updated_at = $17 WHERE id = $18",
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

void set_item_status(Connection& c, std::int64_t id, const std::string& status, const std::string& at) {
  c.execute("UPDATE roadmap_items SET status = $2, updated_at = $3 WHERE id = $1", {id, status, at});
}

std::int64_t insert_report(Connection& c, const Report& r) {
  return c.scalar(
      "INSERT INTO roadmap_reports (item_id, status, body, evidence_url, author_account_id, author_name, created_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      {r.item_id, r.status, r.body, text_or_null(r.evidence_url), id_or_null(r.author_account_id), r.author_name,
       r.created_at});
}

std::vector<Report> reports_of(Connection& c, std::int64_t item_id) {
  std::vector<Report> out;
  c.run(
      "SELECT id, item_id, status, body, COALESCE(evidence_url, ''), author_account_id, author_name, created_at"
      " FROM roadmap_reports WHERE item_id = $1 ORDER BY id DESC",
      {item_id}, [&](const Row& r) {
        out.push_back({r.int64(0), r.int64(1), r.text(2), r.text(3), r.text(4), r.opt_int64(5), r.text(6), r.text(7)});
      });
  return out;
}

std::vector<LateItem> late_items(Connection& c, const std::string& today) {
  std::vector<LateItem> out;
  c.run(std::string("SELECT i.id, r.id, r.territory_id, COALESCE(i.number, ''), i.name, r.title, i.term_to"
                    " FROM roadmap_items i JOIN roadmaps r ON r.id = i.roadmap_id"
                    " WHERE i.heading = 0 AND ") +
            kOpenStatus + " AND " + kDatedTerm + " AND i.term_to < $1 ORDER BY i.id",
        {today}, [&](const Row& r) {
          out.push_back({r.int64(0), r.int64(1), r.int64(2), r.text(3), r.text(4), r.text(5), r.text(6)});
        });
  return out;
}

}  // namespace metodist::storage::roadmaps
