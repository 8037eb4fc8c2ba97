// Every status a table may hold is the status vocabulary of its feature: the
// CHECK constraint the migrations put on `status`, read back from each
// database, lists exactly the codes the C++ vocabulary names (and titles in
// Russian). A status added on one side only fails here, on both backends.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "domain/active.hpp"
#include "domain/events.hpp"
#include "domain/help_requests.hpp"
#include "domain/mentoring.hpp"
#include "domain/monitoring.hpp"
#include "domain/practices.hpp"
#include "domain/programs.hpp"
#include "domain/roadmap.hpp"
#include "domain/route.hpp"
#include "support/test_db.hpp"

namespace {

using metodist::storage::Connection;
namespace domain = metodist::domain;

struct StatusColumn {
  const char* table;
  std::span<const domain::Term> (*vocabulary)();
};

const StatusColumn kStatusColumns[] = {
    {"enrolments", domain::enrolment_statuses},
    {"routes", domain::route_statuses},
    {"events", domain::event_statuses},
    {"mentoring_pairs", domain::mentoring_pair_statuses},
    {"help_requests", domain::help_statuses},
    {"active_selections", domain::selection_statuses},
    {"active_applications", domain::application_statuses},
    {"active_plan_items", domain::plan_item_statuses},
    {"roadmap_items", domain::roadmap_item_statuses},
    {"roadmap_reports", domain::roadmap_item_statuses},  // the item's status as reported
    {"practices", domain::practice_statuses},
    {"monitoring_campaigns", domain::campaign_statuses},
    {"monitoring_submissions", domain::submission_statuses},
};

// The quoted literals of the table's CHECK on `status`, as the engine keeps it:
// SQLite the CREATE TABLE text, PostgreSQL pg_get_constraintdef
// («CHECK ((status = ANY (ARRAY['new'::text, …])))»).
std::set<std::string> checked_codes(Connection& c, const std::string& table) {
  std::string check;
  if (c.backend() == metodist::storage::Backend::sqlite) {
    const auto ddl = c.query_one("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $1", {table});
    if (!ddl) return {};
    const auto text = ddl->text("sql");
    const auto at = text.find("CHECK (status IN (");
    if (at == std::string::npos) return {};
    check = text.substr(at, text.find(')', at) - at);
  } else {
    for (const auto& r : c.query("SELECT pg_get_constraintdef(k.oid) AS definition FROM pg_constraint k"
                                 " JOIN pg_class t ON t.oid = k.conrelid WHERE t.relname = $1 AND k.contype = 'c'",
                                 {table})) {
      const auto d = r.text("definition");
      if (d.find("(status = ANY") != std::string::npos || d.find("(status IN") != std::string::npos) check = d;
    }
  }
  std::set<std::string> codes;
  for (auto open = check.find('\''); open != std::string::npos; open = check.find('\'', open + 1)) {
    const auto close = check.find('\'', open + 1);
    codes.insert(check.substr(open + 1, close - open - 1));
    open = close;
  }
  return codes;
}

class StatusVocabularyTest : public ::testing::TestWithParam<std::string> {};

TEST_P(StatusVocabularyTest, EachTablesCheckListsItsFeaturesStatuses) {
  metodist::testing::TestDatabase t(GetParam());
  t.db->read([&](Connection& c) {
    for (const auto& column : kStatusColumns) {
      std::set<std::string> vocabulary;
      for (const auto& term : column.vocabulary()) {
        vocabulary.insert(std::string(term.code));
        EXPECT_FALSE(term.title.empty()) << column.table << "." << term.code << " has no Russian title";
      }
      EXPECT_EQ(checked_codes(c, column.table), vocabulary) << column.table;
    }
  });
}

// No table holds a status the list above does not know.
TEST_P(StatusVocabularyTest, EveryStatusColumnHasAVocabulary) {
  metodist::testing::TestDatabase t(GetParam());
  std::set<std::string> known;
  for (const auto& column : kStatusColumns) known.insert(column.table);
  t.db->read([&](Connection& c) {
    const auto sql = c.backend() == metodist::storage::Backend::sqlite
                         ? "SELECT m.name AS table_name FROM sqlite_master m, pragma_table_info(m.name) p"
                           " WHERE m.type = 'table' AND p.name = 'status'"
                         : "SELECT table_name::text AS table_name FROM information_schema.columns"
                           " WHERE table_schema = current_schema() AND column_name = 'status'";
    for (const auto& r : c.query(sql)) EXPECT_TRUE(known.count(r.text("table_name"))) << r.text("table_name");
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, StatusVocabularyTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });

}  // namespace
