// Paging by key on both backends: walking a list page by page after (or
// before) each page's cursor gives exactly the rows of one long page, in every
// sort of the staff and organisation lists, through ties, missing middle names
// and people working in two places; cursors that are not the list's are refused.
#include "storage/keyset.hpp"

#include <gtest/gtest.h>

#include "domain/error.hpp"
#include "storage/registry_repository.hpp"
#include "support/test_db.hpp"

using namespace metodist;
namespace reg = storage::registry;
namespace keyset = storage::keyset;
using metodist::testing::TestDatabase;

namespace {

// 3 territories, 7 organisations (two of them named alike), 26 persons with
// repeated surnames and first names, some without a middle name, three of them
// in two organisations: 29 staff rows.
void build(storage::Database& db) {
  db.write([](storage::Connection& c) {
    const auto ru = reg::insert_territory(c, {0, std::nullopt, "federation", "RU", "Российская Федерация"});
    const auto region = reg::insert_territory(c, {0, ru, "region", "R", "Челябинская область"});
    const auto north = reg::insert_territory(c, {0, region, "municipality", "N", "Северный район"});
    const auto south = reg::insert_territory(c, {0, region, "municipality", "S", "Южный район"});
    const std::vector<std::tuple<std::string, std::string, std::string, std::int64_t>> orgs = {
        {"N-1", "МБОУ «Школа №1»", "school", north},
        {"S-1", "МБОУ «Школа №1»", "school", south},
        {"N-2", "МБОУ «Ёлкинская школа»", "school", north},
        {"S-2", "МБДОУ «Детский сад №1»", "kindergarten", south},
        {"S-3", "Управление образования", "authority", south},
        {"R-1", "Институт развития образования", "institute", region},
        {"N-3", "МАОУ «Лицей»", "school", north}};
    std::vector<std::int64_t> org_ids;
    for (const auto& [code, name, kind, territory] : orgs) {
      domain::Organisation o;
      o.code = code;
      o.name = name;
      o.kind = kind;
      o.territory_id = territory;
      org_ids.push_back(reg::insert_organisation(c, o));
    }
    const std::vector<std::string> last = {"Иванова", "Петров", "Иванова", "Абрамов", "Яковлева", "Ёжиков"};
    const std::vector<std::string> first = {"Анна", "Борис", "Анна", "Вера"};
    const std::vector<std::string> middle = {"Сергеевна", "", "Игоревич", ""};
    const std::vector<std::string> categories = {"highest", "first", "none"};
    for (int i = 0; i < 26; ++i) {
      domain::Person p;
      p.code = "P" + std::to_string(100 - i);  // codes run against insertion order
      p.last_name = last[static_cast<std::size_t>(i) % last.size()];
      p.first_name = first[static_cast<std::size_t>(i) % first.size()];
      p.middle_name = middle[static_cast<std::size_t>(i / 3) % middle.size()];
      p.category = categories[static_cast<std::size_t>(i) % categories.size()];
      const auto id = reg::insert_person(c, p);
      auto work = [&](std::int64_t org) {
        domain::Position ps;
        ps.person_id = id;
        ps.organisation_id = org;
        ps.position = "teacher";
        ps.hired_on = "2015-09-01";
        reg::insert_position(c, ps);
      };
      work(org_ids[static_cast<std::size_t>(i) % org_ids.size()]);
      if (i % 9 == 0) work(org_ids[static_cast<std::size_t>(i + 3) % org_ids.size()]);
    }
  });
}

using Ids = std::vector<std::int64_t>;

// One list seen through its page functions.
struct List {
  std::function<std::pair<Ids, keyset::PageLinks>(const keyset::PageRequest&)> page;
};

List staff_list(storage::Connection& c, const std::string& sort, std::optional<bool> walk_names = {},
                const domain::Scope& scope = domain::Scope::all()) {
  return {[&c, sort, walk_names, scope](const keyset::PageRequest& request) {
    reg::StaffFilter f;
    f.sort = sort;
    f.page = request;
    f.walk_names = walk_names;
    const auto page = reg::list_staff(c, f, scope, domain::Scope::all());
    Ids ids;
    for (const auto& row : page.items) ids.push_back(row.position.id);
    return std::pair(ids, page.links);
  }};
}

List organisation_list(storage::Connection& c, const std::string& sort) {
  return {[&c, sort](const keyset::PageRequest& request) {
    reg::OrganisationFilter f;
    f.sort = sort;
    f.page = request;
    const auto page = reg::list_organisations(c, f, domain::Scope::all());
    Ids ids;
    for (const auto& o : page.items) ids.push_back(o.id);
    return std::pair(ids, page.links);
  }};
}

keyset::PageRequest at(std::int64_t limit, std::int64_t offset = 0) { return {limit, offset, {}, {}}; }
keyset::PageRequest after(std::int64_t limit, std::string cursor) { return {limit, 0, std::move(cursor), {}}; }
keyset::PageRequest before(std::int64_t limit, std::string cursor) { return {limit, 0, {}, std::move(cursor)}; }

// Walks the whole list forwards by `after` and backwards from the end by
// `before`, and compares both with one page of everything and with pages by offset.
void walk_both_ways(const List& list, std::int64_t limit, const std::string& what) {
  SCOPED_TRACE(what + ", pages of " + std::to_string(limit));
  const Ids all = list.page(at(500)).first;
  ASSERT_GE(all.size(), 7u);

  Ids forward;
  auto [ids, links] = list.page(at(limit));
  EXPECT_TRUE(links.before.empty()) << "the first page has no previous one";
  for (std::int64_t offset = 0;; offset += limit) {
    EXPECT_EQ(ids, list.page(at(limit, offset)).first) << "the page by key differs from the page by offset " << offset;
    forward.insert(forward.end(), ids.begin(), ids.end());
    if (links.after.empty()) break;
    ASSERT_LE(forward.size(), all.size()) << "the walk does not end";
    const auto previous = ids;
    const auto next_links = links;
    std::tie(ids, links) = list.page(after(limit, next_links.after));
    EXPECT_FALSE(links.before.empty());
    EXPECT_EQ(list.page(before(limit, links.before)).first, previous) << "back from a page by key";
  }
  EXPECT_EQ(forward, all);

  Ids backward;
  std::tie(ids, links) = list.page(before(limit, std::string(keyset::kEnd)));
  EXPECT_TRUE(links.after.empty()) << "the last page has no next one";
  for (;;) {
    backward.insert(backward.begin(), ids.begin(), ids.end());
    if (links.before.empty()) break;
    ASSERT_LE(backward.size(), all.size()) << "the walk does not end";
    std::tie(ids, links) = list.page(before(limit, links.before));
    EXPECT_FALSE(links.after.empty());
  }
  EXPECT_EQ(backward, all);
}

class KeysetTest : public ::testing::TestWithParam<std::string> {};

TEST_P(KeysetTest, EverySortWalksTheWholeListByKeyBothWays) {
  TestDatabase t(GetParam());
  build(*t.db);
  t.db->read([&](storage::Connection& c) {
    for (const std::string key : {"name", "code", "organisation", "category"})
      for (const auto& sort : {key, "-" + key})
        for (std::int64_t limit : {1, 3, 7}) walk_both_ways(staff_list(c, sort), limit, "staff by " + sort);
    for (const std::string key : {"name", "code", "kind", "territory"})
      for (const auto& sort : {key, "-" + key})
        for (std::int64_t limit : {1, 2}) walk_both_ways(organisation_list(c, sort), limit, "organisations by " + sort);
  });
}

// SQLite reads a large scope's page by name walking the persons' name index
// (list_staff): the same rows in the same order as the sort, every page both
// ways, for the whole registry and for one municipality's workplaces.
TEST_P(KeysetTest, WalkingThePersonsByNameGivesThePagesTheSortGives) {
  TestDatabase t(GetParam());
  build(*t.db);
  t.db->read([&](storage::Connection& c) {
    domain::Scope north;
    north.territories.push_back(c.scalar("SELECT id FROM territories WHERE code = 'N'"));
    for (const auto& scope : {domain::Scope::all(), north})
      for (const std::string sort : {"name", "-name"}) {
        const auto sorted = staff_list(c, sort, false, scope).page(at(500)).first;
        ASSERT_FALSE(sorted.empty());
        EXPECT_EQ(staff_list(c, sort, true, scope).page(at(500)).first, sorted) << sort;
        for (std::int64_t limit : {1, 4}) walk_both_ways(staff_list(c, sort, true, scope), limit, "walking by " + sort);
      }
    // The plan really differs on SQLite: persons are read first, by the name index.
    if (c.backend() == storage::Backend::sqlite) {
      std::string plan;
      c.run(
          "EXPLAIN QUERY PLAN SELECT p.id FROM persons p CROSS JOIN positions ps ON p.id = ps.person_id"
          " ORDER BY p.last_name, p.first_name",
          {}, [&](const storage::Row& r) { plan += std::string(r.view("detail")) + "\n"; });
      EXPECT_EQ(plan.find("SCAN p USING COVERING INDEX persons_name"), 0u) << plan;
    }
  });
}

TEST_P(KeysetTest, TheStaffOrderPutsTiesByWorkplaceAndAMissingMiddleNameFirst) {
  TestDatabase t(GetParam());
  build(*t.db);
  t.db->read([&](storage::Connection& c) {
    reg::StaffFilter f;
    f.page = at(500);
    const auto page = reg::list_staff(c, f, domain::Scope::all(), domain::Scope::all());
    ASSERT_EQ(page.items.size(), 29u);
    EXPECT_EQ(page.total, 29);
    for (std::size_t i = 1; i < page.items.size(); ++i) {
      const auto& a = page.items[i - 1];
      const auto& b = page.items[i];
      const auto ka = std::tie(a.person.last_name, a.person.first_name, a.person.middle_name, a.position.id);
      const auto kb = std::tie(b.person.last_name, b.person.first_name, b.person.middle_name, b.position.id);
      if (GetParam() == "sqlite") {  // bytes; PostgreSQL orders by its collation
        EXPECT_LT(ka, kb) << "row " << i;
      }
      if (a.person.last_name == b.person.last_name && a.person.first_name == b.person.first_name) {
        EXPECT_TRUE(a.person.middle_name <= b.person.middle_name) << "row " << i << ": no middle name comes first";
      }
    }
  });
}

TEST_P(KeysetTest, ACursorOfAnotherListOrSortOrGarbledIsRefusedNamingTheParameter) {
  TestDatabase t(GetParam());
  build(*t.db);
  t.db->read([&](storage::Connection& c) {
    const auto by_name = staff_list(c, "name").page(at(3)).second;
    ASSERT_FALSE(by_name.after.empty());
    auto refused = [&](const List& list, const keyset::PageRequest& request) -> std::string {
      try {
        list.page(request);
      } catch (const domain::Error& e) {
        EXPECT_EQ(e.kind(), domain::ErrorKind::bad_request);
        EXPECT_FALSE(std::string(e.what()).empty());
        return e.field();
      }
      return "accepted";
    };
    EXPECT_EQ(refused(staff_list(c, "-name"), after(3, by_name.after)), "after");
    EXPECT_EQ(refused(staff_list(c, "code"), before(3, by_name.after)), "before");
    EXPECT_EQ(refused(organisation_list(c, "name"), after(3, by_name.after)), "after");
    EXPECT_EQ(refused(staff_list(c, "name"), after(3, "не курсор")), "after");
    EXPECT_EQ(refused(staff_list(c, "name"), after(3, by_name.after + "AAAA")), "after");
    EXPECT_EQ(refused(staff_list(c, "name"), after(3, by_name.after.substr(0, by_name.after.size() - 3))), "after");
    EXPECT_EQ(refused(staff_list(c, "name"), {3, 0, by_name.after, by_name.after}), "after");
    EXPECT_EQ(refused(staff_list(c, "name"), {3, 6, by_name.after, {}}), "offset");
    EXPECT_EQ(refused(staff_list(c, "name"), after(3, by_name.after)), "accepted");
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, KeysetTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });

TEST(KeysetCursor, KeysOfAnyTextComeBackAsTheyWent) {
  const std::vector<keyset::SortColumn> columns = {{"a"}, {"b", true}, {"id", false, true}};
  const std::vector<std::string> texts = {
      "", "Ёлкина", "a:b;c\nd", std::string("\0x", 2), "s3:abc", std::string(300, 'z')};
  for (const auto& text : texts) {
    const std::vector<storage::Value> key = {text, std::string("Школа №1"), std::int64_t{-42}};
    const auto cursor = keyset::encode("-name", key);
    for (char ch : cursor) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_');
    const auto back = keyset::decode(cursor, "-name", columns);
    ASSERT_TRUE(back.has_value()) << text;
    EXPECT_EQ(*back, key);
    EXPECT_FALSE(keyset::decode(cursor, "name", columns).has_value()) << "another sort";
    EXPECT_FALSE(keyset::decode(cursor, "-name", std::vector<keyset::SortColumn>(columns.begin(), columns.end() - 1))
                     .has_value())
        << "a key one column longer";
  }
  const std::vector<storage::Value> wrong_type = {std::int64_t{1}, std::string("x"), std::int64_t{2}};
  EXPECT_FALSE(keyset::decode(keyset::encode("name", wrong_type), "name", columns).has_value());
  EXPECT_FALSE(keyset::decode("", "name", columns).has_value());
  EXPECT_FALSE(keyset::decode(std::string(5000, 'A'), "name", columns).has_value());
}

}  // namespace
