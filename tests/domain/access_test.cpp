#include "domain/access.hpp"

#include <gtest/gtest.h>

#include "support/errors.hpp"

using namespace metodist::domain;
using metodist::testing::error_of;

TEST(Roles, OneTableWithRussianTitlesAndScopes) {
  ASSERT_EQ(roles().size(), 8u);
  EXPECT_EQ(find_role("municipal_coordinator")->scope, ScopeKind::territory);
  EXPECT_EQ(find_role("municipal_coordinator")->scope_level, "municipality");
  EXPECT_EQ(find_role("regional_ministry")->scope_level, "region");
  EXPECT_EQ(find_role("school_admin")->scope, ScopeKind::organisation);
  EXPECT_EQ(find_role("teacher")->scope, ScopeKind::person);
  EXPECT_EQ(find_role("federal_operator")->title, "Федеральный оператор");
  EXPECT_EQ(find_role("superuser"), nullptr);
}

TEST(Logins, AcceptSimpleNamesOnly) {
  validate_login("i.ivanova-2");
  EXPECT_EQ(error_of([] { validate_login("иванова"); }).field(), "login");
  EXPECT_EQ(error_of([] { validate_login("ab"); }).field(), "login");
  EXPECT_EQ(error_of([] { validate_login("a b c"); }).field(), "login");
}

TEST(Emails, NeedAnAtAndADomain) {
  validate_email("metodist@iro74.ru");
  for (const char* bad : {"no-at.ru", "@iro.ru", "a@b", "a@b.", "a b@c.ru", "a@b@c.ru"})
    EXPECT_EQ(error_of([&] { validate_email(bad); }).field(), "email") << bad;
}

TEST(Passwords, RulesAreExplainedInRussian) {
  validate_new_password("Методист2026", "ivanova");
  auto too_short = error_of([] { validate_new_password("abc123", "x"); });
  EXPECT_EQ(too_short.field(), "password");
  EXPECT_NE(std::string(too_short.what()).find("10 символов"), std::string::npos);
  EXPECT_EQ(error_of([] { validate_new_password("onlyletterspassword", "x"); }).field(), "password");
  EXPECT_EQ(error_of([] { validate_new_password("12345678901", "x"); }).field(), "password");
  EXPECT_EQ(error_of([] { validate_new_password("ivanova2026!", "Ivanova"); }).field(), "password");
  EXPECT_EQ(error_of([] { validate_new_password("Password123", "x"); }).field(), "password");
}
