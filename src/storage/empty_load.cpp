#include "storage/empty_load.hpp"

#include "storage/registry_sql.hpp"

namespace metodist::storage {
namespace {

std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (char ch : name) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

}  // namespace

std::optional<EmptyTablesLoad> EmptyTablesLoad::begin(Connection& c, const std::vector<std::string>& tables) {
  if (c.backend() != Backend::postgres || tables.empty()) return std::nullopt;
  std::string any_row;
  for (const auto& t : tables)
    any_row += (any_row.empty() ? "" : " OR ") + std::string("EXISTS (SELECT 1 FROM ") + quoted(t) + ")";
  if (c.scalar("SELECT CASE WHEN " + any_row + " THEN 1 ELSE 0 END") != 0) return std::nullopt;

  Params params;
  const std::string names = registry::placeholders<std::string>(params, tables);
  EmptyTablesLoad load;
  std::vector<std::string> drop;
  // Foreign keys the tables hold (a key to them from elsewhere does not fire
  // on their inserts), then their indexes that no constraint owns.
  c.run(
      "SELECT t.relname AS table_name, k.conname AS name, pg_get_constraintdef(k.oid) AS definition"
      " FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid"
      " WHERE k.contype = 'f' AND pg_table_is_visible(t.oid) AND t.relname IN " +
          names + " ORDER BY t.relname, k.conname",
      params, [&](const Row& r) {
        const auto table = quoted(r.text("table_name")), name = quoted(r.text("name"));
        drop.push_back("ALTER TABLE " + table + " DROP CONSTRAINT " + name);
        load.remake_.push_back("ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + r.text("definition"));
      });
  std::vector<std::string> indexes;
  c.run(
      "SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition"
      " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
      " WHERE pg_table_is_visible(t.oid) AND t.relname IN " +
          names +
          " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)"
          " ORDER BY t.relname, i.relname",
      params, [&](const Row& r) {
        drop.push_back("DROP INDEX " + quoted(r.text("name")));
        indexes.push_back(r.text("definition"));
      });
  // Indexes first: a key added back is checked by a join that may use them.
  load.remake_.insert(load.remake_.begin(), indexes.begin(), indexes.end());
  for (const auto& sql : drop) c.exec_script(sql);
  return load;
}

void EmptyTablesLoad::finish(Connection& c) {
  // A sort in memory rather than in files for a million-row index; for this
  // transaction only.
  c.exec_script("SET LOCAL maintenance_work_mem = '256MB'");
  for (const auto& sql : remake_) c.exec_script(sql);
  remake_.clear();
}

}  // namespace metodist::storage
