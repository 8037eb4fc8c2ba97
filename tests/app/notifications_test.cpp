// Notifications on both backends: read marks per account, reminders once per
// key, and the e-mail outbox (sent once, retried after a failure, nothing
// queued without an SMTP server).
#include "app/notifications.hpp"

#include <gtest/gtest.h>

#include "app/events.hpp"
#include "domain/error.hpp"
#include "support/demo_app.hpp"
#include "support/errors.hpp"

using namespace metodist;
using metodist::testing::error_of;

namespace {

class NotificationsTest : public metodist::testing::DemoAppTest {
 protected:
  void SetUp() override {
    DemoAppTest::SetUp();
    teacher_ = caller("teacher", {}, {}, person_of("teacher"));
    teacher_.account_id = account("teacher");
    app_.db->write([&](storage::Connection& c) {
      c.execute("UPDATE accounts SET email = 'teacher@school.example.ru' WHERE login = 'teacher'");
      return c.execute("DELETE FROM notifications");
    });
  }
  // An event tomorrow the teacher is registered for.
  std::int64_t tomorrow() {
    storage::events::Event e;
    e.kind = "webinar";
    e.title = "Вебинар для педагогов";
    e.level = "municipal";
    e.territory_id = territory("RU-01-001");
    e.starts_at = domain::local_minute_now(std::chrono::hours(20));
    e.ends_at = domain::local_minute_now(std::chrono::hours(21));
    e.format = "online";
    e.place = "https://vk.com/video-1";
    e.audience = {"teachers"};
    const auto id = app::create_event(app_, caller("municipal_coordinator", territory("RU-01-001")), e);
    app::register_for_event(app_, teacher_, id, *teacher_.person_id);
    return id;
  }
  app::Caller teacher_;
};

TEST_P(NotificationsTest, ReadMarksBelongToTheAccount) {
  tomorrow();
  EXPECT_EQ(app::unread_notifications(app_, teacher_), 1);
  const auto list = app::my_notifications(app_, teacher_, true);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_NE(list[0].title.find("Вебинар для педагогов"), std::string::npos);
  EXPECT_EQ(list[0].link.substr(0, 8), "/events/");
  auto other = caller("school_admin", {}, organisation("RU-01-001-S001"));
  other.account_id = account("school");
  EXPECT_EQ(app::mark_notifications_read(app_, other, list[0].id), 0);  // not theirs
  EXPECT_EQ(app::mark_notifications_read(app_, teacher_, list[0].id), 1);
  EXPECT_EQ(app::unread_notifications(app_, teacher_), 0);
  EXPECT_EQ(app::my_notifications(app_, teacher_, false).size(), 1u);
  EXPECT_EQ(error_of([&] { app::my_notifications(app_, caller("teacher"), false); }).kind(),
            domain::ErrorKind::forbidden);
}

TEST_P(NotificationsTest, RemindersAreMadeOncePerEventAndPerson) {
  tomorrow();
  EXPECT_GE(app::send_reminders(app_), 1u);
  EXPECT_EQ(notices("teacher", "reminder"), 1);
  EXPECT_EQ(app::send_reminders(app_), 0u);
  EXPECT_EQ(notices("teacher", "reminder"), 1);
}

TEST_P(NotificationsTest, LettersLeaveOnceAndFailuresAreRetriedLater) {
  tomorrow();  // no SMTP server configured: nothing queued
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM notifications WHERE email_state <> 'none'"), 0);
  app_.config.smtp_url = "smtp://127.0.0.1:2525";
  app_.config.public_url = "https://metodist.example.ru";
  app::set_email_notifications(app_, teacher_, true);
  tomorrow();
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM notifications WHERE email_state = 'pending'"), 1);

  int calls = 0;
  EXPECT_EQ(app::deliver_mail(app_,
                              [&](const io::MailMessage&) {
                                ++calls;
                                throw io::SmtpError("Connection refused");
                              }),
            0u);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(scalar("SELECT email_attempts FROM notifications WHERE email_state = 'pending'"), 1);
  // The retry waits: an immediate second pass sends nothing.
  std::vector<io::MailMessage> sent;
  EXPECT_EQ(app::deliver_mail(app_, [&](const io::MailMessage& m) { sent.push_back(m); }), 0u);
  app_.db->write(
      [](storage::Connection& c) { return c.execute("UPDATE notifications SET email_next_at = '2000-01-01'"); });
  EXPECT_EQ(app::deliver_mail(app_, [&](const io::MailMessage& m) { sent.push_back(m); }), 1u);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].to, "teacher@school.example.ru");
  EXPECT_NE(sent[0].text.find("https://metodist.example.ru/events/"), std::string::npos);
  EXPECT_EQ(app::deliver_mail(app_, [&](const io::MailMessage& m) { sent.push_back(m); }), 0u);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM notifications WHERE email_state = 'sent'"), 1);
  // Turned off: in the app only.
  app::set_email_notifications(app_, teacher_, false);
  EXPECT_FALSE(app::email_notifications(app_, teacher_));
  tomorrow();
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM notifications WHERE email_state = 'pending'"), 0);
}

TEST_P(NotificationsTest, AStoppingServerStopsBetweenLettersAndTheRestGoLater) {
  app_.config.smtp_url = "smtp://127.0.0.1:2525";
  tomorrow();
  tomorrow();  // two letters pending
  int sent = 0;
  EXPECT_EQ(app::deliver_mail(
                app_, [&](const io::MailMessage&) { ++sent; }, [&] { return sent < 1; }),
            1u);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM notifications WHERE email_state = 'pending'"), 1);
  // The unsent one keeps its lease: a pass now sends nothing, one after the lease sends it.
  EXPECT_EQ(app::deliver_mail(app_, [&](const io::MailMessage&) { ++sent; }), 0u);
  app_.db->write([](storage::Connection& c) {
    return c.execute("UPDATE notifications SET email_next_at = '2000-01-01' WHERE email_state = 'pending'");
  });
  EXPECT_EQ(app::deliver_mail(app_, [&](const io::MailMessage&) { ++sent; }), 1u);
  EXPECT_EQ(sent, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, NotificationsTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });

}  // namespace
