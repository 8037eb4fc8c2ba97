#include "storage/territories_repository.hpp"

#include "domain/date.hpp"
#include "domain/text.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::storage::registry {
namespace {

Value text_or_null(const std::string& s) { return s.empty() ? Value{nullptr} : Value{s}; }

std::string search_key(const domain::Territory& t) {
  return domain::fold_for_search(t.name + " " + t.code + (t.oktmo.empty() ? "" : " " + t.oktmo));
}

}  // namespace

std::vector<domain::Territory> list_territories(Connection& c, const TerritoryFilter& f, const domain::Scope& scope) {
  Params params;
  std::string sql =
      std::string("SELECT ") + kTerritoryColumns + " FROM territories t WHERE " + territory_scope(scope, params, "t");
  if (f.parent_id) sql += " AND t.parent_id = " + placeholder(params, *f.parent_id);
  if (!f.level.empty()) sql += " AND t.level = " + placeholder(params, f.level);
  if (!f.include_abolished) sql += " AND t.abolished_on IS NULL";
  sql += " ORDER BY t.name, t.id";
  std::vector<domain::Territory> out;
  // Territories are few (≈2,400 in the federation): the folded match is done
  // here, in C++, because SQLite's lower() does not fold Cyrillic.
  c.run(sql, params, [&](const Row& r) {
    auto t = territory_from(r);
    if (f.query.empty() ||
        domain::fold_for_search(t.name + " " + t.code + " " + t.oktmo).find(f.query) != std::string::npos)
      out.push_back(std::move(t));
  });
  return out;
}

std::optional<domain::Territory> find_territory(Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string("SELECT ") + kTerritoryColumns + " FROM territories t WHERE t.id = $1", {id});
  if (!row) return std::nullopt;
  return territory_from(*row);
}

std::optional<domain::Territory> find_territory_by_code(Connection& c, const std::string& text) {
  auto row = c.query_one(std::string("SELECT ") + kTerritoryColumns +
                             " FROM territories t WHERE t.code = $1 OR t.oktmo = $1 ORDER BY t.code = $1 DESC LIMIT 1",
                         {text});
  if (!row) return std::nullopt;
  return territory_from(*row);
}

bool territory_code_taken(Connection& c, const std::string& code) {
  return c.scalar("SELECT count(*) FROM territories WHERE code = $1", {code}) > 0;
}

bool territory_visible(Connection& c, std::int64_t id, const domain::Scope& scope) {
  Params params{id};
  return c.scalar("SELECT count(*) FROM territories t WHERE t.id = $1 AND " + territory_scope(scope, params, "t"),
                  params) > 0;
}

std::optional<std::int64_t> region_of(Connection& c, std::int64_t territory_id) {
  std::optional<std::int64_t> at = territory_id;
  for (int depth = 0; at && depth < 4; ++depth) {  // federation → region → municipality: three levels
    const auto t = find_territory(c, *at);
    if (!t) return std::nullopt;
    if (t->level == "region") return t->id;
    at = t->parent_id;
  }
  return std::nullopt;
}

bool territory_covered(Connection& c, std::int64_t id, const domain::Scope& scope) {
  if (scope.everything) return true;
  Params params{id};
  std::vector<std::string> parts;
  for (auto t : scope.territories) parts.push_back("t.id IN " + subtree(placeholder(params, t)));
  return c.scalar("SELECT count(*) FROM territories t WHERE t.id = $1 AND " + any_of(parts), params) > 0;
}

std::int64_t insert_territory(Connection& c, const domain::Territory& t) {
  return c.scalar(
      "INSERT INTO territories (parent_id, level, code, name, search_key, oktmo, subject_number, municipality_kind,"
      " time_zone) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
      {id_or_null(t.parent_id), t.level, t.code, t.name, search_key(t), text_or_null(t.oktmo),
       t.subject_number ? Value{static_cast<std::int64_t>(*t.subject_number)} : Value{nullptr},
       text_or_null(t.municipality_kind), text_or_null(t.time_zone)});
}

void update_territory(Connection& c, const domain::Territory& t) {
  c.execute(
      "UPDATE territories SET code = $2, name = $3, search_key = $4, oktmo = $5, subject_number = $6,"
      " municipality_kind = $7, time_zone = $8 WHERE id = $1",
      {t.id, t.code, t.name, search_key(t), text_or_null(t.oktmo),
       t.subject_number ? Value{static_cast<std::int64_t>(*t.subject_number)} : Value{nullptr},
       text_or_null(t.municipality_kind), text_or_null(t.time_zone)});
}

void append_territory_change(Connection& c, const TerritoryChange& x) {
  c.execute(
      "INSERT INTO territory_changes (territory_id, change, happened_on, old_name, new_name, old_code, new_code,"
      " old_oktmo, new_oktmo, into_territory_id, organisations_moved, recorded_at, recorded_by)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
      {x.territory_id, x.change, x.happened_on, text_or_null(x.old_name), text_or_null(x.new_name),
       text_or_null(x.old_code), text_or_null(x.new_code), text_or_null(x.old_oktmo), text_or_null(x.new_oktmo),
       id_or_null(x.into_territory_id), id_or_null(x.organisations_moved), domain::utc_timestamp_now(),
       id_or_null(x.recorded_by)});
}

std::vector<TerritoryChange> territory_history(Connection& c, std::int64_t territory_id) {
  std::vector<TerritoryChange> out;
  c.run(
      "SELECT x.id, x.territory_id, x.change, x.happened_on, x.old_name, x.new_name, x.old_code, x.new_code,"
      " x.old_oktmo, x.new_oktmo, x.into_territory_id, i.name AS into_name, x.organisations_moved, x.recorded_at,"
      " x.recorded_by FROM territory_changes x LEFT JOIN territories i ON i.id = x.into_territory_id"
      " WHERE x.territory_id = $1 OR x.into_territory_id = $1 ORDER BY x.happened_on, x.id",
      {territory_id}, [&](const Row& r) {
        TerritoryChange x;
        x.id = r.int64("id");
        x.territory_id = r.int64("territory_id");
        x.change = r.text("change");
        x.happened_on = r.text("happened_on");
        x.old_name = r.text("old_name");
        x.new_name = r.text("new_name");
        x.old_code = r.text("old_code");
        x.new_code = r.text("new_code");
        x.old_oktmo = r.text("old_oktmo");
        x.new_oktmo = r.text("new_oktmo");
        x.into_territory_id = r.opt_int64("into_territory_id");
        x.into_name = r.text("into_name");
        x.organisations_moved = r.opt_int64("organisations_moved");
        x.recorded_at = r.text("recorded_at");
        x.recorded_by = r.opt_int64("recorded_by");
        out.push_back(std::move(x));
      });
  return out;
}

MergeCounts merge_territory(Connection& c, std::int64_t merged, std::int64_t into, const std::string& on_date) {
  MergeCounts n;
  n.organisations = c.scalar("SELECT count(*) FROM organisations WHERE territory_id = $1", {merged});
  c.execute("UPDATE organisations SET territory_id = $2 WHERE territory_id = $1", {merged, into});
  n.role_assignments = c.scalar("SELECT count(*) FROM role_assignments WHERE territory_id = $1", {merged});
  c.execute("UPDATE role_assignments SET territory_id = $2 WHERE territory_id = $1", {merged, into});
  c.execute("UPDATE territories SET abolished_on = $2, merged_into_id = $3 WHERE id = $1", {merged, on_date, into});
  return n;
}

}  // namespace metodist::storage::registry
