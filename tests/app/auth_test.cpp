#include "app/auth.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "app/accounts.hpp"
#include "app/passwords.hpp"
#include "domain/date.hpp"
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
  }),
            0);
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

TEST(LoginDelay, GrowsFromTheFourthFailureAndIsCapped) {
  const app::LoginPolicy p;
  EXPECT_EQ(app::login_delay(p, 0).count(), 0);
  EXPECT_EQ(app::login_delay(p, 2).count(), 0);
  EXPECT_EQ(app::login_delay(p, 3).count(), 5);
  EXPECT_EQ(app::login_delay(p, 4).count(), 10);
  EXPECT_EQ(app::login_delay(p, 6).count(), 40);
  EXPECT_EQ(app::login_delay(p, 12).count(), 900);
  EXPECT_EQ(app::login_delay(p, 1'000'000).count(), 900);
}

TEST_P(AuthTest, AStrangerGuessingElsewhereDoesNotLockTheOwnerOut) {
  // Three wrong passwords from one address: that address waits, the owner at
  // another address signs in at once. (A minute's first wait, so that a slow
  // machine cannot outlast it between the calls.)
  app::LoginPolicy policy;
  policy.first_delay = std::chrono::seconds(60);
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(error_of([&] { app::login(app_, "ivanova", "Неверный2026", "10.6.6.6", policy); }).kind(),
              domain::ErrorKind::unauthorized);
  const auto waits = error_of([&] { app::login(app_, "ivanova", "Методист2026", "10.6.6.6", policy); });
  EXPECT_EQ(waits.kind(), domain::ErrorKind::too_many_requests);
  // The wait is counted from the last failure, in whole seconds: what is left of the minute.
  const std::string text = waits.what();
  const auto at = text.find("Повторите через ");
  ASSERT_NE(at, std::string::npos) << text;
  const int left = std::atoi(text.c_str() + at + std::string("Повторите через ").size());
  EXPECT_TRUE(left >= 1 && left <= 60) << text;
  EXPECT_EQ(app::login(app_, "ivanova", "Методист2026", "10.0.0.1", policy).caller.account_id, account_);
}

TEST_P(AuthTest, LoginAndEmailShareOneCounter) {
  app::LoginPolicy policy;
  policy.first_delay = std::chrono::seconds(60);
  for (const char* who : {"ivanova", "IVANOVA@example.ru", "ivanova"})
    error_of([&] { app::login(app_, who, "Неверный2026", "10.0.0.5", policy); });
  // The fourth attempt waits whichever identifier is typed.
  EXPECT_EQ(error_of([&] { app::login(app_, "ivanova@example.ru", "Методист2026", "10.0.0.5", policy); }).kind(),
            domain::ErrorKind::too_many_requests);
  EXPECT_EQ(error_of([&] { app::login(app_, "ivanova", "Методист2026", "10.0.0.5", policy); }).kind(),
            domain::ErrorKind::too_many_requests);
}

TEST_P(AuthTest, TheWaitEndsAndTheRightPasswordThenWorks) {
  app::LoginPolicy policy;
  policy.first_delay = std::chrono::seconds(60);
  for (int i = 0; i < 3; ++i) error_of([&] { app::login(app_, "ivanova", "Неверный2026", "10.0.0.7", policy); });
  EXPECT_EQ(error_of([&] { app::login(app_, "ivanova", "Методист2026", "10.0.0.7", policy); }).kind(),
            domain::ErrorKind::too_many_requests);
  // Two minutes pass (the failures are moved back, still inside the 15-minute window).
  const auto earlier = domain::utc_timestamp(std::chrono::system_clock::now() - std::chrono::minutes(2));
  app_.db->write([&](storage::Connection& c) { c.execute("UPDATE login_failures SET failed_at = $1", {earlier}); });
  EXPECT_EQ(app::login(app_, "ivanova", "Методист2026", "10.0.0.7", policy).caller.account_id, account_);
}

TEST_P(AuthTest, ThrottlesPerAddressAcrossAccounts) {
  app::LoginPolicy policy;
  policy.max_failures_per_address = 4;
  for (int i = 0; i < 4; ++i)
    error_of([&] { app::login(app_, "guess" + std::to_string(i), "Неверный2026", "10.9.9.9", policy); });
  const auto capped = error_of([&] { app::login(app_, "ivanova", "Методист2026", "10.9.9.9", policy); });
  EXPECT_EQ(capped.kind(), domain::ErrorKind::too_many_requests);
  EXPECT_NE(std::string(capped.what()).find("С этого адреса"), std::string::npos);
  EXPECT_EQ(app::login(app_, "ivanova", "Методист2026", "10.1.1.1", policy).caller.account_id, account_);
}

TEST_P(AuthTest, SuccessfulLoginClearsThePairsFailures) {
  for (int i = 0; i < 2; ++i) error_of([&] { app::login(app_, "ivanova", "Неверный2026", "10.0.0.1"); });
  app::login(app_, "ivanova", "Методист2026", "10.0.0.1");
  for (int i = 0; i < 2; ++i) error_of([&] { app::login(app_, "ivanova", "Неверный2026", "10.0.0.1"); });
  EXPECT_NO_THROW(app::login(app_, "ivanova", "Методист2026", "10.0.0.1"));
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
  EXPECT_EQ(error_of([&] { app::change_password(app_, caller, "Неверный2026", "НовыйПароль2027"); }).field(),
            "old_password");
  EXPECT_EQ(error_of([&] { app::change_password(app_, caller, "Методист2026", "short1"); }).field(), "new_password");
  EXPECT_EQ(error_of([&] { app::change_password(app_, caller, "Методист2026", "Методист2026"); }).field(),
            "new_password");
  app::change_password(app_, caller, "Методист2026", "НовыйПароль2027");
  EXPECT_TRUE(app::authenticate(app_, here.token));
  EXPECT_FALSE(app::authenticate(app_, elsewhere.token));
  EXPECT_EQ(error_of([&] { app::login(app_, "ivanova", "Методист2026", "10.0.0.3"); }).kind(),
            domain::ErrorKind::unauthorized);
  EXPECT_NO_THROW(app::login(app_, "ivanova", "НовыйПароль2027", "10.0.0.3"));
  EXPECT_GE(app_.db->read([&](storage::Connection& c) {
    return c.scalar("SELECT count(*) FROM audit_log WHERE action = 'change_password' AND account_id = $1", {account_});
  }),
            1);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthTest, metodist::testing::kBackends, [](const auto& info) { return info.param; });
