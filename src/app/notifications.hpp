// Notifications: in the app for every account, and by e-mail
// through the configured SMTP server for accounts with an address that did not
// turn letters off.
//
// Use cases notify inside their own write transaction, so a notice exists
// exactly when the change it tells of does. Reminders (an event tomorrow, a
// feedback form after it, a request overdue) are made by a periodic pass on
// every app server; a key per reminder makes a second pass — or a second
// server — add nothing. Letters leave through an outbox of the same rows.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"
#include "io/smtp.hpp"
#include "storage/notifications_repository.hpp"

namespace metodist::app {

struct Notice {
  std::string kind;   // registration, assignment, answer, reminder, ...
  std::string title;  // one line, Russian
  std::string body;
  std::string link;       // a path in the web UI, e.g. /events/12
  std::string dedup_key;  // for reminders: once per account and key
};

// To every active account of the person (none: nobody is told). Both return
// how many notifications were added (a repeated reminder adds none).
std::size_t notify_person(const App& app, storage::Connection& c, std::int64_t person_id, const Notice& n);
// To every account holding `role` over the organisation's territory.
std::size_t notify_role_over(const App& app, storage::Connection& c, const std::string& role,
                             std::int64_t organisation_id, const Notice& n);

// To every account holding `role` over the territory (or a territory above it).
std::size_t notify_role_at(const App& app, storage::Connection& c, const std::string& role, std::int64_t territory_id,
                           const Notice& n);

std::vector<storage::notifications::Notification> my_notifications(App& app, const Caller& caller, bool unread_only);
std::int64_t unread_notifications(App& app, const Caller& caller);
// One notification, or all of them without an id; returns how many became read.
std::int64_t mark_notifications_read(App& app, const Caller& caller, std::optional<std::int64_t> id);
bool email_notifications(App& app, const Caller& caller);
void set_email_notifications(App& app, const Caller& caller, bool on);

// One pass of reminders as of now; returns how many notifications were added.
std::size_t send_reminders(App& app);
// Sends due letters with `send` (io::send_mail in production); a failure is
// retried with growing pauses and given up after 6 tries. Returns letters sent.
// `keep_going` is asked before each letter (a stopping server stops between
// letters, not after a whole batch of slow SMTP conversations).
using MailSender = std::function<void(const io::MailMessage&)>;
std::size_t deliver_mail(App& app, const MailSender& send, const std::function<bool()>& keep_going = {});
// io::send_mail through the configured SMTP server (config.smtp_url set).
MailSender smtp_sender(const Config& config);

// Runs send_reminders and deliver_mail every config.notify_interval on a
// thread of its own until stopped (the server's lifetime).
class NotificationLoop {
 public:
  explicit NotificationLoop(App& app);
  ~NotificationLoop();
  NotificationLoop(const NotificationLoop&) = delete;
  NotificationLoop& operator=(const NotificationLoop&) = delete;

 private:
  void run();
  App& app_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace metodist::app
