// SQL for notifications and their e-mail outbox. A notification
// belongs to one account; the outbox is the same rows with an e-mail state,
// and a letter of password recovery (kind «password_reset») is a row of the
// outbox only: it is never listed in the app, and its link is wiped once sent;
// claimed by whichever app server sends first (a claim is a conditional
// UPDATE, so two servers never send the same letter).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace metodist::storage::notifications {

struct Notification {
  std::int64_t id = 0, account_id = 0;
  std::string kind, title, body, link, created_at, read_at;
};

// Inserts one; with a dedup key, a second one for the same account and key is
// silently skipped (reminders run on every server). Returns whether it was added.
bool insert_notification(Connection& c, std::int64_t account_id, const Notification& n, const std::string& dedup_key,
                         bool by_email);
std::vector<Notification> notifications_of(Connection& c, std::int64_t account_id, bool unread_only, std::size_t limit);
std::int64_t unread_count(Connection& c, std::int64_t account_id);
// Marks one (or, without id, all) of the account's notifications read.
std::int64_t mark_read(Connection& c, std::int64_t account_id, std::optional<std::int64_t> id);

// Active accounts linked to a person, with whether they take e-mail.
struct Recipient {
  std::int64_t account_id = 0;
  bool by_email = false;  // has an address and did not turn e-mail off
};
std::vector<Recipient> accounts_of_person(Connection& c, std::int64_t person_id);
// Active accounts holding `role` over a territory that contains the organisation's.
std::vector<Recipient> accounts_with_role_over(Connection& c, const std::string& role, std::int64_t organisation_id);
// Active accounts holding `role` over the territory itself or one above it.
std::vector<Recipient> accounts_with_role_at(Connection& c, const std::string& role, std::int64_t territory_id);
void set_email_preference(Connection& c, std::int64_t account_id, bool by_email);
bool email_preference(Connection& c, std::int64_t account_id);

struct Mail {
  std::int64_t id = 0;
  std::string to, title, body, link;
  std::int64_t attempts = 0;
};
// Claims up to `limit` pending letters due by `now`, pushing their next try
// to `lease_until` so no other server takes them meanwhile.
std::vector<Mail> claim_mail(Connection& c, const std::string& now, const std::string& lease_until, std::size_t limit);
void mail_sent(Connection& c, std::int64_t id);
// A failed try: retried at `next_at`, or given up (failed) when next_at is empty.
void mail_failed(Connection& c, std::int64_t id, const std::string& error, const std::string& next_at);

}  // namespace metodist::storage::notifications
