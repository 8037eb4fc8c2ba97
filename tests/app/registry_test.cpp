#include "app/registry.hpp"

#include <gtest/gtest.h>

#include "app/demo.hpp"
#include "app/passwords.hpp"
#include "domain/error.hpp"
#include "support/errors.hpp"
#include "support/test_db.hpp"

using namespace metodist;
using metodist::testing::error_of;
using metodist::testing::TestDatabase;

namespace {

app::Caller caller_with(const std::string& role, std::optional<std::int64_t> territory = {},
                        std::optional<std::int64_t> organisation = {}) {
  app::Caller c;
  c.account_id = 0;
  c.login = role;
  c.roles = {{0, 0, role, territory, organisation}};
  return c;
}

app::App make_app(TestDatabase& t) {
  app::App a;
  a.db = std::move(t.db);
  return a;
}

}  // namespace

class AppRegistryTest : public ::testing::TestWithParam<std::string> {};

TEST_P(AppRegistryTest, CreateOrganisationValidatesStoresAndRejectsDuplicates) {
  TestDatabase t(GetParam());
  auto a = make_app(t);
  const auto region = a.db->write([](storage::Connection& c) {
    const auto ru = storage::registry::insert_territory(c, {0, std::nullopt, "federation", "RU", "РФ"});
    return storage::registry::insert_territory(c, {0, ru, "region", "R", "Регион"});
  });
  domain::Organisation o;
  o.code = "  ORG-1 ";
  o.name = "Школа №1";
  o.kind = "school";
  o.territory_id = region;
  const auto op = caller_with("federal_operator");
  const auto created = app::create_organisation(a, op, o);
  EXPECT_GT(created.id, 0);
  EXPECT_EQ(created.code, "ORG-1");  // trimmed
  EXPECT_EQ(app::get_organisation(a, op, created.id).name, "Школа №1");

  auto dup = error_of([&] { app::create_organisation(a, op, o); });
  EXPECT_EQ(dup.kind(), domain::ErrorKind::conflict);
  EXPECT_EQ(dup.field(), "code");

  o.code = "ORG-2";
  o.territory_id = 999999;
  auto missing = error_of([&] { app::create_organisation(a, op, o); });
  EXPECT_EQ(missing.field(), "territory_id");

  o.territory_id = 1;  // the federation itself
  EXPECT_EQ(error_of([&] { app::create_organisation(a, op, o); }).field(), "territory_id");
  EXPECT_EQ(app::list_organisations(a, op, {}).total, 1);  // nothing half-written

  EXPECT_EQ(error_of([&] { app::get_organisation(a, op, 424242); }).kind(), domain::ErrorKind::not_found);
}

TEST_P(AppRegistryTest, WritesNeedAWriteScopeCoveringTheTerritory) {
  TestDatabase t(GetParam());
  auto a = make_app(t);
  const auto [north, south] = a.db->write([](storage::Connection& c) {
    const auto ru = storage::registry::insert_territory(c, {0, std::nullopt, "federation", "RU", "РФ"});
    const auto r = storage::registry::insert_territory(c, {0, ru, "region", "R", "Регион"});
    return std::pair{storage::registry::insert_territory(c, {0, r, "municipality", "N", "Север"}),
                     storage::registry::insert_territory(c, {0, r, "municipality", "S", "Юг"})};
  });
  domain::Organisation o;
  o.code = "N-1";
  o.name = "Школа";
  o.kind = "school";
  o.territory_id = north;
  const auto coordinator = caller_with("municipal_coordinator", north);
  const auto created = app::create_organisation(a, coordinator, o);
  o.code = "S-1";
  o.territory_id = south;
  const auto outside = error_of([&] { app::create_organisation(a, coordinator, o); });
  EXPECT_EQ(outside.kind(), domain::ErrorKind::forbidden);
  EXPECT_EQ(outside.field(), "territory_id");
  const auto school = caller_with("school_admin", {}, created.id);
  EXPECT_EQ(error_of([&] { app::create_organisation(a, school, o); }).kind(), domain::ErrorKind::forbidden);
  // Reads: the school's administrator sees the school, the southern one is «not found».
  EXPECT_EQ(app::get_organisation(a, school, created.id).code, "N-1");
  const auto south_coordinator = caller_with("municipal_coordinator", south);
  EXPECT_EQ(error_of([&] { app::get_organisation(a, south_coordinator, created.id); }).kind(),
            domain::ErrorKind::not_found);
  EXPECT_EQ(error_of([&] { app::summary(a, south_coordinator, north); }).kind(), domain::ErrorKind::not_found);
  // Every change is in the audit log with who made it and the new state.
  const auto audit = a.db->read([](storage::Connection& c) {
    return *c.query_one("SELECT action, entity, after_json FROM audit_log WHERE entity = 'organisation'");
  });
  EXPECT_EQ(audit.text("action"), "create");
  EXPECT_NE(audit.text("after_json").find("\"code\":\"N-1\""), std::string::npos);

  // Editing: within the municipality it works and is audited with before and after;
  // moving the school to the other municipality, or editing it from there, does not.
  auto edited = created;
  edited.name = "Школа имени Пушкина";
  edited.is_shnor = true;
  EXPECT_EQ(app::update_organisation(a, coordinator, created.id, edited).name, "Школа имени Пушкина");
  EXPECT_TRUE(app::get_organisation(a, coordinator, created.id).is_shnor);
  const auto update = a.db->read([](storage::Connection& c) {
    return *c.query_one("SELECT before_json, after_json FROM audit_log WHERE action = 'update'");
  });
  EXPECT_NE(update.text("before_json").find("\"name\":\"Школа\""), std::string::npos);
  EXPECT_NE(update.text("after_json").find("Пушкина"), std::string::npos);
  edited.territory_id = south;
  EXPECT_EQ(error_of([&] { app::update_organisation(a, coordinator, created.id, edited); }).kind(),
            domain::ErrorKind::forbidden);
  EXPECT_EQ(error_of([&] { app::update_organisation(a, south_coordinator, created.id, edited); }).kind(),
            domain::ErrorKind::not_found);
  EXPECT_EQ(error_of([&] { app::update_organisation(a, school, created.id, edited); }).kind(),
            domain::ErrorKind::forbidden);
  EXPECT_EQ(app::get_organisation(a, coordinator, created.id).territory_id, north);  // unchanged
  // Another organisation's code is a conflict on the code field.
  o.code = "N-2";
  o.territory_id = north;
  const auto second = app::create_organisation(a, coordinator, o);
  auto taken = second;
  taken.code = "N-1";
  EXPECT_EQ(error_of([&] { app::update_organisation(a, coordinator, second.id, taken); }).field(), "code");
}

TEST_P(AppRegistryTest, PersonsAreAddedWithAWorkplaceAndEditedWithinScope) {
  TestDatabase t(GetParam());
  auto a = make_app(t);
  app::generate_demo(a, {"district", 7, "2025-09-01", "Методист2026"}, nullptr);
  auto id_of = [&](const char* code) {
    return a.db->read([&](storage::Connection& c) {
      return c.scalar("SELECT id FROM organisations WHERE code = $1", {std::string(code)});
    });
  };
  const auto school1 = id_of("RU-01-001-S001"), school2 = id_of("RU-01-001-S002");
  const auto school = caller_with("school_admin", {}, school1);
  domain::Person p;
  p.code = " NEW-T1 ";
  p.last_name = "Лебедева";
  p.first_name = "Нина";
  p.birth_date = "1990-05-12";
  p.gender = "f";
  domain::Position w;
  w.organisation_id = school1;
  w.position = "teacher";
  w.subject_area = "math_it";
  const auto id = app::create_person(a, school, p, w);
  const auto card = app::get_person(a, school, id);
  EXPECT_EQ(card.person.code, "NEW-T1");
  EXPECT_EQ(card.person.category, "none");
  ASSERT_EQ(card.positions.size(), 1u);
  EXPECT_EQ(card.positions[0].position.subject_area, "math_it");
  // Another school: not this administrator's.
  w.organisation_id = school2;
  p.code = "NEW-T2";
  EXPECT_EQ(error_of([&] { app::create_person(a, school, p, w); }).kind(), domain::ErrorKind::forbidden);
  // Validation names the field; a taken code is a conflict.
  w.organisation_id = school1;
  p.birth_date = "2019-01-01";
  EXPECT_EQ(error_of([&] { app::create_person(a, school, p, w); }).field(), "birth_date");
  p.birth_date = "";
  p.code = "NEW-T1";
  EXPECT_EQ(error_of([&] { app::create_person(a, school, p, w); }).kind(), domain::ErrorKind::conflict);
  w.position = "astronaut";
  p.code = "NEW-T3";
  EXPECT_EQ(error_of([&] { app::create_person(a, school, p, w); }).field(), "position");

  // Editing: the category changes, the audit keeps before/after without personal data.
  auto edited = card.person;
  edited.category = "highest";
  edited.birth_date = "1990-05-13";
  app::update_person(a, school, id, edited);
  EXPECT_EQ(app::get_person(a, school, id).person.category, "highest");
  const auto audit = a.db->read([&](storage::Connection& c) {
    return *c.query_one("SELECT before_json, after_json FROM audit_log WHERE entity = 'person' AND action = 'update'");
  });
  EXPECT_NE(audit.text("before_json").find("\"category\":\"none\""), std::string::npos);
  EXPECT_NE(audit.text("after_json").find("\"category\":\"highest\""), std::string::npos);
  EXPECT_EQ(audit.text("after_json").find("1990"), std::string::npos);
  // A coordinator who may not see personal data (site setting) cannot erase it either.
  auto coordinator = caller_with("municipal_coordinator", a.db->read([](storage::Connection& c) {
    return c.scalar("SELECT id FROM territories WHERE code = 'RU-01-001'");
  }));
  coordinator.policy.personal_data_up_to = domain::AdminLevel::organisation;
  auto blind = app::get_person(a, coordinator, id);
  EXPECT_FALSE(blind.personal_data);
  blind.person.last_name = "Лебедева-Орлова";
  app::update_person(a, coordinator, id, blind.person);
  const auto after = app::get_person(a, school, id).person;
  EXPECT_EQ(after.last_name, "Лебедева-Орлова");
  EXPECT_EQ(after.birth_date, "1990-05-13");
  EXPECT_EQ(after.gender, "f");
  // Someone from school 2 is out of this administrator's sight: not found.
  const auto other = a.db->read([&](storage::Connection& c) {
    return c.scalar("SELECT person_id FROM positions WHERE organisation_id = $1 ORDER BY id LIMIT 1", {school2});
  });
  auto other_person = app::get_person(a, caller_with("federal_operator"), other).person;
  EXPECT_EQ(error_of([&] { app::update_person(a, school, other, other_person); }).kind(), domain::ErrorKind::not_found);
}

TEST_P(AppRegistryTest, DemoIsDeterministicAndRefusesNonEmptyDatabases) {
  TestDatabase t1(GetParam()), t2(GetParam());
  app::init_password_hashing(2);
  app::App a1, a2;
  a1.db = std::move(t1.db);
  a2.db = std::move(t2.db);
  const auto r1 = app::generate_demo(a1, {"district", 7, "2025-09-01", "Методист2026"}, nullptr);
  const auto r2 = app::generate_demo(a2, {"district", 7, "2025-09-01", "Методист2026"}, nullptr);
  EXPECT_EQ(r1.accounts.size(), 7u);
  EXPECT_EQ(r1.password, "Методист2026");
  auto& t1db = a1.db;
  auto& t2db = a2.db;
  EXPECT_EQ(r1.organisations, r2.organisations);
  EXPECT_EQ(r1.persons, r2.persons);
  // district ≈ 15 schools / 250 teachers
  EXPECT_EQ(t1db->read([](storage::Connection& c) {
    return c.scalar("SELECT count(*) FROM organisations WHERE kind = 'school'");
  }),
            15);
  const auto workers = t1db->read([](storage::Connection& c) {
    domain::Scope all;
    all.everything = true;
    return storage::registry::summary(c, std::nullopt, "2026-01-01", all).pedagogical_workers;
  });
  EXPECT_GT(workers, 200);
  EXPECT_LT(workers, 320);
  auto names = [](storage::Database& db) {
    return db.read([](storage::Connection& c) {
      std::string all;
      c.run("SELECT last_name, first_name, birth_date, category FROM persons ORDER BY id", {},
            [&](const storage::Row& r) {
              all += r.text("last_name") + r.text("first_name") + r.text("birth_date") + r.text("category") + ";";
            });
      return all;
    });
  };
  EXPECT_EQ(names(*t1db), names(*t2db));
  EXPECT_EQ(error_of([&] { app::generate_demo(a1, {"district", 7}, nullptr); }).kind(), domain::ErrorKind::conflict);
  EXPECT_EQ(error_of([&] { app::generate_demo(a1, {"galaxy", 7}, nullptr); }).field(), "scale");
  EXPECT_EQ(error_of([&] { app::generate_demo(a1, {"district", 7, "01.09.2025"}, nullptr); }).field(), "date");
}

INSTANTIATE_TEST_SUITE_P(Backends, AppRegistryTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });
