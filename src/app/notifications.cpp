#include "app/notifications.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <map>

#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/events.hpp"
#include "storage/events_repository.hpp"
#include "storage/help_requests_repository.hpp"
#include "storage/roadmaps_repository.hpp"

namespace metodist::app {
namespace {

namespace ntf = storage::notifications;

std::size_t deliver(const App& app, storage::Connection& c, const std::vector<ntf::Recipient>& to, const Notice& n) {
  const bool mail = !app.config.smtp_url.empty();
  std::size_t added = 0;
  for (const auto& r : to)
    added += ntf::insert_notification(c, r.account_id, {0, r.account_id, n.kind, n.title, n.body, n.link, {}, {}},
                                      n.dedup_key, mail && r.by_email);
  return added;
}

std::int64_t own_account(const Caller& caller) {
  if (caller.account_id == 0) throw domain::Error::forbidden("Уведомления есть только у учётных записей");
  return caller.account_id;
}

// Reminders of events: tomorrow's to those registered, and the feedback form
// to those who came (or were not marked) once it is over, for a week.
std::size_t event_reminders(App& app, storage::Connection& c) {
  std::size_t added = 0;
  const auto now = domain::local_minute_now();
  const auto tomorrow = domain::local_minute_now(std::chrono::hours(24));
  const auto week_ago = domain::local_minute_now(-std::chrono::hours(24 * 7));
  const auto due = storage::events::reminders_due(c, now, tomorrow, week_ago);
  for (const auto& d : due) {
    const std::string link = "/events/" + std::to_string(d.event_id);
    Notice n = d.soon ? Notice{"reminder", "Скоро мероприятие: «" + d.title + "»",
                               "Начало: " + domain::russian_date_time(d.starts_at), link,
                               "event_soon:" + std::to_string(d.event_id)}
                      : Notice{"feedback", "Оцените мероприятие «" + d.title + "»",
                               "Ответьте на два вопроса: это поможет организаторам", link,
                               "event_feedback:" + std::to_string(d.event_id)};
    added += notify_person(app, c, d.person_id, n);
  }
  return added;
}

std::size_t overdue_reminders(App& app, storage::Connection& c) {
  std::size_t added = 0;
  for (const auto& r : storage::help_requests::overdue_requests(c, domain::Date::today().iso())) {
    const Notice n{"overdue", "Просрочен запрос методической помощи: «" + r.topic + "»",
                   r.organisation_name + ", срок ответа — " + r.due_on, "/help/" + std::to_string(r.id),
                   "help_overdue:" + std::to_string(r.id)};
    if (r.methodist_person_id) added += notify_person(app, c, *r.methodist_person_id, n);
    added += notify_role_over(app, c, "municipal_coordinator", r.organisation_id, n);
  }
  return added;
}

// Roadmap items past their term: one notice per roadmap to its keepers, again
// only when the set of late items changes (the key carries its size and latest end).
std::size_t late_roadmap_reminders(App& app, storage::Connection& c) {
  std::map<std::int64_t, std::vector<storage::roadmaps::LateItem>> by_roadmap;
  for (auto& i : storage::roadmaps::late_items(c, domain::Date::today().iso()))
    by_roadmap[i.roadmap_id].push_back(std::move(i));
  std::size_t added = 0;
  for (const auto& [roadmap_id, items] : by_roadmap) {
    std::string latest;
    for (const auto& i : items) latest = std::max(latest, i.term_to);
    const auto& first = items.front();
    const Notice n{"overdue",
                   "Дорожная карта «" + first.roadmap_title + "»: просрочено пунктов — " + std::to_string(items.size()),
                   "Например, " + (first.number.empty() ? std::string() : first.number + " ") + "«" + first.name +
                       "» (срок до " + domain::russian_date(first.term_to) + ")",
                   "/roadmaps/" + std::to_string(roadmap_id),
                   "roadmap_late:" + std::to_string(roadmap_id) + ":" + std::to_string(items.size()) + ":" + latest};
    for (const char* role : {"regional_ministry", "regional_institute", "municipal_coordinator"})
      added += notify_role_at(app, c, role, first.territory_id, n);
  }
  return added;
}

}  // namespace

std::size_t notify_person(const App& app, storage::Connection& c, std::int64_t person_id, const Notice& n) {
  return deliver(app, c, ntf::accounts_of_person(c, person_id), n);
}

std::size_t notify_role_over(const App& app, storage::Connection& c, const std::string& role,
                             std::int64_t organisation_id, const Notice& n) {
  return deliver(app, c, ntf::accounts_with_role_over(c, role, organisation_id), n);
}

std::size_t notify_role_at(const App& app, storage::Connection& c, const std::string& role, std::int64_t territory_id,
                           const Notice& n) {
  return deliver(app, c, ntf::accounts_with_role_at(c, role, territory_id), n);
}

std::vector<ntf::Notification> my_notifications(App& app, const Caller& caller, bool unread_only) {
  const auto account = own_account(caller);
  return app.db->read([&](storage::Connection& c) { return ntf::notifications_of(c, account, unread_only, 100); });
}

std::int64_t unread_notifications(App& app, const Caller& caller) {
  const auto account = own_account(caller);
  return app.db->read([&](storage::Connection& c) { return ntf::unread_count(c, account); });
}

std::int64_t mark_notifications_read(App& app, const Caller& caller, std::optional<std::int64_t> id) {
  const auto account = own_account(caller);
  return app.db->write([&](storage::Connection& c) { return ntf::mark_read(c, account, id); });
}

bool email_notifications(App& app, const Caller& caller) {
  const auto account = own_account(caller);
  return app.db->read([&](storage::Connection& c) { return ntf::email_preference(c, account); });
}

void set_email_notifications(App& app, const Caller& caller, bool on) {
  const auto account = own_account(caller);
  app.db->write([&](storage::Connection& c) {
    ntf::set_email_preference(c, account, on);
    audit_change(c, caller, "update", "notification_settings", account, {},
                 on ? R"({"email":true})" : R"({"email":false})", {});
  });
}

std::size_t send_reminders(App& app) {
  return app.db->write([&](storage::Connection& c) {
    return event_reminders(app, c) + overdue_reminders(app, c) + late_roadmap_reminders(app, c);
  });
}

std::size_t deliver_mail(App& app, const MailSender& send, const std::function<bool()>& keep_going) {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const auto letters = app.db->write([&](storage::Connection& c) {
    return ntf::claim_mail(c, domain::utc_timestamp(now), domain::utc_timestamp(now + minutes(10)), 50);
  });
  std::size_t sent = 0;
  for (const auto& m : letters) {
    // Unsent letters of the batch keep their lease and go out on a later pass.
    if (keep_going && !keep_going()) break;
    std::string text = m.body.empty() ? m.title : m.title + "\n\n" + m.body;
    if (!m.link.empty()) text += "\n\n" + app.config.public_url + m.link;
    text += "\n\n—\nЭто письмо отправила система «Методист». Письма можно отключить в профиле.";
    try {
      send({m.to, m.title, text});
      app.db->write([&](storage::Connection& c) { ntf::mail_sent(c, m.id); });
      ++sent;
    } catch (const std::exception& e) {
      // 1, 4, 16, 64, 256 minutes, then given up: the notice stays in the app.
      const bool last = m.attempts + 1 >= 6;
      const auto next = last ? std::string() : domain::utc_timestamp(now + minutes(1 << (2 * m.attempts)));
      spdlog::warn("Письмо {} на {} не отправлено: {}", m.id, m.to, e.what());
      app.db->write([&](storage::Connection& c) { ntf::mail_failed(c, m.id, e.what(), next); });
    }
  }
  return sent;
}

MailSender smtp_sender(const Config& config) {
  const io::SmtpSettings smtp{config.smtp_url, config.smtp_username, config.smtp_password, config.smtp_from,
                              config.smtp_starttls};
  return [smtp](const io::MailMessage& m) { io::send_mail(smtp, m); };
}

NotificationLoop::NotificationLoop(App& app) : app_(app), thread_([this] { run(); }) {}

NotificationLoop::~NotificationLoop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void NotificationLoop::run() {
  const bool mail = !app_.config.smtp_url.empty();
  const auto send = smtp_sender(app_.config);
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      if (auto n = send_reminders(app_)) spdlog::info("Напоминаний: {}", n);
      if (mail)
        deliver_mail(app_, send, [this] {
          std::lock_guard guard(mutex_);
          return !stopping_;
        });
    } catch (const std::exception& e) {
      spdlog::warn("Уведомления: {}", e.what());  // the next pass tries again
    }
    lock.lock();
    wake_.wait_for(lock, app_.config.notify_interval, [this] { return stopping_; });
  }
}

}  // namespace metodist::app
