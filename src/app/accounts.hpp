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

// Validates (login, e-mail, password rules, roles and their scopes), hashes
// the password and stores the account with its roles; returns the new id.
// A duplicate login or e-mail is a conflict naming the field.
std::int64_t create_account(App& app, NewAccount account, std::optional<std::int64_t> created_by = std::nullopt);

// A password that satisfies validate_new_password, for generated accounts.
std::string generate_password();

}  // namespace metodist::app
