// Sessions recognised from a server's memory stop working within one request
// when another server ends them: a logout, a block, a new role — on both
// backends, with two app instances on one database.
#include "app/session_cache.hpp"

#include <gtest/gtest.h>

#include "app/accounts.hpp"
#include "app/auth.hpp"
#include "support/demo_app.hpp"

using namespace metodist;

namespace {

constexpr const char* kPassword = "Методист2026";

class SessionCacheTest : public metodist::testing::DemoAppTest {
 protected:
  app::Caller admin() { return *app::authenticate(app_, app::login(app_, "admin", kPassword, "127.0.0.1").token); }
};

TEST_P(SessionCacheTest, ALogoutOnAnotherServerEndsTheSessionAtOnce) {
  const auto token = app::login(app_, "teacher", kPassword, "127.0.0.1").token;
  auto other = second_server();
  const auto first = app::authenticate(app_, token);
  ASSERT_TRUE(first);
  const auto again = app::authenticate(app_, token);  // from memory now
  ASSERT_TRUE(again);
  EXPECT_EQ(again->account_id, first->account_id);
  EXPECT_EQ(again->roles.size(), first->roles.size());
  EXPECT_EQ(again->csrf_token, first->csrf_token);
  ASSERT_TRUE(app::authenticate(other, token));
  app::logout(other, *app::authenticate(other, token));
  EXPECT_FALSE(app::authenticate(app_, token));
  EXPECT_FALSE(app::authenticate(other, token));
}

TEST_P(SessionCacheTest, ABlockOrANewRoleOnAnotherServerIsSeenByTheNextRequest) {
  const auto token = app::login(app_, "teacher", kPassword, "127.0.0.1").token;
  const auto teacher = app::authenticate(app_, token);
  ASSERT_TRUE(teacher);
  auto other = second_server();
  const auto roles = teacher->roles.size();
  app::add_role(other, admin(), teacher->account_id, {0, 0, "expert", territory("RU-01"), {}});
  const auto now = app::authenticate(app_, token);
  ASSERT_TRUE(now);
  EXPECT_EQ(now->roles.size(), roles + 1);
  app::set_account_active(other, admin(), teacher->account_id, false);
  EXPECT_FALSE(app::authenticate(app_, token));
}

TEST_P(SessionCacheTest, AnApiTokenIsNeverACookieEvenFromMemory) {
  const auto token = app::login(app_, "admin", kPassword, "127.0.0.1").token;
  const auto api = app::create_api_token(app_, *app::authenticate(app_, token), "проверка").token;
  EXPECT_TRUE(app::authenticate(app_, api, false));
  EXPECT_FALSE(app::authenticate(app_, api, true));
  EXPECT_TRUE(app::authenticate(app_, api, false));
}

TEST(SessionCacheMemory, ASessionIsTakenFromMemoryOnlyWhileNoCommitCameSinceTheVersionWasRead) {
  app::SessionCache cache;
  auto caller = std::make_shared<app::Caller>();
  caller->account_id = 7;
  const std::string now = "2026-12-05T10:00:00Z", later = "2026-12-06T10:00:00Z";
  EXPECT_FALSE(cache.find_uncommitted("d", 5, now)) << "no version read yet";
  cache.version_read(5, 40);
  cache.put("d", 40, later, caller);
  ASSERT_TRUE(cache.find_uncommitted("d", 5, now));
  EXPECT_EQ((*cache.find_uncommitted("d", 5, now))->account_id, 7);
  EXPECT_FALSE(cache.find_uncommitted("d", 6, now)) << "a commit came: the version must be read again";
  EXPECT_FALSE(cache.find_uncommitted("other", 5, now));
  // A slower request stores an older reading: the next request reads the version again, never a stale one.
  cache.version_read(4, 39);
  EXPECT_FALSE(cache.find_uncommitted("d", 5, now));
  cache.version_read(5, 40);
  EXPECT_TRUE(cache.find_uncommitted("d", 5, now));
  cache.version_read(6, 41);  // the access version moved: the entry of version 40 no longer holds
  EXPECT_FALSE(cache.find_uncommitted("d", 6, now));
  EXPECT_FALSE(cache.find("d", 41, now));
  cache.put("d", 41, "2026-12-05T11:00:00Z", caller);
  EXPECT_TRUE(cache.find_uncommitted("d", 6, now));
  EXPECT_FALSE(cache.find_uncommitted("d", 6, later)) << "the session's own end still ends it";
}

INSTANTIATE_TEST_SUITE_P(Backends, SessionCacheTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });

}  // namespace
