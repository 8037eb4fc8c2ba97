#include "app/registry.hpp"

#include <gtest/gtest.h>

#include "app/demo.hpp"
#include "domain/error.hpp"
#include "support/errors.hpp"
#include "support/test_db.hpp"

using namespace metodist;
using metodist::testing::TestDatabase;
using metodist::testing::error_of;

namespace {

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
  const auto created = app::create_organisation(a, o);
  EXPECT_GT(created.id, 0);
  EXPECT_EQ(created.code, "ORG-1");  // trimmed
  EXPECT_EQ(app::get_organisation(a, created.id).name, "Школа №1");

  auto dup = error_of([&] { app::create_organisation(a, o); });
  EXPECT_EQ(dup.kind(), domain::ErrorKind::conflict);
  EXPECT_EQ(dup.field(), "code");

  o.code = "ORG-2";
  o.territory_id = 999999;
  auto missing = error_of([&] { app::create_organisation(a, o); });
  EXPECT_EQ(missing.field(), "territory_id");

  o.territory_id = 1;  // the federation itself
  EXPECT_EQ(error_of([&] { app::create_organisation(a, o); }).field(), "territory_id");
  EXPECT_EQ(app::list_organisations(a, {}).total, 1);  // nothing half-written

  EXPECT_EQ(error_of([&] { app::get_organisation(a, 424242); }).kind(), domain::ErrorKind::not_found);
}

TEST_P(AppRegistryTest, DemoIsDeterministicAndRefusesNonEmptyDatabases) {
  TestDatabase t1(GetParam()), t2(GetParam());
  const auto r1 = app::generate_demo(*t1.db, {"district", 7, "2025-09-01"}, nullptr);
  const auto r2 = app::generate_demo(*t2.db, {"district", 7, "2025-09-01"}, nullptr);
  EXPECT_EQ(r1.organisations, r2.organisations);
  EXPECT_EQ(r1.persons, r2.persons);
  // district ≈ 15 schools / 250 teachers
  EXPECT_EQ(t1.db->read([](storage::Connection& c) { return c.scalar("SELECT count(*) FROM organisations WHERE kind = 'school'"); }), 15);
  const auto workers = t1.db->read([](storage::Connection& c) {
    return storage::registry::summary(c, std::nullopt, "2026-01-01").pedagogical_workers;
  });
  EXPECT_GT(workers, 200);
  EXPECT_LT(workers, 320);
  auto names = [](storage::Database& db) {
    return db.read([](storage::Connection& c) {
      std::string all;
      c.run("SELECT last_name, first_name, birth_date, category FROM persons ORDER BY id", {},
            [&](const storage::Row& r) { all += r.text(0) + r.text(1) + r.text(2) + r.text(3) + ";"; });
      return all;
    });
  };
  EXPECT_EQ(names(*t1.db), names(*t2.db));
  EXPECT_EQ(error_of([&] { app::generate_demo(*t1.db, {"district", 7}, nullptr); }).kind(), domain::ErrorKind::conflict);
  EXPECT_EQ(error_of([&] { app::generate_demo(*t1.db, {"galaxy", 7}, nullptr); }).field(), "scale");
  EXPECT_EQ(error_of([&] { app::generate_demo(*t1.db, {"district", 7, "01.09.2025"}, nullptr); }).field(), "date");
}

INSTANTIATE_TEST_SUITE_P(Backends, AppRegistryTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });
