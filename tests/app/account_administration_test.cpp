// Who administers whom (docs/security.md): a caller sees, renames, blocks,
// unblocks, resets and changes the roles of an account only when it could
// grant every role the account holds. Checked as a property over a hand-built
// federation — two regions, municipalities inside, sibling and in the other
// region, schools in each — for every administering caller against accounts
// holding every role bound inside, beside, above, below and outside the
// caller's territory, alone and in pairs, on both backends. The expected
// answer is worked out here from the territory tree, independently of the
// code under test (domain::grant_refusal and its SQL form).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "app/accounts.hpp"
#include "app/auth.hpp"
#include "app/passwords.hpp"
#include "domain/access.hpp"
#include "storage/account_repository.hpp"
#include "storage/registry_repository.hpp"
#include "support/errors.hpp"
#include "support/test_db.hpp"

using namespace metodist;
using metodist::testing::error_of;
using metodist::testing::TestDatabase;
namespace acc = storage::accounts;
namespace reg = storage::registry;

namespace {

// One role as an account holds it: bound to a territory, a school, or (a
// teacher) to a person working at a school.
struct Binding {
  std::string name;  // for messages
  std::string role;
  std::string territory;  // code, or empty
  std::string school;     // code of the school (school_admin) or of the teacher's workplace
};

const std::vector<Binding> kBindings{
    {"федеральный оператор", "federal_operator", "", ""},
    {"министерство своего региона", "regional_ministry", "R1", ""},
    {"министерство другого региона", "regional_ministry", "R2", ""},
    {"институт своего региона", "regional_institute", "R1", ""},
    {"институт другого региона", "regional_institute", "R2", ""},
    {"координатор своего района", "municipal_coordinator", "M1", ""},
    {"координатор соседнего района", "municipal_coordinator", "M2", ""},
    {"координатор района другого региона", "municipal_coordinator", "M3", ""},
    {"методист своего региона", "methodist", "R1", ""},
    {"методист другого региона", "methodist", "R2", ""},
    {"администратор своей школы", "school_admin", "", "S1"},
    {"администратор другой школы района", "school_admin", "", "S2"},
    {"администратор школы соседнего района", "school_admin", "", "S3"},
    {"администратор школы другого региона", "school_admin", "", "S4"},
    {"педагог своей школы", "teacher", "", "S1"},
    {"педагог школы соседнего района", "teacher", "", "S3"},
    {"педагог школы другого региона", "teacher", "", "S4"},
    {"эксперт", "expert", "", ""},
};

// The administering callers, each bound to its territory (and those with no
// account administration at all, who must be refused everything).
const std::vector<Binding> kCallers{
    {"федеральный оператор", "federal_operator", "", ""},
    {"министерство R1", "regional_ministry", "R1", ""},
    {"институт R1", "regional_institute", "R1", ""},
    {"координатор M1", "municipal_coordinator", "M1", ""},
};
const std::vector<Binding> kNonAdministrators{
    {"методист R1", "methodist", "R1", ""},
    {"администратор школы S1", "school_admin", "", "S1"},
    {"эксперт", "expert", "", ""},
};

// The tree: territory → its parent; school → its territory.
const std::map<std::string, std::string> kParent{{"R1", "RU"}, {"R2", "RU"}, {"M1", "R1"}, {"M2", "R1"}, {"M3", "R2"}};
const std::map<std::string, std::string> kSchoolIn{{"S1", "M1"}, {"S2", "M1"}, {"S3", "M2"}, {"S4", "M3"}};

bool within(std::string territory, const std::string& top) {
  for (;;) {
    if (territory == top) return true;
    const auto up = kParent.find(territory);
    if (up == kParent.end()) return false;
    territory = up->second;
  }
}

// The rule as the regulation of this system states it, from the tree alone.
bool may_grant(const Binding& caller, const Binding& target) {
  if (caller.role == "federal_operator") return true;
  if (caller.territory.empty()) return false;  // no account administration
  if (target.role == "federal_operator" || target.role == "expert") return false;
  if (!target.territory.empty()) return within(target.territory, caller.territory);
  return within(kSchoolIn.at(target.school), caller.territory);
}

}  // namespace

class AccountAdministrationTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    app::init_password_hashing(2);
    db_ = std::make_unique<TestDatabase>(GetParam());
    app_.db = std::move(db_->db);
    app_.db->write([&](storage::Connection& c) {
      territory_["RU"] = reg::insert_territory(c, {0, std::nullopt, "federation", "RU", "Российская Федерация"});
      for (const char* code : {"R1", "R2"})
        territory_[code] = reg::insert_territory(c, {0, territory_["RU"], "region", code, code});
      for (const auto& [m, r] : std::map<std::string, std::string>{{"M1", "R1"}, {"M2", "R1"}, {"M3", "R2"}})
        territory_[m] = reg::insert_territory(c, {0, territory_[r], "municipality", m, m});
      for (const auto& [s, m] : kSchoolIn) {
        domain::Organisation o;
        o.code = s;
        o.name = "Школа " + s;
        o.kind = "school";
        o.territory_id = territory_[m];
        school_[s] = reg::insert_organisation(c, o);
      }
    });
  }

  // A person working at the school now, for a teacher's account.
  std::int64_t new_teacher_at(storage::Connection& c, const std::string& school) {
    domain::Person p;
    p.code = "P" + std::to_string(++people_);
    p.last_name = "Педагогова";
    p.first_name = "Анна";
    p.id = reg::insert_person(c, p);
    domain::Position w;
    w.person_id = p.id;
    w.organisation_id = school_[school];
    w.position = "teacher";
    w.hired_on = "2020-09-01";
    reg::insert_position(c, w);
    return p.id;
  }

  acc::RoleAssignment assignment(const Binding& b) {
    acc::RoleAssignment r;
    r.role = b.role;
    if (!b.territory.empty()) r.territory_id = territory_[b.territory];
    if (b.role == "school_admin") r.organisation_id = school_[b.school];
    return r;
  }

  // An account holding these roles, stored directly (no password hashing:
  // the rule is about roles, and hundreds of argon2 hashes would take minutes).
  std::int64_t account_with(const std::vector<Binding>& roles) {
    return app_.db->write([&](storage::Connection& c) {
      acc::Account a;
      a.login = "acct" + std::to_string(++accounts_);
      a.display_name = "Проверка";
      a.password_hash = "$argon2id$not-a-real-hash";
      for (const auto& b : roles)
        if (b.role == "teacher") a.person_id = new_teacher_at(c, b.school);
      a.id = acc::insert_account(c, a);
      for (const auto& b : roles) {
        auto r = assignment(b);
        r.account_id = a.id;
        acc::insert_role(c, r);
      }
      return a.id;
    });
  }

  app::Caller caller_of(const Binding& b) {
    app::Caller c;
    c.account_id = 1'000'000;  // not an account of the test: never itself
    c.login = b.name;
    c.roles = {assignment(b)};
    return c;
  }

  std::unique_ptr<TestDatabase> db_;
  app::App app_;
  std::map<std::string, std::int64_t> territory_, school_;
  int people_ = 0, accounts_ = 0;
};

TEST_P(AccountAdministrationTest, ACallerAdministersExactlyTheAccountsAllOfWhoseRolesItCouldGrant) {
  // Every single role and every pair of roles (two teachers' roles would be two people: skipped).
  std::vector<std::vector<Binding>> holdings;
  for (std::size_t i = 0; i < kBindings.size(); ++i) {
    holdings.push_back({kBindings[i]});
    for (std::size_t j = i + 1; j < kBindings.size(); ++j)
      if (!(kBindings[i].role == "teacher" && kBindings[j].role == "teacher"))
        holdings.push_back({kBindings[i], kBindings[j]});
  }
  std::vector<std::int64_t> ids;
  for (const auto& h : holdings) ids.push_back(account_with(h));

  std::size_t checked = 0;
  for (const auto& who : kCallers) {
    const auto caller = caller_of(who);
    std::set<std::int64_t> expected_list;
    for (std::size_t k = 0; k < holdings.size(); ++k) {
      bool expected = true;
      std::string what;
      for (const auto& b : holdings[k]) {
        expected = expected && may_grant(who, b);
        what += (what.empty() ? "" : " + ") + b.name;
      }
      SCOPED_TRACE(who.name + " → " + what);
      const auto id = ids[k];
      if (expected) {
        expected_list.insert(id);
        EXPECT_EQ(app::get_account(app_, caller, id).id, id);
        EXPECT_FALSE(app::set_account_active(app_, caller, id, false).is_active);
        EXPECT_TRUE(app::set_account_active(app_, caller, id, true).is_active);
        EXPECT_EQ(app::update_account(app_, caller, id, {std::string("Переименована"), std::nullopt}).display_name,
                  "Переименована");
      } else {
        EXPECT_EQ(error_of([&] { app::get_account(app_, caller, id); }).kind(), domain::ErrorKind::not_found);
        EXPECT_EQ(error_of([&] { app::set_account_active(app_, caller, id, false); }).kind(),
                  domain::ErrorKind::forbidden);
        EXPECT_EQ(error_of([&] { app::set_account_active(app_, caller, id, true); }).kind(),
                  domain::ErrorKind::forbidden);
        EXPECT_EQ(error_of([&] {
                    app::update_account(app_, caller, id, {std::string("Захват"), std::nullopt});
                  }).kind(),
                  domain::ErrorKind::forbidden);
        EXPECT_EQ(error_of([&] { app::add_role(app_, caller, id, assignment(kCallers[3])); }).kind(),
                  domain::ErrorKind::forbidden);
        if (holdings[k].size() == 2) {
          const auto roles = app::roles_of_account(app_, id);
          EXPECT_EQ(error_of([&] { app::remove_role(app_, caller, id, roles.front().id); }).kind(),
                    domain::ErrorKind::forbidden);
        }
      }
      ++checked;
    }
    // The list holds exactly the administered accounts (and nothing of the refused ones).
    const auto page = app::list_accounts(app_, caller, "", 10'000, 0);
    std::set<std::int64_t> listed;
    for (const auto& a : page.items)
      if (std::find(ids.begin(), ids.end(), a.id) != ids.end()) listed.insert(a.id);
    EXPECT_EQ(listed, expected_list) << who.name;
  }
  EXPECT_EQ(checked, kCallers.size() * holdings.size());
  // Nothing refused was changed: no account is blocked or renamed to «Захват».
  EXPECT_EQ(app_.db->read([](storage::Connection& c) {
    return c.scalar("SELECT count(*) FROM accounts WHERE is_active = 0 OR display_name = 'Захват'");
  }),
            0);
}

TEST_P(AccountAdministrationTest, GrantingFollowsTheSameRule) {
  // An account every caller administers (a school administrator of S1), given
  // each role in turn: added when the caller may grant it, refused (403) otherwise.
  const auto base = account_with({kBindings[10]});
  for (const auto& who : kCallers) {
    const auto caller = caller_of(who);
    for (const auto& b : kBindings) {
      if (b.role == "teacher" || b.role == "expert") continue;  // person-bound: below
      SCOPED_TRACE(who.name + " grants " + b.name);
      if (may_grant(who, b)) {
        app::add_role(app_, caller, base, assignment(b));
        const auto roles = app::roles_of_account(app_, base);
        app::remove_role(app_, caller, base, roles.back().id);  // as it was
      } else {
        const auto e = error_of([&] { app::add_role(app_, caller, base, assignment(b)); });
        EXPECT_EQ(e.kind(), domain::ErrorKind::forbidden);
        EXPECT_EQ(e.field(), "roles");
      }
    }
    // A teacher's role over a person: granted only where the person works.
    for (const auto& b : kBindings) {
      if (b.role != "teacher") continue;
      SCOPED_TRACE(who.name + " grants " + b.name);
      const auto person = app_.db->write([&](storage::Connection& c) { return new_teacher_at(c, b.school); });
      app::NewAccount n;
      n.login = "teacher" + std::to_string(person);
      n.display_name = "Педагог";
      n.person_id = person;
      n.roles = {{0, 0, "teacher", std::nullopt, std::nullopt}};
      if (may_grant(who, b)) {
        EXPECT_GT(app::create_account_as(app_, caller, n), 0);
      } else {
        const auto e = error_of([&] { app::create_account_as(app_, caller, n); });
        EXPECT_EQ(e.kind(), domain::ErrorKind::forbidden);
        EXPECT_EQ(e.field(), "person_id");  // the person is not theirs to link
      }
    }
  }
}

TEST_P(AccountAdministrationTest, WithoutAccountAdministrationNothingIsShownOrChanged) {
  const auto target = account_with({kBindings[14]});  // a teacher of S1
  for (const auto& who : kNonAdministrators) {
    SCOPED_TRACE(who.name);
    const auto caller = caller_of(who);
    EXPECT_EQ(error_of([&] { app::list_accounts(app_, caller, "", 50, 0); }).kind(), domain::ErrorKind::forbidden);
    EXPECT_EQ(error_of([&] { app::get_account(app_, caller, target); }).kind(), domain::ErrorKind::forbidden);
    EXPECT_EQ(error_of([&] { app::set_account_active(app_, caller, target, false); }).kind(),
              domain::ErrorKind::forbidden);
    EXPECT_EQ(error_of([&] { app::reset_password(app_, caller, target); }).kind(), domain::ErrorKind::forbidden);
  }
}

TEST_P(AccountAdministrationTest, APasswordIsResetOnlyOnAnAdministeredAccount) {
  const auto coordinator = caller_of(kCallers[3]);
  const auto own = account_with({kBindings[14]});                   // a teacher of the coordinator's school
  const auto higher = account_with({kBindings[14], kBindings[1]});  // the same and a regional role
  const auto federal = account_with({kBindings[0], kBindings[14]});
  EXPECT_EQ(app::reset_password(app_, coordinator, own).size(), 12u);
  for (auto id : {higher, federal})
    EXPECT_EQ(error_of([&] { app::reset_password(app_, coordinator, id); }).kind(), domain::ErrorKind::forbidden);
  EXPECT_EQ(error_of([&] { app::reset_password(app_, coordinator, 987654); }).kind(), domain::ErrorKind::not_found);
  // Only the administered account got a new password, and the log says who reset it.
  EXPECT_EQ(app_.db->read([&](storage::Connection& c) {
    return c.scalar("SELECT count(*) FROM accounts WHERE must_change_password = 1");
  }),
            1);
  EXPECT_EQ(app_.db->read([&](storage::Connection& c) {
    return c.scalar("SELECT count(*) FROM audit_log WHERE action = 'reset_password' AND entity_id = $1", {own});
  }),
            1);
}

TEST_P(AccountAdministrationTest, APersonIsLinkedOnlyByTheirAdministrationAndOnlyOnce) {
  const auto coordinator = caller_of(kCallers[3]);
  const auto [inside, outside] = app_.db->write([&](storage::Connection& c) {
    return std::pair{new_teacher_at(c, "S1"), new_teacher_at(c, "S3")};
  });
  auto draft = [&](const std::string& login, std::int64_t person) {
    app::NewAccount n;
    n.login = login;
    n.display_name = "Методист школы";
    n.person_id = person;
    n.roles = {{0, 0, "school_admin", std::nullopt, school_["S1"]}};  // a role the coordinator may grant
    return n;
  };
  // A person of a neighbouring municipality: not the coordinator's to link, whatever the role.
  auto foreign = draft("shadow1", outside);
  const auto refused = error_of([&] { app::create_account_as(app_, coordinator, foreign); });
  EXPECT_EQ(refused.kind(), domain::ErrorKind::forbidden);
  EXPECT_EQ(refused.field(), "person_id");
  // No such person: the same answer, so persons of others cannot be probed.
  auto missing = draft("shadow2", 987654);
  EXPECT_EQ(error_of([&] { app::create_account_as(app_, coordinator, missing); }).kind(), domain::ErrorKind::forbidden);
  // Their own teacher: linked once, audited with the person; a second account is refused.
  auto first = draft("deputy1", inside);
  const auto id = app::create_account_as(app_, coordinator, first);
  auto second = draft("shadow3", inside);
  const auto twice = error_of([&] { app::create_account_as(app_, coordinator, second); });
  EXPECT_EQ(twice.kind(), domain::ErrorKind::conflict);
  EXPECT_EQ(twice.field(), "person_id");
  const auto after = app_.db->read([&](storage::Connection& c) {
    return c
        .query_one("SELECT after_json FROM audit_log WHERE action = 'create' AND entity = 'account' AND entity_id = $1",
                   {id})
        ->text("after_json");
  });
  EXPECT_NE(after.find("\"person_id\":" + std::to_string(inside)), std::string::npos) << after;
  EXPECT_EQ(app_.db->read([](storage::Connection& c) { return acc::count_accounts(c); }), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountAdministrationTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });
