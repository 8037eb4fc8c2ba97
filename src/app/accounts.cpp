#include "app/accounts.hpp"

#include <nlohmann/json.hpp>

#include <sodium.h>
#include <algorithm>

#include "app/auth.hpp"
#include "app/passwords.hpp"
#include "domain/access.hpp"
#include "domain/error.hpp"
#include "domain/text.hpp"
#include "storage/registry_repository.hpp"

namespace metodist::app {
namespace {

namespace acc = storage::accounts;

// Each role names the scope it needs: a territory of the right level, an
// organisation, or nothing.
void check_scope(storage::Connection& c, const acc::RoleAssignment& r, std::optional<std::int64_t> person) {
  const auto* role = domain::find_role(r.role);
  if (!role) throw domain::Error::validation("roles", "Неизвестная роль «" + r.role + "»");
  using domain::ScopeKind;
  if (role->scope == ScopeKind::person) {
    if (!person || !c.query_one("SELECT id FROM persons WHERE id = $1", {*person}))
      throw domain::Error::validation("person_id",
                                      "Для роли «" + std::string(role->title) + "» укажите персону из реестра");
  }
  if (role->scope == ScopeKind::territory) {
    if (!r.territory_id)
      throw domain::Error::validation("roles", "Для роли «" + std::string(role->title) + "» укажите территорию");
    auto t = storage::registry::find_territory(c, *r.territory_id);
    if (!t) throw domain::Error::validation("roles", "Территория для роли не найдена");
    if (t->level != role->scope_level)
      throw domain::Error::validation("roles", "Роль «" + std::string(role->title) + "» назначается на " +
                                                   (role->scope_level == "region" ? "регион" : "муниципалитет"));
  } else if (role->scope == ScopeKind::organisation) {
    if (!r.organisation_id || !storage::registry::find_organisation(c, *r.organisation_id))
      throw domain::Error::validation("roles", "Для роли «" + std::string(role->title) + "» укажите организацию");
  }
}

}  // namespace

std::string prepare_account(NewAccount& a) {
  a.login = domain::ascii_lower(domain::trim(a.login));
  a.email = domain::ascii_lower(domain::trim(a.email));
  a.display_name = domain::trim(a.display_name);
  domain::validate_login(a.login);
  if (!a.email.empty()) domain::validate_email(a.email);
  if (a.display_name.empty()) throw domain::Error::validation("display_name", "Укажите имя пользователя");
  domain::validate_new_password(a.password, a.login);
  return hash_password(a.password);
}

std::int64_t store_account(storage::Connection& c, const NewAccount& a, const std::string& hash,
                           std::optional<std::int64_t> created_by) {
  if (acc::find_account(c, a.login)) throw domain::Error::conflict("login", "Логин «" + a.login + "» уже занят");
  if (!a.email.empty() && acc::find_account(c, a.email))
    throw domain::Error::conflict("email", "Адрес «" + a.email + "» уже используется");
  if (a.person_id && acc::account_of_person(c, *a.person_id))
    throw domain::Error::conflict("person_id", "У этого человека уже есть учётная запись: второй не создаётся");
  acc::Account row;
  row.login = a.login;
  row.email = a.email;
  row.display_name = a.display_name;
  row.password_hash = hash;
  row.person_id = a.person_id;
  row.must_change_password = a.must_change_password;
  const auto id = acc::insert_account(c, row);
  for (auto r : a.roles) {
    check_scope(c, r, a.person_id);
    r.account_id = id;
    acc::insert_role(c, r);
  }
  nlohmann::json after{{"login", a.login}, {"email", a.email}, {"display_name", a.display_name}};
  if (a.person_id) after["person_id"] = *a.person_id;  // the link to a person is what the audit must show
  for (const auto& r : a.roles) after["roles"].push_back(r.role);
  acc::append_audit(c, {created_by, "create", "account", id, {}, after.dump(), {}, {}});
  return id;
}

std::int64_t create_account(App& app, NewAccount& a, std::optional<std::int64_t> created_by) {
  // Hash outside the transaction: it takes tens of milliseconds on purpose.
  const std::string hash = prepare_account(a);
  return app.db->write([&](storage::Connection& c) { return store_account(c, a, hash, created_by); });
}

namespace {

// May a caller whose account administration reaches `scope` grant this role?
// The facts are read here, the rule is domain::grant_refusal.
void check_grant(storage::Connection& c, const domain::Scope& scope, const acc::RoleAssignment& r,
                 std::optional<std::int64_t> person) {
  if (scope.everything) return;
  const auto* role = domain::find_role(r.role);
  if (role && role->scope == domain::ScopeKind::person && !person)
    throw domain::Error::validation("person_id", "Для роли педагога укажите персону из реестра");
  // Only the fact the role's kind is judged by is read.
  domain::GrantFacts facts;
  const auto kind = role ? role->scope : domain::ScopeKind::everything;
  if (kind == domain::ScopeKind::territory)
    facts.territory_covered = r.territory_id && storage::registry::territory_covered(c, *r.territory_id, scope);
  if (kind == domain::ScopeKind::organisation && r.organisation_id)
    facts.organisation_covered = storage::registry::organisation_visible(c, *r.organisation_id, scope);
  if (kind == domain::ScopeKind::person)
    facts.person_works_in_scope = storage::registry::person_in_scope(c, *person, scope);
  if (auto why = domain::grant_refusal(scope, r.role, facts)) throw domain::Error::forbidden(*why, "roles");
}

// A person may be linked to a new account by those who administer that
// person: the territorial administration over one of their current
// workplaces (all of it for the federal operator); and only once.
void check_person_link(storage::Connection& c, const domain::Scope& scope, std::int64_t person) {
  const bool exists = storage::registry::find_person(c, person).has_value();
  if (!scope.everything && (!exists || !storage::registry::person_in_scope(c, person, scope)))
    throw domain::Error::forbidden(
        "Учётную запись можно связать только с педагогом, который работает на вашей территории", "person_id");
  if (!exists) throw domain::Error::validation("person_id", "Человек не найден в реестре");
}

enum class Intent { read, write };

// The account, when the caller administers it (every role of it is one the
// caller could grant); otherwise «not found» for reading and 403 for a change
// of an account that exists. Runs inside the change's own transaction, so the
// account cannot gain a role between the check and the change.
acc::Account administered(storage::Connection& c, const domain::Scope& scope, std::int64_t id, Intent intent) {
  auto account = acc::find_account(c, id);
  const bool allowed = account && acc::administrable(c, id, scope);
  if (!account || (!allowed && intent == Intent::read)) throw domain::Error::not_found("Учётная запись не найдена");
  if (!allowed)
    throw domain::Error::forbidden(
        "Недостаточно прав: у этой учётной записи есть роли, которые вы не можете назначать");
  return *account;
}

domain::Scope manage_scope(const Caller& caller) {
  return require_scope(caller, domain::Action::manage_accounts, "управление учётными записями");
}

}  // namespace

acc::AccountPage list_accounts(App& app, const Caller& caller, const std::string& query, std::int64_t limit,
                               std::int64_t offset) {
  const auto scope = manage_scope(caller);
  return app.db->read([&](storage::Connection& c) {
    return acc::list_accounts(c, scope, domain::fold_for_search(query), limit, offset);
  });
}

acc::Account get_account(App& app, const Caller& caller, std::int64_t id) {
  const auto scope = manage_scope(caller);
  return app.db->read([&](storage::Connection& c) { return administered(c, scope, id, Intent::read); });
}

std::vector<acc::RoleAssignment> roles_of_account(App& app, std::int64_t id) {
  return app.db->read([&](storage::Connection& c) { return acc::roles_of(c, id); });
}

std::vector<acc::RoleAssignment> roles_of_accounts(App& app, const std::vector<std::int64_t>& ids) {
  return app.db->read([&](storage::Connection& c) { return acc::roles_of(c, ids); });
}

std::int64_t create_account_as(App& app, const Caller& caller, NewAccount& account) {
  const auto scope = manage_scope(caller);
  if (account.roles.empty()) throw domain::Error::validation("roles", "Назначьте хотя бы одну роль");
  app.db->read([&](storage::Connection& c) {
    if (account.person_id) check_person_link(c, scope, *account.person_id);
    for (const auto& r : account.roles) {
      if (!domain::find_role(r.role)) throw domain::Error::validation("roles", "Неизвестная роль «" + r.role + "»");
      check_grant(c, scope, r, account.person_id);
    }
    return 0;
  });
  if (account.password.empty()) {
    account.password = generate_password();
    account.must_change_password = true;
  }
  return create_account(app, account, caller.account_id);
}

acc::Account set_account_active(App& app, const Caller& caller, std::int64_t id, bool active) {
  const auto scope = manage_scope(caller);
  if (id == caller.account_id && !active)
    throw domain::Error::validation("is_active", "Нельзя заблокировать собственную учётную запись");
  return app.db->write([&](storage::Connection& c) {
    auto account = administered(c, scope, id, Intent::write);
    acc::set_active(c, id, active);
    if (!active) acc::delete_sessions(c, id);
    acc::append_audit(c, {caller.account_id,
                          active ? "activate" : "deactivate",
                          "account",
                          id,
                          nlohmann::json{{"is_active", account.is_active}}.dump(),
                          nlohmann::json{{"is_active", active}}.dump(),
                          {},
                          {}});
    account.is_active = active;
    return account;
  });
}

acc::Account update_account(App& app, const Caller& caller, std::int64_t id, AccountChanges changes) {
  const auto scope = manage_scope(caller);
  if (changes.display_name) {
    *changes.display_name = domain::trim(*changes.display_name);
    if (changes.display_name->empty()) throw domain::Error::validation("display_name", "Укажите имя пользователя");
  }
  if (changes.email) {
    *changes.email = domain::ascii_lower(domain::trim(*changes.email));
    if (!changes.email->empty()) domain::validate_email(*changes.email);
  }
  return app.db->write([&](storage::Connection& c) {
    auto account = administered(c, scope, id, Intent::write);
    const nlohmann::json before{{"display_name", account.display_name}, {"email", account.email}};
    if (changes.email && !changes.email->empty() && *changes.email != account.email)
      if (auto other = acc::find_account(c, *changes.email); other && other->id != id)
        throw domain::Error::conflict("email", "Адрес «" + *changes.email + "» уже используется");
    if (changes.display_name) account.display_name = *changes.display_name;
    if (changes.email) account.email = *changes.email;
    acc::update_profile(c, account);
    acc::append_audit(c, {caller.account_id,
                          "update",
                          "account",
                          id,
                          before.dump(),
                          nlohmann::json{{"display_name", account.display_name}, {"email", account.email}}.dump(),
                          {},
                          {}});
    return account;
  });
}

void add_role(App& app, const Caller& caller, std::int64_t account_id, acc::RoleAssignment role) {
  const auto scope = manage_scope(caller);
  role.account_id = account_id;
  app.db->write([&](storage::Connection& c) {
    const auto account = administered(c, scope, account_id, Intent::write);
    check_scope(c, role, account.person_id);
    check_grant(c, scope, role, account.person_id);
    acc::insert_role(c, role);
    nlohmann::json after{{"role", role.role}};
    if (role.territory_id) after["territory_id"] = *role.territory_id;
    if (role.organisation_id) after["organisation_id"] = *role.organisation_id;
    acc::append_audit(c, {caller.account_id, "add_role", "account", account_id, {}, after.dump(), {}, {}});
  });
}

void remove_role(App& app, const Caller& caller, std::int64_t account_id, std::int64_t role_id) {
  const auto scope = manage_scope(caller);
  app.db->write([&](storage::Connection& c) {
    administered(c, scope, account_id, Intent::write);
    const auto roles = acc::roles_of(c, account_id);
    const auto it = std::find_if(roles.begin(), roles.end(), [&](const auto& r) { return r.id == role_id; });
    if (it == roles.end()) throw domain::Error::not_found("Роль не найдена");
    if (roles.size() == 1)
      throw domain::Error::validation("roles", "У учётной записи должна остаться хотя бы одна роль");
    acc::delete_role(c, account_id, role_id);
    acc::append_audit(c, {caller.account_id,
                          "remove_role",
                          "account",
                          account_id,
                          nlohmann::json{{"role", it->role}}.dump(),
                          {},
                          {},
                          {}});
  });
}

std::string reset_password(App& app, const Caller& caller, std::int64_t id) {
  const auto scope = manage_scope(caller);
  // Checked before hashing too, so a refused request costs no argon2 time.
  app.db->read([&](storage::Connection& c) { return administered(c, scope, id, Intent::write); });
  const std::string password = generate_password();
  const std::string hash = hash_password(password);
  app.db->write([&](storage::Connection& c) {
    administered(c, scope, id, Intent::write);
    acc::set_password(c, id, hash, /*must_change=*/true);
    acc::delete_sessions(c, id);
    acc::append_audit(c, {caller.account_id, "reset_password", "account", id, {}, {}, {}, {}});
  });
  return password;
}

std::vector<acc::AuditRow> list_audit(App& app, const Caller& caller, const acc::AuditFilter& filter,
                                      std::int64_t& total) {
  require_scope(caller, domain::Action::read_audit, "просмотр журнала аудита");
  return app.db->read([&](storage::Connection& c) { return acc::list_audit(c, filter, total); });
}

std::string generate_password() {
  // 12 characters from an alphabet without look-alikes (0/O, 1/l/I), with at
  // least one letter and one digit, so it passes validate_new_password.
  static constexpr char kLetters[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  static constexpr char kDigits[] = "23456789";
  std::string out;
  for (int i = 0; i < 12; ++i) {
    const bool digit = i == 3 || i == 8 || randombytes_uniform(4) == 0;
    out.push_back(digit ? kDigits[randombytes_uniform(sizeof kDigits - 1)]
                        : kLetters[randombytes_uniform(sizeof kLetters - 1)]);
  }
  return out;
}

}  // namespace metodist::app
