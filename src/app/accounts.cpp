#include "app/accounts.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include "app/passwords.hpp"
#include "domain/access.hpp"
#include "domain/error.hpp"
#include "domain/text.hpp"
#include "storage/registry_repository.hpp"

namespace metodist::app {
namespace {

namespace acc = storage::accounts;

std::string lower_ascii(std::string s) {
  for (auto& ch : s)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return s;
}

// Each role names the scope it needs: a territory of the right level, an
// organisation, or nothing.
void check_scope(storage::Connection& c, const acc::RoleAssignment& r) {
  const auto* role = domain::find_role(r.role);
  if (!role) throw domain::Error::validation("roles", "Неизвестная роль «" + r.role + "»");
  using domain::ScopeKind;
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

std::int64_t create_account(App& app, NewAccount a, std::optional<std::int64_t> created_by) {
  a.login = lower_ascii(domain::trim(a.login));
  a.email = lower_ascii(domain::trim(a.email));
  a.display_name = domain::trim(a.display_name);
  domain::validate_login(a.login);
  if (!a.email.empty()) domain::validate_email(a.email);
  if (a.display_name.empty()) throw domain::Error::validation("display_name", "Укажите имя пользователя");
  domain::validate_new_password(a.password, a.login);
  // Hash outside the transaction: it takes tens of milliseconds on purpose.
  const std::string hash = hash_password(a.password);
  return app.db->write([&](storage::Connection& c) {
    if (acc::find_account(c, a.login)) throw domain::Error::conflict("login", "Логин «" + a.login + "» уже занят");
    if (!a.email.empty() && acc::find_account(c, a.email))
      throw domain::Error::conflict("email", "Адрес «" + a.email + "» уже используется");
    acc::Account row;
    row.login = a.login;
    row.email = a.email;
    row.display_name = a.display_name;
    row.password_hash = hash;
    row.person_id = a.person_id;
    row.must_change_password = a.must_change_password;
    const auto id = acc::insert_account(c, row);
    for (auto r : a.roles) {
      check_scope(c, r);
      r.account_id = id;
      acc::insert_role(c, r);
    }
    nlohmann::json after{{"login", a.login}, {"email", a.email}, {"display_name", a.display_name}};
    for (const auto& r : a.roles) after["roles"].push_back(r.role);
    acc::append_audit(c, {created_by, "create", "account", id, {}, after.dump(), {}, {}});
    return id;
  });
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
