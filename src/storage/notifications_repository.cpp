#include "storage/notifications_repository.hpp"

#include "domain/date.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::storage::notifications {

bool insert_notification(Connection& c, std::int64_t account_id, const Notification& n, const std::string& dedup_key,
                         bool by_email) {
  const auto now = domain::utc_timestamp_now();
  return c.execute(
             "INSERT INTO notifications (account_id, kind, title, body, link, dedup_key, created_at, email_state,"
             " email_next_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING",
             {account_id, n.kind, n.title, text_or_null(n.body), text_or_null(n.link), text_or_null(dedup_key), now,
              std::string(by_email ? "pending" : "none"), by_email ? Value{now} : Value{nullptr}}) > 0;
}

std::vector<Notification> notifications_of(Connection& c, std::int64_t account_id, bool unread_only,
                                           std::size_t limit) {
  std::vector<Notification> out;
  c.run(std::string(
            "SELECT id, account_id, kind, title, COALESCE(body, '') AS body, COALESCE(link, '') AS link, created_at,"
            " COALESCE(read_at, '') AS read_at FROM notifications WHERE account_id = $1 AND kind <> 'password_reset'") +
            (unread_only ? " AND read_at IS NULL" : "") + " ORDER BY id DESC LIMIT $2",
        {account_id, static_cast<std::int64_t>(limit)}, [&](const Row& r) {
          out.push_back({r.int64("id"), r.int64("account_id"), r.text("kind"), r.text("title"), r.text("body"),
                         r.text("link"), r.text("created_at"), r.text("read_at")});
        });
  return out;
}

std::int64_t unread_count(Connection& c, std::int64_t account_id) {
  return c.scalar(
      "SELECT COUNT(*) FROM notifications WHERE account_id = $1 AND read_at IS NULL AND kind <> 'password_reset'",
      {account_id});
}

std::int64_t mark_read(Connection& c, std::int64_t account_id, std::optional<std::int64_t> id) {
  const auto now = domain::utc_timestamp_now();
  if (id)
    return c.execute("UPDATE notifications SET read_at = $3 WHERE account_id = $1 AND id = $2 AND read_at IS NULL",
                     {account_id, *id, now});
  return c.execute("UPDATE notifications SET read_at = $2 WHERE account_id = $1 AND read_at IS NULL",
                   {account_id, now});
}

std::vector<Recipient> accounts_of_person(Connection& c, std::int64_t person_id) {
  std::vector<Recipient> out;
  c.run(
      "SELECT id, CASE WHEN email IS NOT NULL AND notify_by_email = 1 THEN 1 ELSE 0 END AS by_email FROM accounts"
      " WHERE person_id = $1 AND is_active = 1 ORDER BY id",
      {person_id}, [&](const Row& r) {
        out.push_back({r.int64("id"), r.flag("by_email")});
      });
  return out;
}

namespace {
// Active accounts holding `role` over the territory `territory_sql` names or one above it.
std::vector<Recipient> role_holders_above(Connection& c, const std::string& role, const std::string& territory_sql,
                                          std::int64_t id) {
  std::vector<Recipient> out;
  c.run(
      "SELECT DISTINCT a.id, CASE WHEN a.email IS NOT NULL AND a.notify_by_email = 1 THEN 1 ELSE 0 END AS by_email"
      " FROM accounts a JOIN role_assignments ra ON ra.account_id = a.id"
      " WHERE a.is_active = 1 AND ra.role = $1 AND ra.territory_id IN " +
          registry::ancestors_or_self(territory_sql) + " ORDER BY a.id",
      {role, id}, [&](const Row& r) {
        out.push_back({r.int64("id"), r.flag("by_email")});
      });
  return out;
}
}  // namespace

std::vector<Recipient> accounts_with_role_over(Connection& c, const std::string& role, std::int64_t organisation_id) {
  return role_holders_above(c, role, "(SELECT territory_id FROM organisations WHERE id = $2)", organisation_id);
}

std::vector<Recipient> accounts_with_role_at(Connection& c, const std::string& role, std::int64_t territory_id) {
  return role_holders_above(c, role, "($2)", territory_id);
}

void set_email_preference(Connection& c, std::int64_t account_id, bool by_email) {
  c.execute("UPDATE accounts SET notify_by_email = $2 WHERE id = $1", {account_id, flag(by_email)});
}

bool email_preference(Connection& c, std::int64_t account_id) {
  return c.scalar("SELECT COALESCE(MAX(notify_by_email), 0) FROM accounts WHERE id = $1", {account_id}) != 0;
}

std::vector<Mail> claim_mail(Connection& c, const std::string& now, const std::string& lease_until, std::size_t limit) {
  std::vector<Mail> due;
  c.run(
      "SELECT n.id, a.email, n.title, COALESCE(n.body, '') AS body, COALESCE(n.link, '') AS link, n.email_attempts"
      " FROM notifications n JOIN accounts a ON a.id = n.account_id"
      " WHERE n.email_state = 'pending' AND n.email_next_at <= $1 AND a.email IS NOT NULL ORDER BY n.id LIMIT $2",
      {now, static_cast<std::int64_t>(limit)}, [&](const Row& r) {
        due.push_back({r.int64("id"), r.text("email"), r.text("title"), r.text("body"), r.text("link"),
                       r.int64("email_attempts")});
      });
  std::vector<Mail> claimed;
  for (auto& m : due)
    if (c.execute("UPDATE notifications SET email_next_at = $2, email_attempts = email_attempts + 1"
                  " WHERE id = $1 AND email_state = 'pending' AND email_next_at <= $3",
                  {m.id, lease_until, now}) > 0)
      claimed.push_back(std::move(m));
  return claimed;
}

// A password reset letter carries its one-time link only until it has left
// (or was given up): then the link is wiped, the database keeps its digest alone.
constexpr const char* kWipeSecret = "link = CASE WHEN kind = 'password_reset' THEN NULL ELSE link END";

void mail_sent(Connection& c, std::int64_t id) {
  c.execute("UPDATE notifications SET email_state = 'sent', email_error = NULL, " + std::string(kWipeSecret) +
                " WHERE id = $1",
            {id});
}

void mail_failed(Connection& c, std::int64_t id, const std::string& error, const std::string& next_at) {
  if (next_at.empty())
    c.execute("UPDATE notifications SET email_state = 'failed', email_error = $2, " + std::string(kWipeSecret) +
                  " WHERE id = $1",
              {id, error});
  else
    c.execute("UPDATE notifications SET email_error = $2, email_next_at = $3 WHERE id = $1", {id, error, next_at});
}

}  // namespace metodist::storage::notifications
