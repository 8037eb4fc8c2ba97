// The fixture of app tests that need realistic data: a district demo on the
// backend under test (the test's parameter), and a caller of any role.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"
#include "app/demo.hpp"
#include "app/library.hpp"
#include "support/test_db.hpp"

namespace metodist::testing {

class DemoAppTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    app_.db = std::move(db_->db);
    app::generate_demo(app_, {"district", 7, "2025-09-01", "Методист2026"}, nullptr);
    app::index_library(app_);  // as open_app does on start-up
  }
  // Removes what the demo put into the tables of roadmaps, the library and practices (roadmaps, the
  // library beyond its preloaded base, practices and experts), for tests that
  // count from zero.
  void clear_library_demo() {
    app_.db->write([](storage::Connection& c) {
      for (const char* sql :
           {"DELETE FROM roadmap_reports", "DELETE FROM roadmap_items", "DELETE FROM roadmaps",
            "DELETE FROM document_versions", "DELETE FROM documents WHERE preloaded = 0", "DELETE FROM documents_fts",
            "UPDATE route_rows SET practice_id = NULL", "DELETE FROM practice_reviews", "DELETE FROM practice_files",
            "DELETE FROM practice_authors", "DELETE FROM practice_competencies", "DELETE FROM practices",
            "DELETE FROM practices_fts", "DELETE FROM stored_files", "DELETE FROM experts",
            "DELETE FROM expertise_criteria", "DELETE FROM expertise_rules", "DELETE FROM notifications"})
        c.execute(sql);
    });
    app::index_library(app_);
  }
  // Another app server on the same database (its own memory, its own pool).
  app::App second_server() {
    app::App other;
    other.db = storage::open_database({db_->url(), 2, std::chrono::milliseconds(5000)});
    return other;
  }
  std::int64_t scalar(const std::string& sql) {
    return app_.db->read([&](storage::Connection& c) { return c.scalar(sql); });
  }
  std::int64_t territory(const std::string& code) {
    return scalar("SELECT id FROM territories WHERE code = '" + code + "'");
  }
  std::int64_t organisation(const std::string& code) {
    return scalar("SELECT id FROM organisations WHERE code = '" + code + "'");
  }
  std::int64_t account(const std::string& login) {
    return scalar("SELECT id FROM accounts WHERE login = '" + login + "'");
  }
  // The person linked to a demo account (teacher, methodist).
  std::int64_t person_of(const std::string& login) {
    return scalar("SELECT person_id FROM accounts WHERE login = '" + login + "'");
  }
  // Notifications an account has, optionally of one kind.
  std::int64_t notices(const std::string& login, const std::string& kind = {}) {
    return scalar("SELECT COUNT(*) FROM notifications n JOIN accounts a ON a.id = n.account_id WHERE a.login = '" +
                  login + "'" + (kind.empty() ? "" : " AND n.kind = '" + kind + "'"));
  }
  // The first `n` current teachers of an organisation, by id.
  std::vector<std::int64_t> teachers_of(std::int64_t organisation, int n) {
    std::vector<std::int64_t> ids;
    app_.db->read([&](storage::Connection& c) {
      c.run(
          "SELECT DISTINCT ps.person_id FROM positions ps WHERE ps.organisation_id = $1 AND ps.position = 'teacher'"
          " AND ps.left_on IS NULL ORDER BY ps.person_id LIMIT $2",
          {organisation, std::int64_t{n}}, [&](const storage::Row& r) { ids.push_back(r.int64("person_id")); });
      return 0;
    });
    return ids;
  }

  // A caller with one role, bound as the role needs; `person` links a teacher's own record.
  static app::Caller caller(const std::string& role, std::optional<std::int64_t> territory = {},
                            std::optional<std::int64_t> organisation = {}, std::optional<std::int64_t> person = {}) {
    app::Caller c;
    c.login = role;
    c.roles = {{0, 0, role, territory, organisation}};
    c.person_id = person;
    return c;
  }

  std::unique_ptr<TestDatabase> db_;
  app::App app_;
};

}  // namespace metodist::testing
