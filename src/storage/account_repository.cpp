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

void append_audit(Connection& c, const AuditEntry& e) {
  c.execute(
      "INSERT INTO audit_log (at, account_id, action, entity, entity_id, before_json, after_json, request_id, remote)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      {domain::utc_timestamp_now(), id_or_null(e.account_id), e.action, e.entity, id_or_null(e.entity_id),
       text_or_null(e.before_json), text_or_null(e.after_json), text_or_null(e.request_id), text_or_null(e.remote)});
}

}  // namespace metodist::storage::accounts
