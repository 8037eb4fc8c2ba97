// The two backends' migrations build the same schema: the same tables, the
// same columns with the same kind of type and the same NOT NULL, the same
// primary and foreign keys, and the same indexes (by table, columns and
// uniqueness). The DDL differs only where the engines do (INTEGER PRIMARY KEY
// versus an identity column, BIGINT versus INTEGER), so a column or an index
// added to one backend's migration and forgotten in the other fails here.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "support/test_db.hpp"

namespace {

using metodist::storage::Connection;

// A column as both engines can tell it: its type reduced to a kind.
struct Column {
  std::string kind;  // integer, real, text, blob
  bool not_null = false;
  auto operator<=>(const Column&) const = default;
};

struct Schema {
  std::map<std::string, std::map<std::string, Column>> tables;
  std::set<std::string> primary_keys;  // "table(col,col)"
  std::set<std::string> foreign_keys;  // "table.col -> table.col"
  std::set<std::string> indexes;       // "table(col,col) unique?"
};

Schema drop_engine_specific(Schema s);

std::string kind_of(std::string type) {
  for (auto& ch : type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (type.find("int") != std::string::npos || type == "boolean") return "integer";
  if (type.find("real") != std::string::npos || type.find("double") != std::string::npos ||
      type.find("numeric") != std::string::npos)
    return "real";
  if (type.find("blob") != std::string::npos || type == "bytea") return "blob";
  return "text";
}

Schema read_sqlite(Connection& c) {
  Schema s;
  for (const auto& t : c.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
    const auto table = t.text("name");
    std::map<int, std::string> pk;
    for (const auto& col : c.query("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)", {table})) {
      const bool in_pk = col.int64("pk") > 0;
      s.tables[table][col.text("name")] = {kind_of(col.text("type")), col.flag("notnull") || in_pk};
      if (in_pk) pk[static_cast<int>(col.int64("pk"))] = col.text("name");
    }
    std::string key;
    for (const auto& [pos, name] : pk) key += (key.empty() ? "" : ",") + name;
    if (!key.empty()) s.primary_keys.insert(table + "(" + key + ")");
    for (const auto& fk : c.query("SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?)", {table}))
      s.foreign_keys.insert(table + "." + fk.text("from") + " -> " + fk.text("table") + "." + fk.text("to"));
    for (const auto& ix : c.query("SELECT name, \"unique\" FROM pragma_index_list(?) WHERE origin = 'c'", {table})) {
      std::string cols;
      for (const auto& col : c.query("SELECT name FROM pragma_index_info(?) ORDER BY seqno", {ix.text("name")}))
        cols += (cols.empty() ? "" : ",") + (col.is_null("name") ? std::string("<expression>") : col.text("name"));
      s.indexes.insert(table + "(" + cols + ")" + (ix.flag("unique") ? " unique" : ""));
    }
  }
  return drop_engine_specific(s);
}

Schema read_postgres(Connection& c) {
  Schema s;
  for (const auto& col :
       c.query("SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
               "WHERE table_schema = 'public'"))
    s.tables[col.text("table_name")][col.text("column_name")] = {kind_of(col.text("data_type")),
                                                                 col.text("is_nullable") == "NO"};
  for (const auto& k :
       c.query("SELECT tc.table_name, string_agg(k.column_name, ',' ORDER BY k.ordinal_position) "
               "FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage k "
               "ON k.constraint_name = tc.constraint_name AND k.table_schema = tc.table_schema "
               "WHERE tc.table_schema = 'public' AND tc.constraint_type = 'PRIMARY KEY' GROUP BY tc.table_name"))
    s.primary_keys.insert(k.text("table_name") + "(" + k.text("string_agg") + ")");
  for (const auto& fk : c.query("SELECT cl.relname, a.attname, cf.relname, af.attname FROM pg_constraint con "
                                "JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_class cf ON cf.oid = con.confrelid "
                                "JOIN pg_namespace n ON n.oid = cl.relnamespace "
                                "JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1] "
                                "JOIN pg_attribute af ON af.attrelid = con.confrelid AND af.attnum = con.confkey[1] "
                                "WHERE con.contype = 'f' AND n.nspname = 'public'"))
    s.foreign_keys.insert(fk.text(0) + "." + fk.text(1) + " -> " + fk.text(2) + "." + fk.text(3));
  // Indexes made by CREATE INDEX (not those behind a primary key or a UNIQUE constraint).
  for (const auto& ix :
       c.query("SELECT t.relname, i.indisunique, "
               "  (SELECT string_agg(CASE WHEN k.n = 0 THEN '<expression>' ELSE a.attname END, ',' ORDER BY k.ord) "
               "   FROM unnest(i.indkey) WITH ORDINALITY AS k(n, ord) "
               "   LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n) "
               "FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid "
               "JOIN pg_namespace n ON n.oid = t.relnamespace "
               "WHERE n.nspname = 'public' AND NOT i.indisprimary "
               "AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid)"))
    s.indexes.insert(ix.text("relname") + "(" + ix.text("string_agg") + ")" +
                     (ix.flag("indisunique") ? " unique" : ""));
  return drop_engine_specific(s);
}

// Full-text search is the one part each engine does its own way (FTS5 virtual
// tables with Snowball stems in SQLite, a tsvector column with a GIN index in
// PostgreSQL): storage/search_repository keeps both behind one interface.
bool engine_specific(const std::string& table) { return table.find("_fts") != std::string::npos; }

// Indexes one engine has and the other deliberately has not, with why.
const std::map<std::string, std::string> kOneEngineIndexes = {
    {"organisations(search_key)",
     "PostgreSQL only: text_pattern_ops serves prefix search there; SQLite's LIKE ignores case and cannot use such "
     "an index"},
};

Schema drop_engine_specific(Schema s) {
  const auto table_of = [](const std::string& x) { return x.substr(0, x.find_first_of("(.")); };
  std::erase_if(s.tables, [](const auto& t) { return engine_specific(t.first); });
  for (auto* set : {&s.primary_keys, &s.foreign_keys, &s.indexes})
    std::erase_if(*set,
                  [&](const std::string& x) { return engine_specific(table_of(x)) || kOneEngineIndexes.count(x); });
  return s;
}

template <class Set>
std::set<std::string> missing_from(const Set& have, const Set& other) {
  std::set<std::string> out;
  for (const auto& x : have)
    if (!other.count(x)) out.insert(x);
  return out;
}

}  // namespace

TEST(SchemaParity, BothBackendsBuildTheSameSchema) {
  metodist::testing::TestDatabase lite("sqlite");
  metodist::testing::TestDatabase pg("postgres");
  Schema a, b;
  lite.db->read([&](Connection& c) { a = read_sqlite(c); });
  pg.db->read([&](Connection& c) { b = read_postgres(c); });

  ASSERT_GT(a.tables.size(), 40u) << "the migrations ran";
  std::set<std::string> tables_a, tables_b;
  for (const auto& [t, _] : a.tables) tables_a.insert(t);
  for (const auto& [t, _] : b.tables) tables_b.insert(t);
  EXPECT_EQ(missing_from(tables_a, tables_b), std::set<std::string>{}) << "tables only in SQLite";
  EXPECT_EQ(missing_from(tables_b, tables_a), std::set<std::string>{}) << "tables only in PostgreSQL";

  for (const auto& [table, columns] : a.tables) {
    if (!b.tables.count(table)) continue;
    for (const auto& [name, column] : columns) {
      const auto other = b.tables[table].find(name);
      if (other == b.tables[table].end()) {
        ADD_FAILURE() << table << "." << name << " is only in SQLite";
        continue;
      }
      EXPECT_EQ(column.kind, other->second.kind) << table << "." << name << ": SQLite vs PostgreSQL type";
      EXPECT_EQ(column.not_null, other->second.not_null) << table << "." << name << ": NOT NULL differs";
    }
    for (const auto& [name, _] : b.tables[table])
      if (!columns.count(name)) ADD_FAILURE() << table << "." << name << " is only in PostgreSQL";
  }
  EXPECT_EQ(missing_from(a.primary_keys, b.primary_keys), std::set<std::string>{}) << "primary keys only in SQLite";
  EXPECT_EQ(missing_from(b.primary_keys, a.primary_keys), std::set<std::string>{}) << "primary keys only in PostgreSQL";
  EXPECT_EQ(missing_from(a.foreign_keys, b.foreign_keys), std::set<std::string>{}) << "foreign keys only in SQLite";
  EXPECT_EQ(missing_from(b.foreign_keys, a.foreign_keys), std::set<std::string>{}) << "foreign keys only in PostgreSQL";
  EXPECT_EQ(missing_from(a.indexes, b.indexes), std::set<std::string>{}) << "indexes only in SQLite";
  EXPECT_EQ(missing_from(b.indexes, a.indexes), std::set<std::string>{}) << "indexes only in PostgreSQL";
}
