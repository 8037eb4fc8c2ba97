#include "app/password_reset.hpp"

#include "app/passwords.hpp"
#include "domain/access.hpp"
#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/text.hpp"
#include "storage/account_repository.hpp"
#include "storage/notifications_repository.hpp"

namespace metodist::app {
namespace {

namespace acc = storage::accounts;
namespace ntf = storage::notifications;
using Clock = std::chrono::system_clock;

std::string at(Clock::time_point t) { return domain::utc_timestamp(t); }

const char* const kSpent =
    "Ссылка для восстановления пароля недействительна или устарела. Запросите новую на странице входа";

}  // namespace

void request_password_reset(App& app, const std::string& login_or_email, const std::string& remote,
                            const PasswordResetPolicy& policy) {
  const std::string who = domain::ascii_lower(domain::trim(login_or_email));
  if (who.empty()) throw domain::Error::validation("login", "Введите логин или адрес электронной почты");
  if (app.config.smtp_url.empty())
    throw domain::Error::conflict(
        "login", "Письма с этого сервера не отправляются: чтобы сменить пароль, обратитесь к администратору");
  const auto now = Clock::now();
  const std::string address_key = "reset-address:" + remote;
  app.db->write([&](storage::Connection& c) {
    if (acc::failures_since(c, address_key, at(now - policy.address_window)).count >= policy.requests_per_address)
      throw domain::Error(domain::ErrorKind::too_many_requests,
                          "С этого адреса слишком много запросов на восстановление пароля. Повторите через " +
                              std::to_string(policy.address_window.count()) + " минут");
    acc::record_failure(c, address_key, at(now));
    const auto account = acc::find_account(c, who);
    if (!account || !account->is_active || account->email.empty()) return 0;
    const std::string account_key = "reset-account:" + std::to_string(account->id);
    if (acc::failures_since(c, account_key, at(now - policy.account_window)).count >= policy.letters_per_account)
      return 0;
    acc::record_failure(c, account_key, at(now));
    const std::string token = random_token();
    acc::insert_password_reset(c, account->id, token_digest(token), at(now + policy.link_lifetime), at(now));
    ntf::Notification letter;
    letter.kind = "password_reset";
    letter.title = "Восстановление пароля в «Методисте»";
    letter.body = "Здравствуйте, " + account->display_name + "!\n\nДля учётной записи «" + account->login +
                  "» запрошено восстановление пароля. Чтобы задать новый пароль, откройте ссылку ниже в течение " +
                  std::to_string(policy.link_lifetime.count()) +
                  " минут; она действует один раз.\n\nЕсли вы не запрашивали восстановление, ничего не делайте: "
                  "пароль останется прежним.";
    letter.link = "/password-reset?token=" + token;
    ntf::insert_notification(c, account->id, letter, {}, true);
    // No address in the log (it keeps no personal data): who, when and from where.
    acc::append_audit(c, {account->id, "password_reset_request", "account", account->id, {}, {}, {}, remote});
    return 0;
  });
}

void reset_password(App& app, const std::string& token, const std::string& new_password, const std::string& remote) {
  if (token.empty()) throw domain::Error::validation("token", kSpent);
  const auto digest = token_digest(token);
  const auto now = at(Clock::now());
  const auto account = app.db->read([&](storage::Connection& c) -> std::optional<acc::Account> {
    const auto reset = acc::find_password_reset(c, digest);
    if (!reset || !reset->used_at.empty() || reset->expires_at <= now) return std::nullopt;
    return acc::find_account(c, reset->account_id);
  });
  if (!account || !account->is_active) throw domain::Error::validation("token", kSpent);
  try {
    domain::validate_new_password(new_password, account->login);
  } catch (const domain::Error& e) {
    throw domain::Error::validation("new_password", e.what());
  }
  const std::string hash = hash_password(new_password);  // slow: outside the transaction
  app.db->write([&](storage::Connection& c) {
    // Spent here, once: a second use of the same link, even at the same moment, finds it used.
    if (!acc::spend_password_resets(c, account->id, digest, now)) throw domain::Error::validation("token", kSpent);
    acc::set_password(c, account->id, hash);
    acc::delete_sessions(c, account->id);
    acc::append_audit(c, {account->id, "password_reset", "account", account->id, {}, {}, {}, remote});
    return 0;
  });
}

}  // namespace metodist::app
