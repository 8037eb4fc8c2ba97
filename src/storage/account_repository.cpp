#include "storage/account_repository.hpp"

#include "domain/date.hpp"
#include "domain/text.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::storage::accounts {
namespace {

constexpr const char* kColumns =
    "id, login, email, display_name, password_hash, person_id, is_active, must_change_password";
constexpr const char* kAliasedColumns =
    "a.id, a.login, a.email, a.display_name, a.password_hash, a.person_id, a.is_active, a.must_change_password";

Account account_from(const Row& r) {
  Account a;
  a.id = r.int64("id");
  a.login = r.text("login");
  a.email = r.text("email");
  a.display_name = r.text("display_name");
  a.password_hash = r.text("password_hash");
  a.person_id = r.opt_int64("person_id");
  a.is_active = r.flag("is_active");
  a.must_change_password = r.flag("must_change_password");
  return a;
}

}  // namespace

std::int64_t insert_account(Connection& c, const Account& a) {
  const auto now = domain::utc_timestamp_now();
  return c.scalar(
      "INSERT INTO accounts (login, email, display_name, password_hash, person_id, is_active, must_change_password,"
      " password_changed_at, created_at, updated_at, search_key)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8, $9) RETURNING id",
      {a.login, text_or_null(a.email), a.display_name, a.password_hash, id_or_null(a.person_id), flag(a.is_active),
       flag(a.must_change_password), now, domain::fold_for_search(a.login + " " + a.email + " " + a.display_name)});
}

std::optional<Account> find_account(Connection& c, const std::string& login_or_email) {
  static const std::string sql = std::string("SELECT ") + kColumns + " FROM accounts WHERE login = $1 OR email = $1";
  auto row = c.query_one(sql, {login_or_email});
  if (!row) return std::nullopt;
  return account_from(*row);
}

std::optional<Account> find_account(Connection& c, std::int64_t id) {
  static const std::string sql = std::string("SELECT ") + kColumns + " FROM accounts WHERE id = $1";
  auto row = c.query_one(sql, {id});
  if (!row) return std::nullopt;
  return account_from(*row);
}

std::int64_t count_accounts(Connection& c) { return c.scalar("SELECT count(*) FROM accounts"); }

namespace {

// «r.role IN ('a', 'b')» for the roles whose scope is of one kind.
std::string role_of_kind(domain::ScopeKind kind) {
  std::string list;
  for (const auto& role : domain::roles())
    if (role.scope == kind) list += (list.empty() ? "'" : ", '") + std::string(role.code) + "'";
  return list.empty() ? "1 = 0" : "r.role IN (" + list + ")";
}

// The SQL form of domain::grant_refusal over every role of account «a»: the
// account has at least one role, and each of them lies within the scope of
// the caller's account administration — a territorial role's territory, a
// school's role's organisation (registry::organisation_scope), a teacher's
// person (registry::person_scope). Written NULL-safe (CASE), so a role bound
// to nothing is never taken for one within the scope.
std::string administrable(const domain::Scope& s, Params& params) {
  if (s.everything) return "1 = 1";
  if (s.territories.empty()) return "1 = 0";
  std::vector<std::string> covered;
  for (auto t : s.territories)
    covered.push_back("r.territory_id IN " + registry::subtree(registry::placeholder(params, t)));
  const std::string grantable =
      "(" + role_of_kind(domain::ScopeKind::territory) + " AND r.territory_id IS NOT NULL AND " +
      registry::any_of(covered) + ") OR (" + role_of_kind(domain::ScopeKind::organisation) +
      " AND r.organisation_id IN (SELECT o.id FROM organisations o WHERE " +
      registry::organisation_scope(s, params, "o") + ")) OR (" + role_of_kind(domain::ScopeKind::person) +
      " AND a.person_id IS NOT NULL AND " + registry::person_scope(s, params, "a.person_id") + ")";
  return "(EXISTS (SELECT 1 FROM role_assignments r WHERE r.account_id = a.id) AND NOT EXISTS (SELECT 1 FROM"
         " role_assignments r WHERE r.account_id = a.id AND (CASE WHEN " +
         grantable + " THEN 1 ELSE 0 END) = 0))";
}

}  // namespace

AccountPage list_accounts(Connection& c, const domain::Scope& scope, const std::string& folded_query,
                          std::int64_t limit, std::int64_t offset) {
  Params params;
  std::string where = " WHERE " + administrable(scope, params);
  if (!folded_query.empty())
    where += " AND a.search_key LIKE " + registry::placeholder(params, "%" + folded_query + "%");
  AccountPage page;
  page.total = c.scalar("SELECT count(*) FROM accounts a" + where, params);
  const auto limit_p = registry::placeholder(params, limit);
  const auto offset_p = registry::placeholder(params, offset);
  c.run("SELECT " + std::string(kAliasedColumns) + " FROM accounts a" + where + " ORDER BY a.login LIMIT " + limit_p +
            " OFFSET " + offset_p,
        params, [&](const Row& r) { page.items.push_back(account_from(r)); });
  return page;
}

bool administrable(Connection& c, std::int64_t id, const domain::Scope& scope) {
  Params params{id};
  return c.scalar("SELECT count(*) FROM accounts a WHERE a.id = $1 AND " + administrable(scope, params), params) > 0;
}

std::optional<Account> account_of_person(Connection& c, std::int64_t person_id) {
  static const std::string sql = std::string("SELECT ") + kColumns + " FROM accounts WHERE person_id = $1";
  auto row = c.query_one(sql, {person_id});
  if (!row) return std::nullopt;
  return account_from(*row);
}

std::int64_t insert_role(Connection& c, const RoleAssignment& r) {
  return c.scalar(
      "INSERT INTO role_assignments (account_id, role, territory_id, organisation_id, created_at)"
      " VALUES ($1, $2, $3, $4, $5) RETURNING id",
      {r.account_id, r.role, id_or_null(r.territory_id), id_or_null(r.organisation_id), domain::utc_timestamp_now()});
}

namespace {

// Role assignments with the name of what they are bound to.
const char* const kRoleSelect =
    "SELECT r.id, r.account_id, r.role, r.territory_id, r.organisation_id, COALESCE(t.name, o.name, '') AS scope_name"
    " FROM role_assignments r LEFT JOIN territories t ON t.id = r.territory_id"
    " LEFT JOIN organisations o ON o.id = r.organisation_id";

RoleAssignment role_from(const Row& r) {
  return {r.int64("id"),
          r.int64("account_id"),
          r.text("role"),
          r.opt_int64("territory_id"),
          r.opt_int64("organisation_id"),
          r.text("scope_name")};
}

}  // namespace

std::vector<RoleAssignment> roles_of(Connection& c, std::int64_t account_id) {
  std::vector<RoleAssignment> out;
  c.run(std::string(kRoleSelect) + " WHERE r.account_id = $1 ORDER BY r.id", {account_id},
        [&](const Row& r) { out.push_back(role_from(r)); });
  return out;
}

void set_password(Connection& c, std::int64_t account_id, const std::string& hash, bool must_change) {
  const auto now = domain::utc_timestamp_now();
  c.execute(
      "UPDATE accounts SET password_hash = $1, must_change_password = $4, password_changed_at = $2,"
      " updated_at = $2 WHERE id = $3",
      {hash, now, account_id, flag(must_change)});
}

void set_active(Connection& c, std::int64_t account_id, bool active) {
  c.execute("UPDATE accounts SET is_active = $1, updated_at = $2 WHERE id = $3",
            {flag(active), domain::utc_timestamp_now(), account_id});
}

void update_profile(Connection& c, const Account& a) {
  c.execute("UPDATE accounts SET display_name = $2, email = $3, search_key = $4, updated_at = $5 WHERE id = $1",
            {a.id, a.display_name, text_or_null(a.email),
             domain::fold_for_search(a.login + " " + a.email + " " + a.display_name), domain::utc_timestamp_now()});
}

void delete_sessions(Connection& c, std::int64_t account_id) {
  c.execute("DELETE FROM sessions WHERE account_id = $1", {account_id});
}

std::int64_t insert_session(Connection& c, const std::string& token_digest, const Session& s,
                            const std::string& remote) {
  return c.scalar(
      "INSERT INTO sessions (token_digest, account_id, kind, csrf_token, created_at, expires_at, remote, name)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {token_digest, s.account_id, s.kind, s.csrf_token, domain::utc_timestamp_now(), s.expires_at,
       text_or_null(remote), text_or_null(s.name)});
}

std::optional<Session> find_live_session(Connection& c, const std::string& token_digest, const std::string& now) {
  auto row = c.query_one(
      "SELECT s.id, s.account_id, s.kind, s.csrf_token, s.expires_at FROM sessions s"
      " JOIN accounts a ON a.id = s.account_id WHERE s.token_digest = $1 AND s.expires_at > $2 AND a.is_active = 1",
      {token_digest, now});
  if (!row) return std::nullopt;
  return Session{row->int64("id"),
                 row->int64("account_id"),
                 row->text("kind"),
                 row->text("csrf_token"),
                 row->text("expires_at"),
                 {},
                 {}};
}

void delete_session(Connection& c, const std::string& token_digest) {
  c.execute("DELETE FROM sessions WHERE token_digest = $1", {token_digest});
}

std::vector<Session> api_tokens_of(Connection& c, std::int64_t account_id, const std::string& now) {
  std::vector<Session> out;
  c.run(
      "SELECT id, account_id, kind, '', expires_at, name, created_at FROM sessions"
      " WHERE account_id = $1 AND kind = 'api' AND expires_at > $2 ORDER BY id",
      {account_id, now}, [&](const Row& r) {
        out.push_back({r.int64("id"),
                       r.int64("account_id"),
                       r.text("kind"),
                       {},
                       r.text("expires_at"),
                       r.text("name"),
                       r.text("created_at")});
      });
  return out;
}

bool delete_api_token(Connection& c, std::int64_t account_id, std::int64_t id) {
  return c.execute("DELETE FROM sessions WHERE id = $1 AND account_id = $2 AND kind = 'api'", {id, account_id}) > 0;
}

void delete_other_sessions(Connection& c, std::int64_t account_id, const std::string& keep_digest) {
  c.execute("DELETE FROM sessions WHERE account_id = $1 AND token_digest <> $2", {account_id, keep_digest});
}

Failures failures_since(Connection& c, const std::string& key, const std::string& since) {
  Failures f;
  if (auto row = c.query_one(
          "SELECT count(*) AS failures, max(failed_at) AS latest FROM login_failures WHERE throttle_key = $1 AND failed_at > $2",
          {key, since})) {
    f.count = row->int64("failures");
    f.latest = row->text("latest");
  }
  return f;
}

void record_failure(Connection& c, const std::string& key, const std::string& at) {
  c.execute("INSERT INTO login_failures (throttle_key, failed_at) VALUES ($1, $2)", {key, at});
}

void clear_failures(Connection& c, const std::string& key) {
  c.execute("DELETE FROM login_failures WHERE throttle_key = $1", {key});
}

std::vector<RoleAssignment> roles_of(Connection& c, const std::vector<std::int64_t>& account_ids) {
  std::vector<RoleAssignment> out;
  if (account_ids.empty()) return out;
  Params params;
  std::string in;
  for (auto id : account_ids) {
    params.push_back(id);
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  c.run(std::string(kRoleSelect) + " WHERE r.account_id IN (" + in + ") ORDER BY r.account_id, r.id", params,
        [&](const Row& r) { out.push_back(role_from(r)); });
  return out;
}

bool delete_role(Connection& c, std::int64_t account_id, std::int64_t role_id) {
  return c.execute("DELETE FROM role_assignments WHERE id = $1 AND account_id = $2", {role_id, account_id}) > 0;
}

void append_audit(Connection& c, const AuditEntry& e) {
  c.execute(
      "INSERT INTO audit_log (at, account_id, action, entity, entity_id, before_json, after_json, request_id, remote)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      {domain::utc_timestamp_now(), id_or_null(e.account_id), e.action, e.entity, id_or_null(e.entity_id),
       text_or_null(e.before_json), text_or_null(e.after_json), text_or_null(e.request_id), text_or_null(e.remote)});
}

namespace {

// The WHERE clause of the audit log's filters (alias «l»).
std::string audit_where(const AuditFilter& f, Params& params) {
  std::string where = " WHERE 1 = 1";
  auto add = [&](const std::string& condition, Value v) {
    params.push_back(std::move(v));
    where += " AND " + condition + " $" + std::to_string(params.size());
  };
  if (!f.entity.empty()) add("l.entity =", f.entity);
  if (!f.action.empty()) add("l.action =", f.action);
  if (f.account_id) add("l.account_id =", *f.account_id);
  if (f.entity_id) add("l.entity_id =", *f.entity_id);
  if (!f.from.empty()) add("l.at >=", f.from);
  if (!f.to.empty()) add("l.at <=", f.to.size() == 10 ? f.to + "T99" : f.to);  // a whole day when given a date
  return where;
}

constexpr const char* kAuditSelect =
    "SELECT l.id, l.at, l.account_id, a.login, l.action, l.entity, l.entity_id, l.before_json, l.after_json,"
    " l.request_id FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id";

AuditRow audit_from(const Row& r) {
  return {r.int64("id"),        r.text("at"),        r.opt_int64("account_id"), r.text("login"),
          r.text("action"),     r.text("entity"),    r.opt_int64("entity_id"),  r.text("before_json"),
          r.text("after_json"), r.text("request_id")};
}

}  // namespace

std::vector<AuditRow> list_audit(Connection& c, const AuditFilter& f, std::int64_t& total) {
  Params params;
  const std::string where = audit_where(f, params);
  total = c.scalar("SELECT count(*) FROM audit_log l" + where, params);
  params.push_back(f.limit);
  params.push_back(f.offset);
  std::vector<AuditRow> out;
  c.run(kAuditSelect + where + " ORDER BY l.id DESC LIMIT $" + std::to_string(params.size() - 1) + " OFFSET $" +
            std::to_string(params.size()),
        params, [&](const Row& r) { out.push_back(audit_from(r)); });
  return out;
}

void each_audit(Connection& c, const AuditFilter& f, const std::function<void(const AuditRow&)>& on_row) {
  Params params;
  const std::string where = audit_where(f, params);
  c.run(kAuditSelect + where + " ORDER BY l.id DESC", params, [&](const Row& r) { on_row(audit_from(r)); });
}

void insert_password_reset(Connection& c, std::int64_t account_id, const std::string& digest,
                           const std::string& expires_at, const std::string& now) {
  c.execute("INSERT INTO password_resets (account_id, token_digest, expires_at, created_at) VALUES ($1, $2, $3, $4)",
            {account_id, digest, expires_at, now});
}

std::optional<PasswordReset> find_password_reset(Connection& c, const std::string& digest) {
  auto row = c.query_one(
      "SELECT id, account_id, expires_at, COALESCE(used_at, '') AS used_at FROM password_resets WHERE token_digest = $1",
      {digest});
  if (!row) return std::nullopt;
  return PasswordReset{row->int64("id"), row->int64("account_id"), row->text("expires_at"), row->text("used_at")};
}

bool spend_password_resets(Connection& c, std::int64_t account_id, const std::string& digest, const std::string& now) {
  const auto spent = c.execute(
      "UPDATE password_resets SET used_at = $3 WHERE token_digest = $2 AND account_id = $1 AND used_at IS NULL"
      " AND expires_at > $3",
      {account_id, digest, now});
  if (spent == 0) return false;
  c.execute("UPDATE password_resets SET used_at = $2 WHERE account_id = $1 AND used_at IS NULL", {account_id, now});
  return true;
}

}  // namespace metodist::storage::accounts
