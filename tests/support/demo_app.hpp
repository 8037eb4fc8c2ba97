// The fixture of app tests that need realistic data: a district demo on the
// backend under test (the test's parameter), and a caller of any role.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "app/app.hpp"
#include "app/auth.hpp"
#include "app/demo.hpp"
#include "support/test_db.hpp"

namespace metodist::testing {

class DemoAppTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    app_.db = std::move(db_->db);
    app::generate_demo(app_, {"district", 7, "2025-09-01", "Методист2026"}, nullptr);
  }
  std::int64_t scalar(const std::string& sql) {
    return app_.db->read([&](storage::Connection& c) { return c.scalar(sql); });
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
