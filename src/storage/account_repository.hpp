// SQL for accounts, role assignments and the audit log. Like every
// repository: the caller owns the transaction, the app layer validates.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/access.hpp"
#include "storage/database.hpp"

namespace metodist::storage::accounts {

struct Account {
  std::int64_t id = 0;
  std::string login;  // lower-case
  std::string email;  // lower-case, may be empty
  std::string display_name;
  std::string password_hash;
  std::optional<std::int64_t> person_id;
  bool is_active = true;
  bool must_change_password = false;
};

struct RoleAssignment {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::string role;
  std::optional<std::int64_t> territory_id;
  std::optional<std::int64_t> organisation_id;
  std::string scope_name;  // the territory's or organisation's name, as read (not written)
};

std::int64_t insert_account(Connection& c, const Account& a);
// By login or e-mail (both stored lower-case).
std::optional<Account> find_account(Connection& c, const std::string& login_or_email);
std::optional<Account> find_account(Connection& c, std::int64_t id);
std::int64_t count_accounts(Connection& c);

// The accounts a caller administers: those all of whose roles it could grant
// (domain::grant_refusal) with its account administration scope `scope`;
// everything for an unlimited scope. Searched by login, e-mail, name.
struct AccountPage {
  std::vector<Account> items;
  std::int64_t total = 0;
};
AccountPage list_accounts(Connection& c, const domain::Scope& scope, const std::string& folded_query,
                          std::int64_t limit, std::int64_t offset);
bool administrable(Connection& c, std::int64_t id, const domain::Scope& scope);
// The account linked to a person, if any (a person has at most one).
std::optional<Account> account_of_person(Connection& c, std::int64_t person_id);

std::int64_t insert_role(Connection& c, const RoleAssignment& r);
std::vector<RoleAssignment> roles_of(Connection& c, std::int64_t account_id);
// The roles of several accounts in one query (a page of a list), by account.
std::vector<RoleAssignment> roles_of(Connection& c, const std::vector<std::int64_t>& account_ids);
bool delete_role(Connection& c, std::int64_t account_id, std::int64_t role_id);

// Stores a new password hash; `must_change` asks for a new one at next sign-in.
void set_password(Connection& c, std::int64_t account_id, const std::string& hash, bool must_change = false);
void set_active(Connection& c, std::int64_t account_id, bool active);
// Stores display_name and email (and the search key made of them).
void update_profile(Connection& c, const Account& a);
void delete_sessions(Connection& c, std::int64_t account_id);

struct Session {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::string kind;  // browser | api
  std::string csrf_token;
  std::string expires_at;
  std::string name;  // API tokens: what it is for
  std::string created_at;
};
std::int64_t insert_session(Connection& c, const std::string& token_digest, const Session& s,
                            const std::string& remote);
// A live session: not expired at `now` and its account active.
std::optional<Session> find_live_session(Connection& c, const std::string& token_digest, const std::string& now);
void delete_session(Connection& c, const std::string& token_digest);
std::vector<Session> api_tokens_of(Connection& c, std::int64_t account_id, const std::string& now);
// Deletes an API token of this account; false when there is none with that id.
bool delete_api_token(Connection& c, std::int64_t account_id, std::int64_t id);
// Ends every session of an account but the one given (after a password change).
void delete_other_sessions(Connection& c, std::int64_t account_id, const std::string& keep_digest);

// Failed logins per throttle key since a moment (ISO timestamp), and the latest.
struct Failures {
  std::int64_t count = 0;
  std::string latest;  // ISO timestamp, empty when none
};
Failures failures_since(Connection& c, const std::string& key, const std::string& since);
void record_failure(Connection& c, const std::string& key, const std::string& at);
void clear_failures(Connection& c, const std::string& key);

struct AuditEntry {
  std::optional<std::int64_t> account_id;
  std::string action;
  std::string entity;
  std::optional<std::int64_t> entity_id;
  std::string before_json;
  std::string after_json;
  std::string request_id;
  std::string remote;
};
void append_audit(Connection& c, const AuditEntry& e);

struct AuditRow {
  std::int64_t id = 0;
  std::string at;
  std::optional<std::int64_t> account_id;
  std::string account_login;
  std::string action, entity;
  std::optional<std::int64_t> entity_id;
  std::string before_json, after_json, request_id;
};
struct AuditFilter {
  std::string entity, action;
  std::optional<std::int64_t> account_id, entity_id;
  std::string from, to;  // ISO dates or timestamps, inclusive bounds on `at`
  std::int64_t limit = 50, offset = 0;
};
std::vector<AuditRow> list_audit(Connection& c, const AuditFilter& f, std::int64_t& total);
// Every row of the filtered log, newest first, without paging: for export.
void each_audit(Connection& c, const AuditFilter& f, const std::function<void(const AuditRow&)>& on_row);

// One-time links of password recovery by e-mail: only their digest is kept.
struct PasswordReset {
  std::int64_t id = 0, account_id = 0;
  std::string expires_at, used_at;  // UTC timestamps; used_at "" while unused
};
void insert_password_reset(Connection& c, std::int64_t account_id, const std::string& digest,
                           const std::string& expires_at, const std::string& now);
std::optional<PasswordReset> find_password_reset(Connection& c, const std::string& digest);
// Spends the link (if still unused and not expired at `now`) and every other
// unused link of the account; false when the link was no longer good.
bool spend_password_resets(Connection& c, std::int64_t account_id, const std::string& digest, const std::string& now);

}  // namespace metodist::storage::accounts
