#include "app/auth.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/passwords.hpp"
#include "domain/access.hpp"
#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/text.hpp"
#include "storage/active_repository.hpp"
#include "storage/data_version.hpp"
#include "storage/registry_repository.hpp"

namespace metodist::app {
namespace {

namespace acc = storage::accounts;
using Clock = std::chrono::system_clock;

std::string iso(Clock::time_point t) { return domain::utc_timestamp(t); }

Caller caller_of(storage::Connection& c, const acc::Account& a, const Config& config) {
  Caller caller;
  caller.policy.personal_data_up_to = config.personal_data_up_to;
  caller.account_id = a.id;
  caller.login = a.login;
  caller.display_name = a.display_name;
  caller.must_change_password = a.must_change_password;
  caller.person_id = a.person_id;
  caller.roles = acc::roles_of(c, a.id);
  // A methodist's support widens what they read (domain::Support).
  const bool methodist =
      std::any_of(caller.roles.begin(), caller.roles.end(), [](const auto& r) { return r.role == "methodist"; });
  if (methodist && caller.person_id)
    caller.support = storage::active::support_of(c, *caller.person_id, domain::Date::today().iso());
  return caller;
}

}  // namespace

domain::Scope scope_of(const Caller& caller, domain::Action action) {
  std::vector<domain::Grant> grants;
  for (const auto& r : caller.roles) grants.push_back({r.role, r.territory_id, r.organisation_id});
  return domain::scope_for(action, grants, caller.person_id, caller.policy, caller.support);
}

domain::Scope staff_scope(const Caller& caller) {
  auto scope = scope_of(caller, domain::Action::write_staff);
  scope.person.reset();
  return scope;
}

bool coordinates_territory(storage::Connection& c, const Caller& caller, std::int64_t territory_id) {
  const auto scope = scope_of(caller, domain::Action::coordinate_support);
  return !scope.empty() && storage::registry::territory_covered(c, territory_id, scope);
}

domain::Scope require_scope(const Caller& caller, domain::Action action, const char* what) {
  auto scope = scope_of(caller, action);
  if (scope.empty()) throw domain::Error::forbidden(std::string("Недостаточно прав: ") + what);
  return scope;
}

std::chrono::seconds login_delay(const LoginPolicy& policy, std::int64_t failures) {
  if (failures < policy.free_failures) return std::chrono::seconds(0);
  const auto doublings = std::min<std::int64_t>(failures - policy.free_failures, 30);
  return std::min(policy.max_delay, policy.first_delay * (std::int64_t{1} << doublings));
}

namespace {

std::string wait_text(std::chrono::seconds wait) {
  const auto s = wait.count();
  if (s < 60) return std::to_string(s) + " с";
  return std::to_string((s + 59) / 60) + " мин";
}

}  // namespace

LoginResult login(App& app, const std::string& login_or_email, const std::string& password, const std::string& remote,
                  const LoginPolicy& policy) {
  const std::string who = domain::ascii_lower(domain::trim(login_or_email));
  if (who.empty()) throw domain::Error::validation("login", "Введите логин или адрес электронной почты");
  if (password.empty()) throw domain::Error::validation("password", "Введите пароль");
  const auto now = Clock::now();
  const std::string since = iso(now - policy.window);
  const std::string address_key = "address:" + remote;

  struct Seen {
    std::optional<acc::Account> account;
    std::string pair_key;
    acc::Failures pair, address;
  };
  auto seen = app.db->read([&](storage::Connection& c) {
    Seen s;
    s.account = acc::find_account(c, who);
    // One counter per account, whichever of its identifiers was typed.
    s.pair_key = (s.account ? "account:" + std::to_string(s.account->id) : "login:" + who) + "@" + remote;
    s.pair = acc::failures_since(c, s.pair_key, since);
    s.address = acc::failures_since(c, address_key, since);
    return s;
  });
  if (seen.address.count >= policy.max_failures_per_address)
    throw domain::Error(domain::ErrorKind::too_many_requests,
                        "С этого адреса слишком много неудачных попыток входа. Повторите через " +
                            std::to_string(policy.window.count()) + " минут или обратитесь к администратору");
  const auto delay = login_delay(policy, seen.pair.count);
  if (delay.count() > 0 && !seen.pair.latest.empty()) {
    const auto last = domain::parse_utc_timestamp(seen.pair.latest);
    const auto wait = std::chrono::ceil<std::chrono::seconds>(last ? *last + delay - now : delay);
    if (wait.count() > 0)
      throw domain::Error(domain::ErrorKind::too_many_requests,
                          "Слишком много неудачных попыток входа. Повторите через " + wait_text(wait) +
                              "; если забыли пароль, обратитесь к администратору");
  }
  const auto& account = seen.account;
  const std::string& pair_key = seen.pair_key;
  // Verify even for an unknown login (against a dummy hash) so the answer
  // takes the same time either way.
  static const std::string dummy = hash_password("dummy-password-1");
  const bool ok = verify_password(password, account ? account->password_hash : dummy) && account && account->is_active;
  if (!ok) {
    app.db->write([&](storage::Connection& c) {
      acc::record_failure(c, pair_key, iso(now));
      acc::record_failure(c, address_key, iso(now));
    });
    throw domain::Error(domain::ErrorKind::unauthorized, "Неверный логин или пароль");
  }

  LoginResult result;
  result.token = random_token();
  result.expires_at = iso(now + policy.session_lifetime);
  result.caller = app.db->write([&](storage::Connection& c) {
    acc::clear_failures(c, pair_key);
    acc::Session s;
    s.account_id = account->id;
    s.kind = "browser";
    s.csrf_token = random_token();
    s.expires_at = result.expires_at;
    acc::insert_session(c, token_digest(result.token), s, remote);
    acc::append_audit(c, {account->id, "login", "account", account->id, {}, {}, {}, remote});
    Caller caller = caller_of(c, *account, app.config);
    caller.session_kind = s.kind;
    caller.csrf_token = s.csrf_token;
    caller.token_digest = token_digest(result.token);
    return caller;
  });
  return result;
}

std::optional<Caller> authenticate(App& app, const std::string& token, bool from_cookie) {
  if (token.size() != 64) return std::nullopt;
  const std::string digest = token_digest(token);
  const std::string now = iso(Clock::now());
  // An API token is never a cookie, even from memory.
  auto accepted = [&](const Caller& caller) -> std::optional<Caller> {
    if (from_cookie && caller.session_kind == "api") return std::nullopt;
    return caller;
  };
  // Read before the version: a commit after this read moves it.
  const auto commits = app.db->commits();
  if (commits)
    if (auto known = app.sessions->find_uncommitted(digest, *commits, now)) return accepted(**known);
  return app.db->read([&](storage::Connection& c) -> std::optional<Caller> {
    // Read first: a change after this read moves it, so nothing read below can outlive the change.
    const auto version = storage::access_version(c);
    if (commits) app.sessions->version_read(*commits, version);
    if (auto known = app.sessions->find(digest, version, now)) return accepted(**known);
    auto session = acc::find_live_session(c, digest, now);
    if (!session) return std::nullopt;
    auto account = acc::find_account(c, session->account_id);
    if (!account) return std::nullopt;
    auto caller = std::make_shared<Caller>(caller_of(c, *account, app.config));
    caller->session_kind = session->kind;
    caller->csrf_token = session->csrf_token;
    caller->token_digest = digest;
    app.sessions->put(digest, version, session->expires_at, caller);
    return accepted(*caller);
  });
}

ApiToken create_api_token(App& app, const Caller& caller, const std::string& name) {
  // A token that leaks must not be able to outlive its own revocation.
  if (caller.session_kind == "api")
    throw domain::Error::forbidden("API-токен не может выпускать другие токены: выпустите его в браузере");
  const int days = app.config.api_token_days;
  const std::string trimmed = domain::trim(name);
  if (trimmed.empty() || domain::utf8_length(trimmed) > 100)
    throw domain::Error::validation("name", "Назовите токен (до 100 символов): для какой интеграции он нужен");
  ApiToken t;
  t.token = random_token();
  t.name = trimmed;
  t.expires_at = iso(Clock::now() + std::chrono::hours(24) * days);
  app.db->write([&](storage::Connection& c) {
    acc::Session s;
    s.account_id = caller.account_id;
    s.kind = "api";
    s.csrf_token = random_token();
    s.expires_at = t.expires_at;
    s.name = t.name;
    t.id = acc::insert_session(c, token_digest(t.token), s, {});
    acc::append_audit(c, {caller.account_id,
                          "create",
                          "api_token",
                          t.id,
                          {},
                          nlohmann::json{{"name", t.name}, {"expires_at", t.expires_at}}.dump(),
                          {},
                          {}});
  });
  return t;
}

std::vector<ApiToken> api_tokens(App& app, const Caller& caller) {
  std::vector<ApiToken> out;
  for (const auto& s : app.db->read(
           [&](storage::Connection& c) { return acc::api_tokens_of(c, caller.account_id, iso(Clock::now())); }))
    out.push_back({s.id, s.name, s.created_at, s.expires_at, {}});
  return out;
}

void revoke_api_token(App& app, const Caller& caller, std::int64_t id) {
  app.db->write([&](storage::Connection& c) {
    if (!acc::delete_api_token(c, caller.account_id, id)) throw domain::Error::not_found("Токен не найден");
    acc::append_audit(c, {caller.account_id, "delete", "api_token", id, {}, {}, {}, {}});
  });
}

void logout(App& app, const Caller& caller) {
  app.db->write([&](storage::Connection& c) {
    acc::delete_session(c, caller.token_digest);
    acc::append_audit(c, {caller.account_id, "logout", "account", caller.account_id, {}, {}, {}, {}});
  });
}

void change_password(App& app, const Caller& caller, const std::string& old_password, const std::string& new_password) {
  auto account = app.db->read([&](storage::Connection& c) { return acc::find_account(c, caller.account_id); });
  if (!account || !verify_password(old_password, account->password_hash))
    throw domain::Error::validation("old_password", "Текущий пароль указан неверно");
  try {
    domain::validate_new_password(new_password, account->login);
  } catch (const domain::Error& e) {
    throw domain::Error::validation("new_password", e.what());
  }
  if (new_password == old_password) throw domain::Error::validation("new_password", "Новый пароль совпадает с текущим");
  const std::string hash = hash_password(new_password);
  app.db->write([&](storage::Connection& c) {
    acc::set_password(c, account->id, hash);
    acc::delete_other_sessions(c, account->id, caller.token_digest);
    acc::append_audit(c, {account->id, "change_password", "account", account->id, {}, {}, {}, {}});
  });
}

void audit_change(storage::Connection& c, const Caller& caller, const char* action, const char* entity, std::int64_t id,
                  std::string before, std::string after, const std::string& request_id) {
  acc::append_audit(c, {caller.account_id ? std::optional<std::int64_t>(caller.account_id) : std::nullopt,
                        action,
                        entity,
                        id,
                        std::move(before),
                        std::move(after),
                        request_id,
                        {}});
}

}  // namespace metodist::app
