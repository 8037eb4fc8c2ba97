#include "domain/access.hpp"
#include "domain/sections.hpp"

#include <gtest/gtest.h>

#include <algorithm>

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

TEST(Scopes, EachActionHasItsOwnRoles) {
  const std::vector<Grant> coordinator{{"municipal_coordinator", 7, std::nullopt}};
  const std::vector<Grant> methodist{{"methodist", 2, std::nullopt}};
  const std::vector<Grant> school{{"school_admin", std::nullopt, 40}};
  const std::vector<Grant> federal{{"federal_operator", std::nullopt, std::nullopt}};
  EXPECT_EQ(scope_for(Action::read_registry, coordinator, {}).territories, (std::vector<std::int64_t>{7}));
  EXPECT_EQ(scope_for(Action::manage_accounts, coordinator, {}).territories, (std::vector<std::int64_t>{7}));
  EXPECT_TRUE(scope_for(Action::read_audit, coordinator, {}).empty());
  EXPECT_FALSE(scope_for(Action::read_personal, coordinator, {}).empty());

  EXPECT_FALSE(scope_for(Action::read_registry, methodist, {}).empty());
  EXPECT_TRUE(scope_for(Action::read_personal, methodist, {}).empty());
  EXPECT_TRUE(scope_for(Action::write_registry, methodist, {}).empty());

  EXPECT_EQ(scope_for(Action::read_personal, school, {}).organisations, (std::vector<std::int64_t>{40}));
  EXPECT_TRUE(scope_for(Action::manage_accounts, school, {}).empty());

  EXPECT_TRUE(scope_for(Action::read_audit, federal, {}).everything);
  const std::vector<Grant> teacher{{"teacher", std::nullopt, std::nullopt}};
  EXPECT_EQ(scope_for(Action::read_personal, teacher, 99).person, 99);
  EXPECT_TRUE(scope_for(Action::read_personal, teacher, std::nullopt).empty());  // no linked person, nothing
  // Grants add up.
  std::vector<Grant> both = coordinator;
  both.push_back(school[0]);
  const auto s = scope_for(Action::read_registry, both, {});
  EXPECT_EQ(s.territories.size(), 1u);
  EXPECT_EQ(s.organisations.size(), 1u);
}

TEST(Scopes, IndividualDiagnosticResultsAreForThePersonAndTheirSchoolOnly) {
  const std::vector<Grant> coordinator{{"municipal_coordinator", 7, std::nullopt}};
  const std::vector<Grant> methodist{{"methodist", 2, std::nullopt}};
  const std::vector<Grant> school{{"school_admin", std::nullopt, 40}};
  const std::vector<Grant> teacher{{"teacher", std::nullopt, std::nullopt}};
  const std::vector<Grant> federal{{"federal_operator", std::nullopt, std::nullopt}};
  EXPECT_TRUE(scope_for(Action::read_diagnostics, coordinator, {}).empty());  // aggregates only
  EXPECT_TRUE(scope_for(Action::read_diagnostics, methodist, {}).empty());    // until assigned
  EXPECT_TRUE(scope_for(Action::read_diagnostics, federal, {}).empty());
  EXPECT_EQ(scope_for(Action::read_diagnostics, school, {}).organisations, (std::vector<std::int64_t>{40}));
  EXPECT_EQ(scope_for(Action::read_diagnostics, teacher, 99).person, 99);
  // Running campaigns: the administering roles, not schools or methodists.
  EXPECT_EQ(scope_for(Action::manage_diagnostics, coordinator, {}).territories, (std::vector<std::int64_t>{7}));
  EXPECT_TRUE(scope_for(Action::manage_diagnostics, school, {}).empty());
  EXPECT_TRUE(scope_for(Action::manage_diagnostics, methodist, {}).empty());
  EXPECT_TRUE(scope_for(Action::manage_diagnostics, federal, {}).everything);
}

TEST(Scopes, PersonalDataStopsAtTheConfiguredLevel) {
  const std::vector<Grant> region{{"regional_ministry", 2, std::nullopt}};
  const std::vector<Grant> coordinator{{"municipal_coordinator", 7, std::nullopt}};
  const std::vector<Grant> school{{"school_admin", std::nullopt, 40}};
  const std::vector<Grant> teacher{{"teacher", std::nullopt, std::nullopt}};
  AccessPolicy municipal{AdminLevel::municipality};
  EXPECT_TRUE(scope_for(Action::read_personal, region, {}, municipal).empty());
  EXPECT_EQ(scope_for(Action::read_personal, coordinator, {}, municipal).territories, (std::vector<std::int64_t>{7}));
  AccessPolicy school_only{AdminLevel::organisation};
  EXPECT_TRUE(scope_for(Action::read_personal, coordinator, {}, school_only).empty());
  EXPECT_EQ(scope_for(Action::read_personal, school, {}, school_only).organisations, (std::vector<std::int64_t>{40}));
  EXPECT_EQ(scope_for(Action::read_personal, teacher, 5, school_only).person, 5);  // one's own data, always
  // Reading the registry is not affected.
  EXPECT_FALSE(scope_for(Action::read_registry, region, {}, school_only).empty());
  EXPECT_EQ(parse_admin_level("region"), AdminLevel::region);
  EXPECT_EQ(parse_admin_level("district"), std::nullopt);
}

TEST(Scopes, EventsAreHeldByAdministratorsSchoolsAndMethodistsSupportIsCoordinatedByTerritories) {
  const std::vector<Grant> coordinator{{"municipal_coordinator", 7, std::nullopt}};
  const std::vector<Grant> methodist{{"methodist", 2, std::nullopt}};
  const std::vector<Grant> school{{"school_admin", std::nullopt, 40}};
  const std::vector<Grant> teacher{{"teacher", std::nullopt, std::nullopt}};
  const std::vector<Grant> expert{{"expert", std::nullopt, std::nullopt}};
  EXPECT_EQ(scope_for(Action::organise_events, coordinator, {}).territories, (std::vector<std::int64_t>{7}));
  EXPECT_EQ(scope_for(Action::organise_events, methodist, {}).territories, (std::vector<std::int64_t>{2}));
  EXPECT_EQ(scope_for(Action::organise_events, school, {}).organisations, (std::vector<std::int64_t>{40}));
  EXPECT_TRUE(scope_for(Action::organise_events, teacher, 99).empty());
  EXPECT_TRUE(scope_for(Action::organise_events, expert, {}).empty());

  EXPECT_EQ(scope_for(Action::coordinate_support, coordinator, {}).territories, (std::vector<std::int64_t>{7}));
  EXPECT_TRUE(scope_for(Action::coordinate_support, methodist, {}).empty());
  EXPECT_TRUE(scope_for(Action::coordinate_support, school, {}).empty());
  EXPECT_TRUE(scope_for(Action::coordinate_support, teacher, 99).empty());
}

TEST(Scopes, EveryoneReadsTheirOwnDiagnosticsAndSupportWidensAMethodistsView) {
  const std::vector<Grant> methodist{{"methodist", 2, std::nullopt}};
  EXPECT_EQ(scope_for(Action::read_diagnostics, methodist, 77).person, 77);
  EXPECT_TRUE(scope_for(Action::read_diagnostics, methodist, std::nullopt).empty());
  const Support support{{40}, {501, 502}};
  const auto s = scope_for(Action::read_diagnostics, methodist, 77, {}, support);
  EXPECT_EQ(s.organisations, (std::vector<std::int64_t>{40}));
  EXPECT_EQ(s.persons, (std::vector<std::int64_t>{501, 502}));
  EXPECT_EQ(scope_for(Action::read_personal, methodist, {}, {}, support).persons.size(), 2u);
  // Support opens nothing else, and nothing to other roles.
  EXPECT_TRUE(scope_for(Action::write_staff, methodist, {}, {}, support).empty());
  const std::vector<Grant> coordinator{{"municipal_coordinator", 7, std::nullopt}};
  EXPECT_TRUE(scope_for(Action::read_diagnostics, coordinator, {}, {}, support).empty());
}

TEST(Scopes, PersonalDataReachesAdministratorsUpToTheConfiguredLevel) {
  const std::vector<Grant> region{{"regional_ministry", 1, std::nullopt}};
  const std::vector<Grant> municipality{{"municipal_coordinator", 7, std::nullopt}};
  const std::vector<Grant> school{{"school_admin", std::nullopt, 40}};
  AccessPolicy policy;
  policy.personal_data_up_to = AdminLevel::municipality;
  EXPECT_TRUE(scope_for(Action::read_personal, region, {}, policy).empty());
  EXPECT_EQ(scope_for(Action::read_personal, municipality, {}, policy).territories, (std::vector<std::int64_t>{7}));
  policy.personal_data_up_to = AdminLevel::organisation;
  EXPECT_TRUE(scope_for(Action::read_personal, municipality, {}, policy).empty());
  EXPECT_EQ(scope_for(Action::read_personal, school, {}, policy).organisations, (std::vector<std::int64_t>{40}));
  // The level limits personal data only: the region still reads its registries.
  EXPECT_EQ(scope_for(Action::read_registry, region, {}, policy).territories, (std::vector<std::int64_t>{1}));
}

TEST(Scopes, EveryRoleHasAReachForEveryAction) {
  ASSERT_EQ(rights().size(), static_cast<std::size_t>(Action::coordinate_support) + 1);
  for (const auto& role : roles()) {
    // Only a methodist reaches «supported» schools and teachers.
    for (const auto& right : rights())
      if (right.reach[static_cast<std::size_t>(&role - roles().data())] == Reach::supported)
        EXPECT_EQ(role.code, "methodist") << right.title;
  }
  EXPECT_EQ(reach_of(Action::read_audit, *find_role("federal_operator")), Reach::scope);
  EXPECT_EQ(reach_of(Action::read_audit, *find_role("regional_ministry")), Reach::none);
}

// The menu of each role (domain/sections): a teacher's own work, not the
// administration of territories; the methodist's cabinet is theirs alone.
TEST(Sections, EachRoleIsOfferedItsOwnWork) {
  using metodist::domain::sections_of_roles;
  const auto has = [](const std::vector<std::string>& list, const char* s) {
    return std::find(list.begin(), list.end(), s) != list.end();
  };
  const std::vector<std::string> teacher_roles{"teacher"};
  const auto teacher = sections_of_roles(teacher_roles);
  for (const char* own : {"programs", "events", "help", "communities", "library", "support", "active"})
    EXPECT_TRUE(has(teacher, own)) << own;
  for (const char* other :
       {"territories", "roadmaps", "organisations", "persons", "import", "data_quality", "api", "cabinet", "accounts"})
    EXPECT_FALSE(has(teacher, other)) << other;
  const std::vector<std::string> expert_roles{"expert"};
  const auto expert = sections_of_roles(expert_roles);
  EXPECT_TRUE(has(expert, "practices"));
  EXPECT_FALSE(has(expert, "monitoring"));
  EXPECT_FALSE(has(expert, "diagnostics"));
  // Roles add up: an expert who teaches is offered both.
  const std::vector<std::string> both{"expert", "teacher"};
  EXPECT_TRUE(has(sections_of_roles(both), "support"));
  EXPECT_TRUE(has(sections_of_roles(both), "practices"));
  const std::vector<std::string> methodist{"methodist"};
  EXPECT_TRUE(has(sections_of_roles(methodist), "cabinet"));
  EXPECT_FALSE(has(sections_of_roles(methodist), "support"));
  const std::vector<std::string> region{"regional_ministry"};
  for (const char* s : {"territories", "roadmaps", "monitoring", "api", "accounts", "audit"})
    EXPECT_TRUE(has(sections_of_roles(region), s)) << s;
  const std::vector<std::string> unknown{"janitor"};
  EXPECT_TRUE(sections_of_roles(unknown).empty());
}

TEST(Sections, AMemberOfAnActiveWorksInTheCabinetBeforeAnyMethodistRole) {
  const std::vector<std::string> teacher{"teacher"};
  const auto member = metodist::domain::sections_of_roles(teacher, true);
  EXPECT_NE(std::find(member.begin(), member.end(), "cabinet"), member.end());
  const auto plain = metodist::domain::sections_of_roles(teacher, false);
  EXPECT_EQ(std::find(plain.begin(), plain.end(), "cabinet"), plain.end());
}
