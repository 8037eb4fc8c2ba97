// Signing in and out, and recognising the caller of a request.
//
// Sessions are random 256-bit tokens handed to the browser in an HttpOnly
// cookie; the database keeps only their digest, so a leaked database does not
// leak sessions. Each session has its own CSRF token that cookie-authenticated
// writes must echo in X-CSRF-Token. Failed logins are throttled per account and
// per address, in the database, so every app server sees the same counts.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "domain/access.hpp"
#include "storage/account_repository.hpp"

namespace metodist::app {

struct Caller {
  std::int64_t account_id = 0;
  std::string login;
  std::string display_name;
  std::optional<std::int64_t> person_id;  // the account's own person, if linked
  std::vector<storage::accounts::RoleAssignment> roles;
  bool must_change_password = false;
  std::string session_kind;  // browser | api
  std::string csrf_token;
  std::string token_digest;     // of the session that authenticated this request
  domain::AccessPolicy policy;  // the site's access settings, from the configuration
  domain::Support support;      // schools and teachers a methodist supports now
};

// Guessing is slowed per (account, address): a stranger elsewhere cannot
// lock the owner out, and the owner's own typos cost seconds, not minutes.
// Login and e-mail are one account, so they share one counter.
struct LoginPolicy {
  int free_failures = 3;                // per account and address, before any wait
  std::chrono::seconds first_delay{5};  // then 5, 10, 20 … seconds after the last failure
  std::chrono::seconds max_delay{900};  // never longer than this
  int max_failures_per_address = 20;    // from one address, whatever the accounts, per window
  std::chrono::minutes window{15};
  std::chrono::hours session_lifetime{12};
};

// How long after the last of `failures` failures the next attempt must wait.
std::chrono::seconds login_delay(const LoginPolicy& policy, std::int64_t failures);

struct LoginResult {
  std::string token;  // goes into the cookie, never stored
  Caller caller;
  std::string expires_at;
};

// Throws domain::Error: unauthorized for a wrong login or password (the same
// message for both, so logins cannot be probed), too_many_requests while the
// (account, address) pair waits or the address is over its cap (the message
// says how long to wait).
LoginResult login(App& app, const std::string& login_or_email, const std::string& password, const std::string& remote,
                  const LoginPolicy& policy = {});

// What the caller may see (read) or change (write) for an action.
domain::Scope scope_of(const Caller& caller, domain::Action action);
// The staff the caller administers (their school, a territory): write_staff
// without the caller's own person — a teacher does not administer themself.
domain::Scope staff_scope(const Caller& caller);
// The same, refusing with 403 «Недостаточно прав: <what>» when the scope is empty.
domain::Scope require_scope(const Caller& caller, domain::Action action, const char* what);

// Whether the caller coordinates the territory: holds an administering role
// over it or a territory above it (coordinate_support). Keepers of a
// territory's active, roadmaps and bank of practices are decided by this.
bool coordinates_territory(storage::Connection& c, const Caller& caller, std::int64_t territory_id);

// One audit row for a change the caller made (the command line, with no
// account, is recorded without one), inside the change's transaction.
void audit_change(storage::Connection& c, const Caller& caller, const char* action, const char* entity, std::int64_t id,
                  std::string before, std::string after, const std::string& request_id);

// The caller behind a session token, or nothing when it is unknown or expired.
// API tokens are accepted only as bearer tokens (`from_cookie` false).
std::optional<Caller> authenticate(App& app, const std::string& token, bool from_cookie = true);

struct ApiToken {
  std::int64_t id = 0;
  std::string name, created_at, expires_at;
  std::string token;  // only when just created: shown once
};
// A long-lived token for an integration, acting as the caller, for
// auth.api_token_days; audited. Only a browser session issues tokens.
ApiToken create_api_token(App& app, const Caller& caller, const std::string& name);
std::vector<ApiToken> api_tokens(App& app, const Caller& caller);
void revoke_api_token(App& app, const Caller& caller, std::int64_t id);

void logout(App& app, const Caller& caller);

// Checks the old password, applies the rules to the new one, stores it, ends
// the account's other sessions, and writes the audit log.
void change_password(App& app, const Caller& caller, const std::string& old_password, const std::string& new_password);

}  // namespace metodist::app
