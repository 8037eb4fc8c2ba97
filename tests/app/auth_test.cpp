#include "app/auth.hpp"

#include <gtest/gtest.h>

#include "app/accounts.hpp"
#include "app/passwords.hpp"
#include "support/errors.hpp"
#include "support/test_db.hpp"

using namespace metodist;
using metodist::testing::error_of;
using metodist::testing::TestDatabase;

class AuthTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    app::init_password_hashing(2);
    db_ = std::make_unique<TestDatabase>(GetParam());
    app_.db = std::move(db_->db);
    app::NewAccount n;
    n.login = "ivanova";
    n.email = "ivanova@example.ru";
    n.display_name = "Иванова А. П.";
    n.password = "Методист2026";
    n.roles = {{0, 0, "federal_operator", std::nullopt, std::nullopt}};
    account_ = app::create_account(app_, n);
  }
  std::unique_ptr<TestDatabase> db_;
  app::App app_;
  std::int64_t account_ = 0;
};

TEST_P(AuthTest, LoginByLoginOrEmailGivesASessionThatAuthenticates) {
  const auto r = app::login(app_, "IVANOVA", "Методист2026", "10.0.0.1");
  EXPECT_EQ(r.token.size(), 64u);
  EXPECT_EQ(r.caller.account_id, account_);
  ASSERT_EQ(r.caller.roles.size(), 1u);
  EXPECT_EQ(r.caller.roles[0].role, "federal_operator");
  const auto caller = app::authenticate(app_, r.token);
  ASSERT_TRUE(caller);
  EXPECT_EQ(caller->login, "ivanova");
  EXPECT_EQ(caller->csrf_token, r.caller.csrf_token);
  EXPECT_TRUE(app::login(app_, "ivanova@example.ru", "Методист2026", "10.0.0.1").token.size() == 64);
  // The database keeps the digest, never the token.
  EXPECT_EQ(app_.db->read([&](storage::Connection& c) {
    return c.scalar("SELECT count(*) FROM sessions WHERE token_digest = $1", {r.token});
  }), 0);
  EXPECT_FALSE(app::authenticate(app_, std::string(64, 'a')));
  EXPECT_FALSE(app::authenticate(app_, "short"));
}

TEST_P(AuthTest, WrongPasswordAndUnknownLoginLookTheSame) {
  const auto wrong = error_of([&] { app::login(app_, "ivanova", "Неверный2026", "10.0.0.1"); });
  const auto unknown = error_of([&] { app::login(app_, "nobody", "Неверный2026", "10.0.0.1"); });
  EXPECT_EQ(wrong.kind(), domain::ErrorKind::unauthorized);
  EXPECT_EQ(std::string(wrong.what()), std::string(unknown.what()));
  EXPECT_EQ(error_of([&] { app::login(app_, "", "x", "10.0.0.1"); }).field(), "login");
  EXPECT_EQ(error_of([&] { app::login(app_, "ivanova", "", "10.0.0.1"); }).field(), "password");
}

TEST_P(AuthTest, ThrottlesPerAccountThenEvenTheRightPasswordWaits) {
  app::LoginPolicy policy;
  policy.max_failures_per_account = 3;
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(error_of([&] { app::login(app_, "ivanova", "Неверный2026", "10.0.0." + std::to_string(i), policy); }).kind(),
              domain::ErrorKind::unauthorized);
  const auto locked = error_of([&] { app::login(app_, "ivanova", "Методист2026", "10.0.0.9", policy); });
  EXPECT_EQ(locked.kind(), domain::ErrorKind::too_many_requests);
  EXPECT_NE(std::string(locked.what()).find("Повторите через 15 минут"), std::string::npos);
}

TEST_P(AuthTest, ThrottlesPerAddressAcrossAccounts) {
  app::LoginPolicy policy;
  policy.max_failures_per_address = 4;
  for (int i = 0; i < 4; ++i) error_of([&] { app::login(app_, "guess" + std::to_string(i), "Неверный2026", "10.9.9.9", policy); });
  EXPECT_EQ(error_of([&] { app::login(app_, "ivanova", "Методист2026", "10.9.9.9", policy); }).kind(),
            domain::ErrorKind::too_many_requests);
  EXPECT_EQ(app::login(app_, "ivanova", "Методист2026", "10.1.1.1", policy).caller.account_id, account_);
}

TEST_P(AuthTest, SuccessfulLoginClearsTheAccountsFailures) {
  app::LoginPolicy policy;
  policy.max_failures_per_account = 3;
  for (int i = 0; i < 2; ++i) error_of([&] { app::login(app_, "ivanova", "Неверный2026", "10.0.0.1", policy); });
  app::login(app_, "ivanova", "Методист2026", "10.0.0.1", policy);
  for (int i = 0; i < 2; ++i) error_of([&] { app::login(app_, "ivanova", "Неверный2026", "10.0.0.1", policy); });
  EXPECT_NO_THROW(app::login(app_, "ivanova", "Методист2026", "10.0.0.1", policy));
}

TEST_P(AuthTest, ExpiredSessionsAndLoggedOutSessionsDoNotAuthenticate) {
  app::LoginPolicy instant;
  instant.session_lifetime = std::chrono::hours(0);
  const auto expired = app::login(app_, "ivanova", "Методист2026", "10.0.0.1", instant);
  EXPECT_FALSE(app::authenticate(app_, expired.token));
  const auto live = app::login(app_, "ivanova", "Методист2026", "10.0.0.1");
  auto caller = app::authenticate(app_, live.token);
  ASSERT_TRUE(caller);
  app::logout(app_, *caller);
  EXPECT_FALSE(app::authenticate(app_, live.token));
}

TEST_P(AuthTest, ChangingThePasswordChecksRulesAndEndsOtherSessions) {
  const auto here = app::login(app_, "ivanova", "Методист2026", "10.0.0.1");
  const auto elsewhere = app::login(app_, "ivanova", "Методист2026", "10.0.0.2");
  const auto caller = *app::authenticate(app_, here.token);
  EXPECT_EQ(error_of([&] { app::change_password(app_, caller, "Неверный2026", "НовыйПароль2027"); }).field(), "old_password");
  EXPECT_EQ(error_of([&] { app::change_password(app_, caller, "Методист2026", "short1"); }).field(), "new_password");
  EXPECT_EQ(error_of([&] { app::change_password(app_, caller, "Методист2026", "Методист2026"); }).field(), "new_password");
  app::change_password(app_, caller, "Методист2026", "НовыйПароль2027");
  EXPECT_TRUE(app::authenticate(app_, here.token));
  EXPECT_FALSE(app::authenticate(app_, elsewhere.token));
  EXPECT_EQ(error_of([&] { app::login(app_, "ivanova", "Методист2026", "10.0.0.3"); }).kind(), domain::ErrorKind::unauthorized);
  EXPECT_NO_THROW(app::login(app_, "ivanova", "НовыйПароль2027", "10.0.0.3"));
  EXPECT_GE(app_.db->read([&](storage::Connection& c) {
    return c.scalar("SELECT count(*) FROM audit_log WHERE action = 'change_password' AND account_id = $1", {account_});
  }), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });
