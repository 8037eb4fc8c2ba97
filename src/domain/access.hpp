// Who may act, and over what: the roles of the system with their Russian
// titles and the kind of scope each is granted over, in one table; and the
// rules for logins and passwords. Enforcement lives in app/ (one place).
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace metodist::domain {

// What a role assignment is bound to.
enum class ScopeKind {
  everything,    // the whole federation
  territory,     // a region or a municipality and everything below it
  organisation,  // one organisation
  person,        // the account's own person
  assignments,   // only objects assigned to the account (expert: practices)
};

struct RoleInfo {
  std::string_view code;
  std::string_view title;
  ScopeKind scope;
  std::string_view scope_level;  // for territory scopes: "region" or "municipality"
};

std::span<const RoleInfo> roles();
const RoleInfo* find_role(std::string_view code) noexcept;

// A login: 3..64 characters of Latin letters, digits, «.», «_», «-».
// Throws Error naming the field "login".
void validate_login(std::string_view login);
// Very light e-mail check (something@something.something); field "email".
void validate_email(std::string_view email);
// At least 10 characters, letters and digits both, not the login itself,
// not one of the passwords everyone tries first; field "password".
void validate_new_password(std::string_view password, std::string_view login);

}  // namespace metodist::domain
