// Registry SQL on both backends, on a small hand-built dataset whose expected
// counts are worked out here by hand.
#include "storage/registry_repository.hpp"

#include <gtest/gtest.h>

#include "domain/text.hpp"
#include "support/test_db.hpp"

using namespace metodist;
namespace reg = storage::registry;
using metodist::testing::TestDatabase;

namespace {
domain::Scope everything() {
  domain::Scope s;
  s.everything = true;
  return s;
}
}  // namespace

namespace {

struct World {
  std::int64_t ru, region, north, south, school_n1, school_n2, kinder_s, authority_s;
};

domain::Organisation org(std::string code, std::string name, std::string kind, std::int64_t territory, bool shnor = false) {
  domain::Organisation o;
  o.code = std::move(code);
  o.name = std::move(name);
  o.kind = std::move(kind);
  o.territory_id = territory;
  o.is_shnor = shnor;
  return o;
}

std::int64_t person(storage::Connection& c, const std::string& code, const std::string& category) {
  domain::Person p;
  p.code = code;
  p.last_name = "Фамилия" + code;
  p.first_name = "Имя";
  p.category = category;
  return reg::insert_person(c, p);
}

void position(storage::Connection& c, std::int64_t person, std::int64_t org, const std::string& pos,
              const std::string& hired = "2015-09-01", const std::string& left = "") {
  domain::Position ps;
  ps.person_id = person;
  ps.organisation_id = org;
  ps.position = pos;
  ps.hired_on = hired;
  ps.left_on = left;
  reg::insert_position(c, ps);
}

World build(storage::Database& db) {
  return db.write([](storage::Connection& c) {
    World w{};
    w.ru = reg::insert_territory(c, {0, std::nullopt, "federation", "RU", "Российская Федерация"});
    w.region = reg::insert_territory(c, {0, w.ru, "region", "R", "Челябинская область"});
    w.north = reg::insert_territory(c, {0, w.region, "municipality", "N", "Северный район"});
    w.south = reg::insert_territory(c, {0, w.region, "municipality", "S", "Южный район"});
    w.school_n1 = reg::insert_organisation(c, org("N-1", "МБОУ «Ёлкинская школа»", "school", w.north, true));
    w.school_n2 = reg::insert_organisation(c, org("N-2", "МБОУ «Школа №2»", "school", w.north));
    w.kinder_s = reg::insert_organisation(c, org("S-1", "МБДОУ «Детский сад №1»", "kindergarten", w.south));
    w.authority_s = reg::insert_organisation(c, org("S-UO", "Управление образования", "authority", w.south));
    reg::insert_organisation(c, org("R-IRO", "Институт развития образования", "institute", w.region));

    // On 2025-01-01 the pedagogical workers are A (two positions, counted once),
    // B, D; not C (left), not E (director only), not F (hired later),
    // not G (methodist of an authority is not in an educational organisation).
    const auto a = person(c, "A", "highest");
    position(c, a, w.school_n1, "teacher");
    position(c, a, w.school_n2, "teacher");
    const auto b = person(c, "B", "first");
    position(c, b, w.school_n2, "teacher");
    const auto cc = person(c, "C", "first");
    position(c, cc, w.school_n1, "teacher", "2010-09-01", "2024-06-30");
    const auto d = person(c, "D", "none");
    position(c, d, w.kinder_s, "educator");
    const auto e = person(c, "E", "highest");
    position(c, e, w.school_n1, "director");
    const auto f = person(c, "F", "none");
    position(c, f, w.school_n2, "teacher", "2025-09-01");
    const auto g = person(c, "G", "first");
    position(c, g, w.authority_s, "teacher");
    return w;
  });
}

std::vector<std::string> codes(const reg::OrganisationPage& p) {
  std::vector<std::string> out;
  for (const auto& o : p.items) out.push_back(o.code);
  return out;
}

}  // namespace

class RegistryRepositoryTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RegistryRepositoryTest, ListsTerritoriesByParentAndLevel) {
  TestDatabase t(GetParam());
  const World w = build(*t.db);
  t.db->read([&](storage::Connection& c) {
    const auto children = reg::list_territories(c, {w.region, ""}, everything());
    ASSERT_EQ(children.size(), 2u);
    EXPECT_EQ(children[0].name, "Северный район");  // ordered by name
    EXPECT_EQ(reg::list_territories(c, {std::nullopt, "region"}, everything()).size(), 1u);
    ASSERT_TRUE(reg::find_territory(c, w.south));
    EXPECT_EQ(reg::find_territory(c, w.south)->parent_id, w.region);
    EXPECT_FALSE(reg::find_territory(c, 424242));
  });
}

TEST_P(RegistryRepositoryTest, FiltersOrganisationsByTerritorySubtreeKindAndShnor) {
  TestDatabase t(GetParam());
  const World w = build(*t.db);
  t.db->read([&](storage::Connection& c) {
    reg::OrganisationFilter f;
    f.sort = "code";
    f.territory = w.north;
    EXPECT_EQ(codes(reg::list_organisations(c, f, everything())), (std::vector<std::string>{"N-1", "N-2"}));
    f.territory = w.region;  // the region, and both municipalities below it
    EXPECT_EQ(reg::list_organisations(c, f, everything()).total, 5);
    f.territory = w.ru;      // two levels down
    EXPECT_EQ(reg::list_organisations(c, f, everything()).total, 5);
    f.territory.reset();
    f.kind = "school";
    EXPECT_EQ(reg::list_organisations(c, f, everything()).total, 2);
    f.shnor = true;
    EXPECT_EQ(codes(reg::list_organisations(c, f, everything())), (std::vector<std::string>{"N-1"}));
  });
}

TEST_P(RegistryRepositoryTest, SearchIsCaseInsensitiveInRussianAndTreatsYoAsYe) {
  TestDatabase t(GetParam());
  build(*t.db);
  t.db->read([&](storage::Connection& c) {
    reg::OrganisationFilter f;
    f.query = domain::fold_for_search("ЕЛКИНСКАЯ");
    EXPECT_EQ(codes(reg::list_organisations(c, f, everything())), (std::vector<std::string>{"N-1"}));
    f.query = domain::fold_for_search("s-u");  // codes are searchable too
    EXPECT_EQ(codes(reg::list_organisations(c, f, everything())), (std::vector<std::string>{"S-UO"}));
    f.query = "100%";  // LIKE wildcards in the query are literal
    EXPECT_EQ(reg::list_organisations(c, f, everything()).total, 0);
  });
}

TEST_P(RegistryRepositoryTest, SortsAndPages) {
  TestDatabase t(GetParam());
  build(*t.db);
  t.db->read([&](storage::Connection& c) {
    reg::OrganisationFilter f;
    f.sort = "-code";
    f.limit = 2;
    EXPECT_EQ(codes(reg::list_organisations(c, f, everything())), (std::vector<std::string>{"S-UO", "S-1"}));
    f.offset = 2;
    const auto page = reg::list_organisations(c, f, everything());
    EXPECT_EQ(codes(page), (std::vector<std::string>{"R-IRO", "N-2"}));
    EXPECT_EQ(page.total, 5);
    EXPECT_FALSE(reg::is_organisation_sort_key("name; DROP TABLE organisations"));
    EXPECT_TRUE(reg::is_organisation_sort_key("-territory"));
  });
}

TEST_P(RegistryRepositoryTest, SummaryCountsPedagogicalWorkersOnTheDate) {
  TestDatabase t(GetParam());
  const World w = build(*t.db);
  t.db->read([&](storage::Connection& c) {
    const auto all = reg::summary(c, std::nullopt, "2025-01-01", everything());
    EXPECT_EQ(all.municipalities, 2);
    EXPECT_EQ(all.organisations, 5);
    EXPECT_EQ(all.educational_organisations, 3);
    EXPECT_EQ(all.shnor, 1);
    EXPECT_EQ(all.pedagogical_workers, 3);  // A, B, D (see build())
    const std::vector<std::pair<std::string, std::int64_t>> by_category{{"first", 1}, {"highest", 1}, {"none", 1}};
    EXPECT_EQ(all.workers_by_category, by_category);

    const auto north = reg::summary(c, w.north, "2025-01-01", everything());
    EXPECT_EQ(north.municipalities, 1);
    EXPECT_EQ(north.pedagogical_workers, 2);  // A and B
    EXPECT_EQ(reg::summary(c, w.north, "2025-10-01", everything()).pedagogical_workers, 3);  // F hired 2025-09-01
    EXPECT_EQ(reg::summary(c, w.north, "2010-01-01", everything()).pedagogical_workers, 0);  // before anyone was hired
  });
}

TEST_P(RegistryRepositoryTest, ScopesLimitWhatEachRoleSees) {
  TestDatabase t(GetParam());
  const World w = build(*t.db);
  t.db->read([&](storage::Connection& c) {
    reg::OrganisationFilter f;
    f.sort = "code";
    domain::Scope north;
    north.territories = {w.north};
    EXPECT_EQ(codes(reg::list_organisations(c, f, north)), (std::vector<std::string>{"N-1", "N-2"}));
    EXPECT_TRUE(reg::organisation_visible(c, w.school_n1, north));
    EXPECT_FALSE(reg::organisation_visible(c, w.kinder_s, north));
    // Territories: its own subtree and the ones above it, not the neighbour.
    std::vector<std::string> names;
    for (const auto& x : reg::list_territories(c, {}, north)) names.push_back(x.code);
    EXPECT_EQ(names, (std::vector<std::string>{"RU", "N", "R"}));  // ordered by name
    EXPECT_TRUE(reg::territory_covered(c, w.north, north));
    EXPECT_FALSE(reg::territory_covered(c, w.region, north));  // visible above, not covered
    EXPECT_TRUE(reg::territory_visible(c, w.region, north));
    EXPECT_FALSE(reg::territory_visible(c, w.south, north));

    domain::Scope school;
    school.organisations = {w.school_n2};
    EXPECT_EQ(codes(reg::list_organisations(c, f, school)), (std::vector<std::string>{"N-2"}));
    const auto s = reg::summary(c, std::nullopt, "2025-01-01", school);
    EXPECT_EQ(s.organisations, 1);
    EXPECT_EQ(s.municipalities, 0);
    EXPECT_EQ(s.pedagogical_workers, 2);  // A (also in N-1) and B

    domain::Scope teacher;  // person D works in the southern kindergarten
    teacher.person = c.scalar("SELECT id FROM persons WHERE code = 'D'");
    EXPECT_EQ(codes(reg::list_organisations(c, f, teacher)), (std::vector<std::string>{"S-1"}));

    EXPECT_EQ(reg::list_organisations(c, f, domain::Scope{}).total, 0);  // no grants, nothing
    EXPECT_TRUE(reg::list_territories(c, {}, domain::Scope{}).empty());
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryRepositoryTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });
