// Accounts and their roles: creation with validation, password hashing and
// an audit record, all in one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "storage/account_repository.hpp"

namespace metodist::app {

struct NewAccount {
  std::string login;
  std::string email;
  std::string display_name;
  std::string password;
  std::optional<std::int64_t> person_id;
  bool must_change_password = false;
  std::vector<storage::accounts::RoleAssignment> roles;  // account_id is filled in
};

// Normalises `account` in place (trimmed, lower-case login and e-mail),
// validates it (login, e-mail, password rules, roles and their scopes), hashes
// the password and stores the account with its roles; returns the new id.
// A duplicate login or e-mail is a conflict naming the field.
std::int64_t create_account(App& app, NewAccount& account, std::optional<std::int64_t> created_by = std::nullopt);
// Its two halves, for a use case that creates an account inside its own
// transaction (metodist init): normalise, validate and hash (slow, before the
// transaction), then store with the roles and the audit record.
std::string prepare_account(NewAccount& account);
std::int64_t store_account(storage::Connection& c, const NewAccount& account, const std::string& hash,
                           std::optional<std::int64_t> created_by);

// A password that satisfies validate_new_password, for generated accounts.
std::string generate_password();

}  // namespace metodist::app

namespace metodist::app {

struct Caller;

// Account administration on behalf of a caller (docs/security.md): a caller
// administers an account only when it could grant every role the account
// holds (domain::grant_refusal). Others are not listed and not shown (404);
// changing them — block, unblock, reset, rename, roles — is 403. A new
// account's roles must be ones the caller grants (403); a person is linked
// only by those who administer the person (a current workplace within the
// caller's territory), and only to one account (409).
storage::accounts::AccountPage list_accounts(App& app, const Caller& caller, const std::string& query,
                                             std::int64_t limit, std::int64_t offset);
storage::accounts::Account get_account(App& app, const Caller& caller, std::int64_t id);
std::vector<storage::accounts::RoleAssignment> roles_of_account(App& app, std::int64_t id);
// The roles of every account on a page, in one query.
std::vector<storage::accounts::RoleAssignment> roles_of_accounts(App& app, const std::vector<std::int64_t>& ids);
// Returns the new id; a password left empty is generated and put back into `account`.
std::int64_t create_account_as(App& app, const Caller& caller, NewAccount& account);

// Blocks or unblocks an account in the caller's scope; blocking ends its
// sessions and API tokens. Nobody blocks themselves.
storage::accounts::Account set_account_active(App& app, const Caller& caller, std::int64_t id, bool active);
struct AccountChanges {
  std::optional<std::string> display_name;
  std::optional<std::string> email;  // empty: no address
};
// Renames an account or changes its e-mail; audited with both states.
storage::accounts::Account update_account(App& app, const Caller& caller, std::int64_t id, AccountChanges changes);

// Adds a role to an account in the caller's scope; the role must lie within
// the caller's scope too. Removing keeps at least one role. Both audited.
void add_role(App& app, const Caller& caller, std::int64_t account_id, storage::accounts::RoleAssignment role);
void remove_role(App& app, const Caller& caller, std::int64_t account_id, std::int64_t role_id);

// A new temporary password (returned once), to be changed at next sign-in;
// the account's sessions end.
std::string reset_password(App& app, const Caller& caller, std::int64_t id);

std::vector<storage::accounts::AuditRow> list_audit(App& app, const Caller& caller,
                                                    const storage::accounts::AuditFilter& filter, std::int64_t& total);

}  // namespace metodist::app
