// The first load into empty tables (storage/empty_load.hpp): on PostgreSQL
// indexes and foreign keys are set aside and made again exactly as defined;
// a load that fails — in its rows or in making them again — takes the drop
// back with it. Tables holding rows, and SQLite, are left as they are.
#include "storage/empty_load.hpp"

#include <gtest/gtest.h>

#include "support/test_db.hpp"

using namespace metodist;
using storage::Connection;
using storage::EmptyTablesLoad;

namespace {

const std::vector<std::string> kTables{"persons", "positions"};

class EmptyLoadTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { db_ = std::make_unique<metodist::testing::TestDatabase>(GetParam()); }

  // Every index and constraint of the two tables, as the database defines them.
  std::string schema() { return metodist::testing::registry_table_definitions(*db_->db); }
  std::int64_t count(const std::string& sql) {
    return db_->db->read([&](Connection& c) { return c.scalar(sql); });
  }
  static void add_person(Connection& c, const std::string& code, const std::string& snils) {
    c.execute(
        "INSERT INTO persons (code, last_name, first_name, search_key, created_at, updated_at, snils)"
        " VALUES ($1, 'Иванова', 'Мария', 'иванова мария', '2026-01-01', '2026-01-01', $2)",
        {code, snils});
  }

  std::unique_ptr<metodist::testing::TestDatabase> db_;
};

}  // namespace

TEST_P(EmptyLoadTest, IndexesAndKeysSetAsideForTheRowsAreMadeAgainTheSame) {
  const auto before = schema();
  ASSERT_NE(before.find("persons_name"), std::string::npos) << before;
  const bool postgres = GetParam() == "postgres";
  db_->db->write([&](Connection& c) {
    auto load = EmptyTablesLoad::begin(c, kTables);
    ASSERT_EQ(load.has_value(), postgres);
    add_person(c, "P-1", "11223344595");
    if (!load) return;
    // Set aside: the name index, the СНИЛС index and the workplaces' keys are gone for now.
    EXPECT_EQ(c.scalar("SELECT count(*) FROM pg_indexes WHERE indexname IN ('persons_name', 'persons_snils')"), 0);
    EXPECT_EQ(c.scalar("SELECT count(*) FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid"
                       " WHERE t.relname = 'positions' AND k.contype = 'f'"),
              0);
    // The code stays unique (a constraint): the load's own statements match by it.
    EXPECT_EQ(c.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'persons_code_key'"), 1);
    load->finish(c);
  });
  EXPECT_EQ(schema(), before);
  EXPECT_EQ(count("SELECT count(*) FROM persons"), 1);
  // Made again, they hold: a workplace of nobody is refused.
  EXPECT_THROW(db_->db->write([](Connection& c) {
    c.execute("INSERT INTO positions (person_id, organisation_id, position) VALUES (999999, 999999, 'teacher')");
  }),
               storage::Error);
}

TEST_P(EmptyLoadTest, ALoadThatFailsLeavesTheTablesAsTheyWere) {
  const bool postgres = GetParam() == "postgres";
  const auto before = schema();
  // The rows fail: the drop goes back with them.
  EXPECT_THROW(db_->db->write([&](Connection& c) {
    EXPECT_EQ(EmptyTablesLoad::begin(c, kTables).has_value(), postgres);
    throw std::runtime_error("строка не записалась");
  }),
               std::runtime_error);
  EXPECT_EQ(schema(), before);
  // Two persons with one СНИЛС: on PostgreSQL making the unique index again
  // fails (while it is set aside the second row goes in); SQLite, keeping
  // its index, refuses the second row. Either way nothing of the load stays.
  EXPECT_THROW(db_->db->write([&](Connection& c) {
    auto load = EmptyTablesLoad::begin(c, kTables);
    add_person(c, "P-1", "11223344595");
    add_person(c, "P-2", "11223344595");
    if (load) load->finish(c);
  }),
               storage::Error);
  EXPECT_EQ(schema(), before);
  EXPECT_EQ(count("SELECT count(*) FROM persons"), 0);
}

TEST_P(EmptyLoadTest, TablesHoldingRowsKeepTheirIndexes) {
  db_->db->write([](Connection& c) { add_person(c, "P-1", "11223344595"); });
  const auto before = schema();
  db_->db->write([](Connection& c) { EXPECT_FALSE(EmptyTablesLoad::begin(c, kTables).has_value()); });
  EXPECT_EQ(schema(), before);
}

INSTANTIATE_TEST_SUITE_P(Backends, EmptyLoadTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });
