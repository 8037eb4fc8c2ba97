#include "app/accounts.hpp"

#include <gtest/gtest.h>

#include "app/passwords.hpp"
#include "domain/access.hpp"
#include "storage/registry_repository.hpp"
#include "support/errors.hpp"
#include "support/test_db.hpp"

using namespace metodist;
using metodist::testing::error_of;
using metodist::testing::TestDatabase;
namespace acc = storage::accounts;

TEST(Passwords, HashIsArgon2idAndVerifies) {
  app::init_password_hashing(2);
  const auto hash = app::hash_password("Методист2026");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_TRUE(app::verify_password("Методист2026", hash));
  EXPECT_FALSE(app::verify_password("методист2026", hash));
  EXPECT_NE(app::hash_password("Методист2026"), hash);  // salted
}

TEST(Passwords, TokensAreRandomAndStoredAsDigests) {
  const auto a = app::random_token(), b = app::random_token();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
  EXPECT_EQ(app::token_digest(a), app::token_digest(a));
  EXPECT_NE(app::token_digest(a), a);
  for (int i = 0; i < 20; ++i) EXPECT_NO_THROW(domain::validate_new_password(app::generate_password(), "admin"));
}

class AccountsTest : public ::testing::TestWithParam<std::string> {};

TEST_P(AccountsTest, CreateValidatesScopesAndRejectsDuplicates) {
  TestDatabase t(GetParam());
  app::App a;
  a.db = std::move(t.db);
  const auto [region, muni] = a.db->write([](storage::Connection& c) {
    const auto ru = storage::registry::insert_territory(c, {0, std::nullopt, "federation", "RU", "РФ"});
    const auto r = storage::registry::insert_territory(c, {0, ru, "region", "R", "Регион"});
    const auto m = storage::registry::insert_territory(c, {0, r, "municipality", "M", "Район"});
    return std::pair{r, m};
  });
  app::NewAccount n;
  n.login = "  Coordinator ";
  n.email = "Coord@Example.RU";
  n.display_name = "Иванова Анна";
  n.password = "Методист2026";
  n.roles = {{0, 0, "municipal_coordinator", muni, std::nullopt}};
  const auto id = app::create_account(a, n);
  const auto stored = a.db->read([&](storage::Connection& c) { return acc::find_account(c, "coordinator"); });
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->id, id);
  EXPECT_EQ(stored->email, "coord@example.ru");
  EXPECT_TRUE(app::verify_password("Методист2026", stored->password_hash));
  EXPECT_EQ(a.db->read([&](storage::Connection& c) { return acc::roles_of(c, id); }).size(), 1u);

  n.login = "COORDINATOR";
  EXPECT_EQ(error_of([&] { app::create_account(a, n); }).field(), "login");  // same login, other case
  n.login = "other";
  EXPECT_EQ(error_of([&] { app::create_account(a, n); }).kind(), domain::ErrorKind::conflict);  // same e-mail
  n.email = "";
  n.roles = {{0, 0, "municipal_coordinator", region, std::nullopt}};  // a region, not a municipality
  EXPECT_EQ(error_of([&] { app::create_account(a, n); }).field(), "roles");
  n.roles = {{0, 0, "school_admin", std::nullopt, std::nullopt}};
  EXPECT_EQ(error_of([&] { app::create_account(a, n); }).field(), "roles");
  n.roles = {{0, 0, "wizard", std::nullopt, std::nullopt}};
  EXPECT_EQ(error_of([&] { app::create_account(a, n); }).field(), "roles");
  // Nothing of the rejected accounts was stored; the audit log has one entry.
  EXPECT_EQ(a.db->read([](storage::Connection& c) { return acc::count_accounts(c); }), 1);
  EXPECT_EQ(a.db->read([](storage::Connection& c) {
    return c.scalar("SELECT count(*) FROM audit_log WHERE entity = 'account'");
  }),
            1);
}

TEST_P(AccountsTest, AuditLogIsAppendOnly) {
  TestDatabase t(GetParam());
  t.db->write([](storage::Connection& c) {
    acc::append_audit(c, {std::nullopt, "create", "test", 1, {}, "{}", "r1", {}});
  });
  EXPECT_THROW(t.db->write([](storage::Connection& c) { c.execute("UPDATE audit_log SET action = 'forged'"); }),
               storage::Error);
  EXPECT_THROW(t.db->write([](storage::Connection& c) { c.execute("DELETE FROM audit_log"); }), storage::Error);
  EXPECT_EQ(t.db->read([](storage::Connection& c) {
    return c.scalar("SELECT count(*) FROM audit_log WHERE action = 'create'");
  }),
            1);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountsTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });
