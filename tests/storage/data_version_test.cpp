// The data versions on both backends: every table monitoring reads has its
// triggers and no other table has (the same for the access version and the
// tables that say who a caller is); a change to any of them moves the version
// in the same transaction (a rolled-back one does not); writes elsewhere —
// notifications, accounts, the stored results themselves — leave it.
#include "storage/data_version.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>

#include "storage/monitoring_repository.hpp"
#include "support/demo_app.hpp"

using namespace metodist;

namespace {

class DataVersionTest : public metodist::testing::DemoAppTest {
 protected:
  std::int64_t version() {
    return app_.db->read([](storage::Connection& c) { return storage::monitoring_version(c); });
  }
  std::int64_t access() {
    return app_.db->read([](storage::Connection& c) { return storage::access_version(c); });
  }
  // Table → how many triggers move the counter `name` on it.
  std::map<std::string, int> triggered_tables(const std::string& name) {
    std::map<std::string, int> out;
    app_.db->read([&](storage::Connection& c) {
      const std::string sql = c.backend() == storage::Backend::sqlite
                                  ? "SELECT tbl_name AS t FROM sqlite_master WHERE type = 'trigger'"
                                    " AND sql LIKE '%UPDATE data_versions%' AND sql LIKE '%name = ''" +
                                        name + "''%'"
                                  : "SELECT c.relname AS t FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid"
                                    " JOIN pg_proc p ON p.oid = g.tgfoid WHERE p.proname = 'advance_version'"
                                    " AND g.tgargs = convert_to('" +
                                        name + "', 'UTF8') || '\\x00'::bytea";
      c.run(sql, {}, [&](const storage::Row& r) { ++out[r.text("t")]; });
      return 0;
    });
    return out;
  }
  std::string first_column(const std::string& table) {
    return app_.db->read([&](storage::Connection& c) {
      return c.backend() == storage::Backend::sqlite
                 ? c.query_one("SELECT name FROM pragma_table_info($1) WHERE cid = 0", {table})->text("name")
                 : c.query_one(
                        "SELECT column_name AS name FROM information_schema.columns"
                        " WHERE table_name = $1 AND ordinal_position = 1",
                        {table})
                       ->text("name");
    });
  }
};

TEST_P(DataVersionTest, EveryTableMonitoringReadsHasItsTriggersAndNoOtherHas) {
  const auto& listed = storage::monitored_tables();
  const int per_table = GetParam() == "sqlite" ? 3 : 1;  // row triggers per event; one statement trigger
  for (const auto& [name, tables] :
       {std::pair(std::string("monitoring"), listed), std::pair(std::string("access"), storage::access_tables())}) {
    const auto found = triggered_tables(name);
    for (const auto& t : tables) EXPECT_EQ(found.count(t) ? found.at(t) : 0, per_table) << name << " " << t;
    for (const auto& [t, n] : found)
      EXPECT_NE(std::find(tables.begin(), tables.end(), t), tables.end()) << t << " is not listed for " << name;
  }
  // What the engine scans is all listed (a new scan of a new table cannot be forgotten).
  const std::regex table(R"((?:FROM|JOIN)\s+([a-z_]+))");
  for (const auto& sql : storage::monitoring::fact_queries())
    for (std::sregex_iterator m(sql.begin(), sql.end(), table), end; m != end; ++m)
      EXPECT_NE(std::find(listed.begin(), listed.end(), (*m)[1].str()), listed.end())
          << (*m)[1].str() << " is read by monitoring but not listed";
}

// The staff version: persons and workplaces, and an organisation or a
// territory moved, retyped or removed — not a rename, not a new school.
TEST_P(DataVersionTest, TheStaffVersionMovesWithWhoWorksWhereAndNotWithARename) {
  const bool sqlite = GetParam() == "sqlite";
  const std::map<std::string, int> expected = {
      {"persons", sqlite ? 3 : 1}, {"positions", sqlite ? 3 : 1}, {"organisations", 2}, {"territories", 2}};
  EXPECT_EQ(triggered_tables("staff"), expected);
  for (const auto& t : storage::staff_tables()) EXPECT_TRUE(expected.count(t)) << t;
  const auto staff = [&] { return app_.db->read([](storage::Connection& c) { return storage::staff_version(c); }); };
  const auto school = organisation("RU-01-001-S001");
  auto unchanged = [&](const std::string& what, const std::string& sql) {
    const auto before = staff();
    app_.db->write([&](storage::Connection& c) { c.execute(sql); });
    EXPECT_EQ(staff(), before) << what;
  };
  auto moved = [&](const std::string& what, const std::string& sql) {
    const auto before = staff();
    app_.db->write([&](storage::Connection& c) { c.execute(sql); });
    EXPECT_GT(staff(), before) << what;
  };
  const auto id = std::to_string(school);
  unchanged("rename", "UPDATE organisations SET name = name || '!' WHERE id = " + id);
  unchanged("new school",
            "INSERT INTO organisations (code, name, kind, territory_id, is_shnor, has_staff_plan, has_mentoring_model,"
            " search_key, created_at, updated_at) SELECT 'V-1', 'Школа', 'school', territory_id, 0, 0, 0, 'школа',"
            " created_at, updated_at FROM organisations WHERE id = " +
                id);
  unchanged("territory renamed", "UPDATE territories SET name = name || '!' WHERE code = 'RU-01-001'");
  moved("kind", "UPDATE organisations SET kind = 'kindergarten' WHERE id = " + id);
  moved("moved",
        "UPDATE organisations SET territory_id = (SELECT id FROM territories WHERE code = 'RU-01') WHERE id = " + id);
  moved("removed", "DELETE FROM organisations WHERE code = 'V-1'");
  moved("person", "UPDATE persons SET category = category WHERE id = (SELECT MIN(id) FROM persons)");
  moved("workplace", "UPDATE positions SET left_on = left_on WHERE id = (SELECT MIN(id) FROM positions)");
  unchanged("new territory",
            "INSERT INTO territories (code, name, level, parent_id, search_key) SELECT 'RU-01-999', 'Новый район',"
            " 'municipality', id, 'новый район' FROM territories WHERE code = 'RU-01'");
  moved(
      "territory moved",
      "UPDATE territories SET parent_id = (SELECT id FROM territories WHERE code = 'RU-01-001') WHERE code = 'RU-01-999'");
}

TEST_P(DataVersionTest, AChangeToAnyMonitoredTableMovesTheVersion) {
  int changed = 0;
  for (const auto& t : storage::monitored_tables()) {
    const auto col = first_column(t);
    const auto rows = app_.db->read([&](storage::Connection& c) { return c.scalar("SELECT COUNT(*) FROM " + t); });
    if (rows == 0) continue;  // empty in the demo: its triggers are checked above
    const auto before = version();
    app_.db->write([&](storage::Connection& c) {
      c.execute("UPDATE " + t + " SET " + col + " = " + col + " WHERE " + col + " = (SELECT MIN(" + col + ") FROM " +
                t + ")");
    });
    EXPECT_GT(version(), before) << t;
    ++changed;
  }
  EXPECT_GE(changed, 20);  // the demo fills most of them
  // Inserting and deleting, too.
  auto before = version();
  const auto id = app_.db->write([](storage::Connection& c) {
    return c.scalar(
        "INSERT INTO territories (code, name, level, parent_id, search_key)"
        " VALUES ('RU-99', 'Проверочный край', 'region', NULL, 'проверочный край') RETURNING id");
  });
  EXPECT_GT(version(), before);
  before = version();
  app_.db->write([&](storage::Connection& c) { c.execute("DELETE FROM territories WHERE id = $1", {id}); });
  EXPECT_GT(version(), before);
}

TEST_P(DataVersionTest, ARolledBackChangeLeavesTheVersion) {
  const auto before = version();
  EXPECT_THROW(app_.db->write([](storage::Connection& c) {
    c.execute("UPDATE persons SET birth_date = NULL");
    throw std::runtime_error("передумали");
  }),
               std::runtime_error);
  EXPECT_EQ(version(), before);
}

TEST_P(DataVersionTest, WritesElsewhereLeaveTheVersion) {
  const auto before = version();
  const auto access_before = access();
  app_.db->write([&](storage::Connection& c) {
    c.execute(
        "INSERT INTO notifications (account_id, kind, title, body, created_at) VALUES ($1, 'test', 'Проверка',"
        " 'Текст', '2026-01-01T00:00:00Z')",
        {account("teacher")});
    c.execute(
        "INSERT INTO computed_results (key, data_version, computed_at, compute_ms, body) VALUES ('k', 1, 'x', 1, '[]')");
    c.execute("INSERT INTO computation_leases (key, holder, expires_at) VALUES ('k', 'h', 1)");
  });
  EXPECT_EQ(version(), before);
  EXPECT_EQ(access(), access_before);
  // Who a caller is changes the access version, not the monitoring one.
  app_.db->write([](storage::Connection& c) { c.execute("UPDATE accounts SET display_name = display_name"); });
  EXPECT_EQ(version(), before);
  EXPECT_GT(access(), access_before);
}

INSTANTIATE_TEST_SUITE_P(Backends, DataVersionTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });

}  // namespace
