#include "storage/account_repository.hpp"

#include "domain/date.hpp"

namespace metodist::storage::accounts {
namespace {

constexpr const char* kColumns =
    "id, login, email, display_name, password_hash, person_id, is_active, must_change_password";

Account account_from(const Row& r) {
  Account a;
  a.id = r.int64(0);
  a.login = r.text(1);
  a.email = r.text(2);
  a.display_name = r.text(3);
  a.password_hash = r.text(4);
  a.person_id = r.opt_int64(5);
  a.is_active = r.flag(6);
  a.must_change_password = r.flag(7);
  return a;
}

}  // namespace

std::int64_t insert_account(Connection& c, const Account& a) {
  const auto now = domain::utc_timestamp_now();
  return c.scalar(
      "INSERT INTO accounts (login, email, display_name, password_hash, person_id, is_active, must_change_password,"
      " password_changed_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8) RETURNING id",
      {a.login, text_or_null(a.email), a.display_name, a.password_hash, id_or_null(a.person_id), flag(a.is_active),
       flag(a.must_change_password), now});
}

std::optional<Account> find_account(Connection& c, const std::string& login_or_email) {
  static const std::string sql =
      std::string("SELECT ") + kColumns + " FROM accounts WHERE login = $1 OR email = $1";
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

std::int64_t insert_role(Connection& c, const RoleAssignment& r) {
  return c.scalar(
      "INSERT INTO role_assignments (account_id, role, territory_id, organisation_id, created_at)"
      " VALUES ($1, $2, $3, $4, $5) RETURNING id",
      {r.account_id, r.role, id_or_null(r.territory_id), id_or_null(r.organisation_id), domain::utc_timestamp_now()});
}

std::vector<RoleAssignment> roles_of(Connection& c, std::int64_t account_id) {
  std::vector<RoleAssignment> out;
  c.run("SELECT id, account_id, role, territory_id, organisation_id FROM role_assignments WHERE account_id = $1"
        " ORDER BY id",
        {account_id}, [&](const Row& r) {
          out.push_back({r.int64(0), r.int64(1), r.text(2), r.opt_int64(3), r.opt_int64(4)});
        });
  return out;
}

void set_password(Connection& c, std::int64_t account_id, const std::string& hash) {
  const auto now = domain::utc_timestamp_now();
  c.execute("UPDATE accounts SET password_hash = $1, must_change_password = 0, password_changed_at = $2,"
            " updated_at = $2 WHERE id = $3",
            {hash, now, account_id});
}

void insert_session(Connection& c, const std::string& token_digest, const Session& s, const std::string& remote) {
  c.execute("INSERT INTO sessions (token_digest, account_id, kind, csrf_token, created_at, expires_at, remote)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7)",
            {token_digest, s.account_id, s.kind, s.csrf_token, domain::utc_timestamp_now(), s.expires_at,
             text_or_null(remote)});
}

std::optional<Session> find_live_session(Connection& c, const std::string& token_digest, const std::string& now) {
  auto row = c.query_one(
      "SELECT s.id, s.account_id, s.kind, s.csrf_token, s.expires_at FROM sessions s"
      " JOIN accounts a ON a.id = s.account_id WHERE s.token_digest = $1 AND s.expires_at > $2 AND a.is_active = 1",
      {token_digest, now});
  if (!row) return std::nullopt;
  return Session{row->int64(0), row->int64(1), row->text(2), row->text(3), row->text(4)};
}

void delete_session(Connection& c, const std::string& token_digest) {
  c.execute("DELETE FROM sessions WHERE token_digest = $1", {token_digest});
}

void delete_other_sessions(Connection& c, std::int64_t account_id, const std::string& keep_digest) {
  c.execute("DELETE FROM sessions WHERE account_id = $1 AND token_digest <> $2", {account_id, keep_digest});
}

std::int64_t failures_since(Connection& c, const std::string& key, const std::string& since) {
  return c.scalar("SELECT count(*) FROM login_failures WHERE throttle_key = $1 AND failed_at > $2", {key, since});
}

void record_failure(Connection& c, const std::string& key, const std::string& at) {
  c.execute("INSERT INTO login_failures (throttle_key, failed_at) VALUES ($1, $2)", {key, at});
}

void clear_failures(Connection& c, const std::string& key) {
  c.execute("DELETE FROM login_failures WHERE throttle_key = $1", {key});
}

void append_audit(Connection& c, const AuditEntry& e) {
  c.execute(
      "INSERT INTO audit_log (at, account_id, action, entity, entity_id, before_json, after_json, request_id, remote)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      {domain::utc_timestamp_now(), id_or_null(e.account_id), e.action, e.entity, id_or_null(e.entity_id),
       text_or_null(e.before_json), text_or_null(e.after_json), text_or_null(e.request_id), text_or_null(e.remote)});
}

}  // namespace metodist::storage::accounts
