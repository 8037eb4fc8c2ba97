// Password recovery by e-mail («Забыли пароль?»).
//
// A person who forgot their password types their login or e-mail; if an
// active account with an address answers to it, a letter brings a one-time
// link valid for an hour. The answer is the same whether or not the account
// exists or has an address, so the form cannot be used to probe who is
// registered. Requests are throttled per address (an answer of 429, the same
// for everyone) and per account (beyond a few letters an hour, no more are
// sent, silently). The database keeps only the link's digest; the link itself
// stands in the outgoing letter until it is sent and is then wiped. Using the
// link sets the new password (the site's rules apply), ends every session of
// the account and spends every other link of it. Both steps are audited.
#pragma once

#include <chrono>
#include <string>

#include "app/app.hpp"

namespace metodist::app {

struct PasswordResetPolicy {
  std::chrono::minutes link_lifetime{60};
  int letters_per_account = 3;  // within account_window; more requests send nothing
  std::chrono::minutes account_window{60};
  int requests_per_address = 10;  // within address_window; then 429 for everyone
  std::chrono::minutes address_window{15};
};

// Throws validation (login) for an empty field, too_many_requests for an
// address over its cap, conflict when no SMTP server is configured (no letter
// could leave: the person is told to ask an administrator).
void request_password_reset(App& app, const std::string& login_or_email, const std::string& remote,
                            const PasswordResetPolicy& policy = {});

// Throws validation naming `token` (unknown, used or expired link) or
// `new_password` (the site's password rules).
void reset_password(App& app, const std::string& token, const std::string& new_password, const std::string& remote);

}  // namespace metodist::app
