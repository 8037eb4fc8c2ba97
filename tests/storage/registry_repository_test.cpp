// Registry SQL on both backends, on a small hand-built dataset whose expected
// counts are worked out here by hand.
#include "storage/registry_repository.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/text.hpp"
#include "support/test_db.hpp"

using namespace metodist;
namespace reg = storage::registry;
using metodist::testing::TestDatabase;

namespace {

struct World {
  std::int64_t ru, region, north, south, school_n1, school_n2, kinder_s, authority_s;
};

domain::Organisation org(std::string code, std::string name, std::string kind, std::int64_t territory,
                         bool shnor = false) {
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

// «person code @ organisation code» of each row, and the total.
std::pair<std::vector<std::string>, std::int64_t> staff(storage::Connection& c, const reg::StaffFilter& f,
                                                        const domain::Scope& scope) {
  const auto page = reg::list_staff(c, f, scope, scope);
  std::vector<std::string> out;
  for (const auto& s : page.items) out.push_back(s.person.code + "@" + s.organisation_code);
  return {out, page.total};
}
using Rows = std::vector<std::string>;

}  // namespace

class RegistryRepositoryTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RegistryRepositoryTest, ListsTerritoriesByParentAndLevel) {
  TestDatabase t(GetParam());
  const World w = build(*t.db);
  t.db->read([&](storage::Connection& c) {
    const auto children = reg::list_territories(c, {w.region, ""}, domain::Scope::all());
    ASSERT_EQ(children.size(), 2u);
    EXPECT_EQ(children[0].name, "Северный район");  // ordered by name
    EXPECT_EQ(reg::list_territories(c, {std::nullopt, "region"}, domain::Scope::all()).size(), 1u);
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
    EXPECT_EQ(codes(reg::list_organisations(c, f, domain::Scope::all())), (std::vector<std::string>{"N-1", "N-2"}));
    f.territory = w.region;  // the region, and both municipalities below it
    EXPECT_EQ(reg::list_organisations(c, f, domain::Scope::all()).total, 5);
    f.territory = w.ru;  // two levels down
    EXPECT_EQ(reg::list_organisations(c, f, domain::Scope::all()).total, 5);
    f.territory.reset();
    f.kind = "school";
    EXPECT_EQ(reg::list_organisations(c, f, domain::Scope::all()).total, 2);
    f.shnor = true;
    EXPECT_EQ(codes(reg::list_organisations(c, f, domain::Scope::all())), (std::vector<std::string>{"N-1"}));
  });
}

TEST_P(RegistryRepositoryTest, SearchIsCaseInsensitiveInRussianAndTreatsYoAsYe) {
  TestDatabase t(GetParam());
  build(*t.db);
  t.db->read([&](storage::Connection& c) {
    reg::OrganisationFilter f;
    f.query = domain::fold_for_search("ЕЛКИНСКАЯ");
    EXPECT_EQ(codes(reg::list_organisations(c, f, domain::Scope::all())), (std::vector<std::string>{"N-1"}));
    f.query = domain::fold_for_search("s-u");  // codes are searchable too
    EXPECT_EQ(codes(reg::list_organisations(c, f, domain::Scope::all())), (std::vector<std::string>{"S-UO"}));
    f.query = "100%";  // LIKE wildcards in the query are literal
    EXPECT_EQ(reg::list_organisations(c, f, domain::Scope::all()).total, 0);
  });
}

TEST_P(RegistryRepositoryTest, SortsAndPages) {
  TestDatabase t(GetParam());
  build(*t.db);
  t.db->read([&](storage::Connection& c) {
    reg::OrganisationFilter f;
    f.sort = "-code";
    f.page.limit = 2;
    EXPECT_EQ(codes(reg::list_organisations(c, f, domain::Scope::all())), (std::vector<std::string>{"S-UO", "S-1"}));
    f.page.offset = 2;
    const auto page = reg::list_organisations(c, f, domain::Scope::all());
    EXPECT_EQ(codes(page), (std::vector<std::string>{"R-IRO", "N-2"}));
    EXPECT_EQ(page.total, 5);
    EXPECT_FALSE(reg::is_organisation_sort_key("name; DROP TABLE organisations"));
    EXPECT_TRUE(reg::is_organisation_sort_key("-territory"));
  });
}

// The last page tells the list's length itself; every other page counts it.
// Five organisations: pages of 2 at each offset, a page of exactly five, pages
// past the end, and a page asked by cursor all say 5.
TEST_P(RegistryRepositoryTest, EveryPageSaysTheListsLengthAtAndPastItsEnd) {
  TestDatabase t(GetParam());
  build(*t.db);
  t.db->read([&](storage::Connection& c) {
    reg::OrganisationFilter f;
    f.sort = "code";
    for (std::int64_t limit : {2, 4, 5, 6, 50})
      for (std::int64_t offset : {0, 1, 2, 3, 4, 5, 7}) {
        f.page = {};
        f.page.limit = limit;
        f.page.offset = offset;
        const auto page = reg::list_organisations(c, f, domain::Scope::all());
        EXPECT_EQ(page.total, 5) << "limit " << limit << ", offset " << offset;
        EXPECT_EQ(page.items.size(), static_cast<std::size_t>(std::clamp<std::int64_t>(5 - offset, 0, limit)))
            << "limit " << limit << ", offset " << offset;
      }
    f.page = {};
    f.page.limit = 2;
    const auto first = reg::list_organisations(c, f, domain::Scope::all());
    f.page.after = first.links.after;
    EXPECT_EQ(reg::list_organisations(c, f, domain::Scope::all()).total, 5);
    f.page.after = reg::list_organisations(c, f, domain::Scope::all()).links.after;
    const auto last = reg::list_organisations(c, f, domain::Scope::all());  // by cursor: the last row
    EXPECT_EQ(codes(last), (std::vector<std::string>{"S-UO"}));
    EXPECT_EQ(last.total, 5);
    f.page = {};
    f.page.before = std::string(storage::keyset::kEnd);
    EXPECT_EQ(reg::list_organisations(c, f, domain::Scope::all()).total, 5);
    f.kind = "school";  // a filter: the length is the filter's
    f.page = {};
    EXPECT_EQ(reg::list_organisations(c, f, domain::Scope::all()).total, 2);
    f.page.offset = 3;
    EXPECT_EQ(reg::list_organisations(c, f, domain::Scope::all()).total, 2);
  });
}

TEST_P(RegistryRepositoryTest, SummaryCountsPedagogicalWorkersOnTheDate) {
  TestDatabase t(GetParam());
  const World w = build(*t.db);
  t.db->read([&](storage::Connection& c) {
    const auto all = reg::summary(c, std::nullopt, "2025-01-01", domain::Scope::all());
    EXPECT_EQ(all.municipalities, 2);
    EXPECT_EQ(all.organisations, 5);
    EXPECT_EQ(all.educational_organisations, 3);
    EXPECT_EQ(all.shnor, 1);
    EXPECT_EQ(all.pedagogical_workers, 3);  // A, B, D (see build())
    const std::vector<std::pair<std::string, std::int64_t>> by_category{{"first", 1}, {"highest", 1}, {"none", 1}};
    EXPECT_EQ(all.workers_by_category, by_category);

    const auto north = reg::summary(c, w.north, "2025-01-01", domain::Scope::all());
    EXPECT_EQ(north.municipalities, 1);
    EXPECT_EQ(north.pedagogical_workers, 2);  // A and B
    EXPECT_EQ(reg::summary(c, w.north, "2025-10-01", domain::Scope::all()).pedagogical_workers,
              3);  // F hired 2025-09-01
    EXPECT_EQ(reg::summary(c, w.north, "2010-01-01", domain::Scope::all()).pedagogical_workers,
              0);  // before anyone was hired
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

// The staff list: current workplaces only (C has left), one row per workplace
// (A twice), the filters, the scope and the page; the total counts the same
// rows as the items when the page holds them all.
TEST_P(RegistryRepositoryTest, ListsCurrentStaffByFiltersWithinTheScope) {
  TestDatabase t(GetParam());
  const World w = build(*t.db);
  t.db->read([&](storage::Connection& c) {
    reg::StaffFilter f;
    EXPECT_EQ(staff(c, f, domain::Scope::all()),
              std::pair(Rows{"A@N-1", "A@N-2", "B@N-2", "D@S-1", "E@N-1", "F@N-2", "G@S-UO"}, std::int64_t{7}));
    f.sort = "-name";
    EXPECT_EQ(staff(c, f, domain::Scope::all()).first,
              (Rows{"G@S-UO", "F@N-2", "E@N-1", "D@S-1", "B@N-2", "A@N-1", "A@N-2"}));  // ties stay in workplace order
    f.sort = "name";

    domain::Scope north;
    north.territories = {w.north};
    EXPECT_EQ(staff(c, f, north), std::pair(Rows{"A@N-1", "A@N-2", "B@N-2", "E@N-1", "F@N-2"}, std::int64_t{5}));
    f.category = "highest";
    EXPECT_EQ(staff(c, f, north), std::pair(Rows{"A@N-1", "A@N-2", "E@N-1"}, std::int64_t{3}));
    f.category.clear();
    f.query = domain::fold_for_search("ФАМИЛИЯB");
    EXPECT_EQ(staff(c, f, north), std::pair(Rows{"B@N-2"}, std::int64_t{1}));
    f.query.clear();
    f.position = "director";
    EXPECT_EQ(staff(c, f, north), std::pair(Rows{"E@N-1"}, std::int64_t{1}));
    f.position.clear();
    f.territory = w.south;  // a filter outside the scope finds nothing
    EXPECT_EQ(staff(c, f, north), std::pair(Rows{}, std::int64_t{0}));
    EXPECT_EQ(staff(c, f, domain::Scope::all()), std::pair(Rows{"D@S-1", "G@S-UO"}, std::int64_t{2}));
    f.territory.reset();
    f.organisation = w.school_n1;
    EXPECT_EQ(staff(c, f, north), std::pair(Rows{"A@N-1", "E@N-1"}, std::int64_t{2}));
    f.organisation.reset();

    f.page.limit = 2;
    f.page.offset = 1;
    EXPECT_EQ(staff(c, f, north), std::pair(Rows{"A@N-2", "B@N-2"}, std::int64_t{5}));
    f.page.limit = 50;
    f.page.offset = 0;

    domain::Scope school;
    school.organisations = {w.school_n2};
    EXPECT_EQ(staff(c, f, school), std::pair(Rows{"A@N-2", "B@N-2", "F@N-2"}, std::int64_t{3}));
    domain::Scope teacher;  // a teacher sees the own workplaces only
    teacher.person = c.scalar("SELECT id FROM persons WHERE code = 'A'");
    EXPECT_EQ(staff(c, f, teacher), std::pair(Rows{"A@N-1", "A@N-2"}, std::int64_t{2}));
    teacher.organisations = {w.kinder_s};  // and a grant beside them adds its staff
    EXPECT_EQ(staff(c, f, teacher), std::pair(Rows{"A@N-1", "A@N-2", "D@S-1"}, std::int64_t{3}));
    EXPECT_EQ(staff(c, f, domain::Scope{}), std::pair(Rows{}, std::int64_t{0}));
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryRepositoryTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });
