// Requests for methodical help on both backends: the whole way from asking to
// a mark, with notices at each step, who sees which request, overdue flags
// and reminders once, and the statistics per municipality.
#include "app/help_requests.hpp"

#include <gtest/gtest.h>

#include "app/notifications.hpp"
#include "domain/error.hpp"
#include "domain/help_requests.hpp"
#include "support/demo_app.hpp"
#include "support/errors.hpp"

using namespace metodist;
using metodist::testing::error_of;

namespace {

class HelpRequestsTest : public metodist::testing::DemoAppTest {
 protected:
  void SetUp() override {
    DemoAppTest::SetUp();
    region_ = territory("RU-01");
    municipality_ = territory("RU-01-001");
    school_ = organisation("RU-01-001-S001");
    other_school_ = organisation("RU-01-001-S002");
    teacher_ = caller("teacher", {}, {}, person_of("teacher"));
    coordinator_ = caller("municipal_coordinator", municipality_);
    methodist_ = caller("methodist", region_, {}, person_of("methodist"));
  }
  std::int64_t ask(const std::string& urgency = "normal") {
    app::NewHelpRequest in;
    in.topic = "Рабочая программа по обновлённому ФГОС";
    in.urgency = urgency;
    return app::create_help_request(app_, teacher_, in).id;
  }
  std::int64_t region_ = 0, municipality_ = 0, school_ = 0, other_school_ = 0;
  app::Caller teacher_, coordinator_, methodist_;
};

TEST_P(HelpRequestsTest, FromAskingToAMarkWithNoticesAtEachStep) {
  const auto told_coordinator = notices("coordinator", "help_request");
  const auto id = ask("urgent");
  const auto asked = app::get_help_request(app_, teacher_, id);
  EXPECT_EQ(asked.request.status, domain::HelpStatus::fresh);
  EXPECT_EQ(asked.request.organisation_id, school_);
  EXPECT_EQ(asked.request.due_on, domain::help_due_on("urgent", domain::Date::today()).iso());
  EXPECT_TRUE(asked.can_cancel);
  EXPECT_FALSE(asked.can_assign);
  EXPECT_EQ(notices("coordinator", "help_request"), told_coordinator + 1);

  // The methodist neither sees nor answers it before being assigned.
  EXPECT_EQ(error_of([&] { app::get_help_request(app_, methodist_, id); }).kind(), domain::ErrorKind::not_found);
  // The coordinator picks from the methodists whose role covers the school.
  const auto candidates = app::help_request_methodists(app_, coordinator_, id);
  ASSERT_EQ(candidates.size(), 1u);
  EXPECT_EQ(candidates[0].person_id, person_of("methodist"));
  EXPECT_EQ(error_of([&] { app::help_request_methodists(app_, teacher_, id); }).kind(), domain::ErrorKind::forbidden);
  EXPECT_EQ(error_of([&] { app::assign_help_request(app_, coordinator_, id, person_of("teacher")); }).field(),
            "methodist_person_id");
  EXPECT_EQ(error_of([&] { app::assign_help_request(app_, teacher_, id, person_of("methodist")); }).kind(),
            domain::ErrorKind::forbidden);
  const auto told_methodist = notices("methodist", "assignment");
  EXPECT_TRUE(app::assign_help_request(app_, coordinator_, id, person_of("methodist")).request.methodist_person_id);
  EXPECT_EQ(notices("methodist", "assignment"), told_methodist + 1);

  const auto mine = app::get_help_request(app_, methodist_, id);
  EXPECT_TRUE(mine.can_answer);
  EXPECT_EQ(error_of([&] { app::answer_help_request(app_, methodist_, id, "letter", "Ответ"); }).field(),
            "response_kind");
  EXPECT_EQ(error_of([&] { app::answer_help_request(app_, methodist_, id, "consultation", "  "); }).field(),
            "response");
  EXPECT_EQ(error_of([&] { app::answer_help_request(app_, coordinator_, id, "answer", "Ответ"); }).kind(),
            domain::ErrorKind::forbidden);
  const auto told_teacher = notices("teacher", "answer");
  app::answer_help_request(app_, methodist_, id, "consultation", "Разобрали структуру программы на консультации");
  EXPECT_EQ(notices("teacher", "answer"), told_teacher + 1);

  // Not solved: back to the methodist with a new term; then closed with a mark.
  EXPECT_EQ(error_of([&] { app::reopen_help_request(app_, teacher_, id, ""); }).field(), "comment");
  EXPECT_EQ(app::reopen_help_request(app_, teacher_, id, "Нужен пример тематического планирования").request.status,
            domain::HelpStatus::assigned);
  app::answer_help_request(app_, methodist_, id, "answer", "Пример приложен");
  EXPECT_EQ(error_of([&] { app::close_help_request(app_, teacher_, id, 0, ""); }).field(), "rating");
  EXPECT_EQ(error_of([&] { app::close_help_request(app_, methodist_, id, 5, ""); }).kind(),
            domain::ErrorKind::forbidden);
  EXPECT_EQ(error_of([&] { app::answer_help_request(app_, methodist_, id, "answer", "Ещё раз"); }).kind(),
            domain::ErrorKind::conflict);  // the methodist, but the request is answered already
  const auto closed = app::close_help_request(app_, teacher_, id, 5, "Спасибо");
  EXPECT_EQ(closed.request.status, domain::HelpStatus::closed);
  EXPECT_EQ(closed.request.rating, 5);
  EXPECT_EQ(
      scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'help_request' AND entity_id = " + std::to_string(id)), 6);
}

TEST_P(HelpRequestsTest, EachSeesOnlyTheirOwnSchoolsOrTerritorysRequests) {
  const auto id = ask();
  // A school asks for itself, through its administration.
  const auto head2 = caller("school_admin", {}, other_school_);
  app::NewHelpRequest from_school;
  from_school.organisation_id = other_school_;
  from_school.topic = "Наставничество для молодых педагогов";
  const auto school_request = app::create_help_request(app_, head2, from_school).id;
  EXPECT_EQ(error_of([&] {
              app::create_help_request(app_, head2, {school_, "x", "", "", "normal"});
            }).kind(),
            domain::ErrorKind::forbidden);

  auto ids = [&](const app::Caller& who) {
    std::vector<std::int64_t> out;
    for (const auto& v : app::list_help_requests(app_, who, {}).items) out.push_back(v.request.id);
    return out;
  };
  auto has = [](const std::vector<std::int64_t>& v, std::int64_t id) {
    return std::find(v.begin(), v.end(), id) != v.end();
  };
  EXPECT_TRUE(has(ids(teacher_), id));
  EXPECT_FALSE(has(ids(teacher_), school_request));
  EXPECT_TRUE(has(ids(caller("school_admin", {}, school_)), id));
  EXPECT_FALSE(has(ids(caller("school_admin", {}, school_)), school_request));
  EXPECT_TRUE(has(ids(head2), school_request));
  EXPECT_TRUE(has(ids(coordinator_), id));
  EXPECT_TRUE(has(ids(coordinator_), school_request));
  EXPECT_FALSE(has(ids(methodist_), id));
  EXPECT_EQ(error_of([&] { app::get_help_request(app_, head2, id); }).kind(), domain::ErrorKind::not_found);
  // The school's own request is the school's to close or cancel.
  EXPECT_TRUE(app::get_help_request(app_, head2, school_request).can_cancel);
  EXPECT_EQ(app::cancel_help_request(app_, head2, school_request).request.status, domain::HelpStatus::cancelled);
  EXPECT_EQ(error_of([&] { app::list_help_requests(app_, teacher_, {"lost"}); }).field(), "status");
}

TEST_P(HelpRequestsTest, TheListIsPagedAndCountsAllItsFilterFinds) {
  storage::help_requests::RequestFilter all;
  all.limit = 500;
  storage::help_requests::RequestFilter fresh;
  fresh.status = "new";
  fresh.limit = 2;
  const auto before = app::list_help_requests(app_, coordinator_, all).total;
  const auto waiting_before = app::list_help_requests(app_, coordinator_, fresh).total;
  std::vector<std::int64_t> asked;
  for (int i = 0; i < 7; ++i) asked.push_back(i % 3 == 0 ? ask("urgent") : ask());
  const auto whole = app::list_help_requests(app_, coordinator_, all);
  const auto n = before + 7;
  ASSERT_EQ(static_cast<std::int64_t>(whole.items.size()), n);
  EXPECT_EQ(whole.total, n);
  // Pages of three: each counts them all, together they are the whole list in its order.
  std::vector<std::int64_t> paged;
  for (std::size_t offset = 0; offset < static_cast<std::size_t>(n) + 3; offset += 3) {
    storage::help_requests::RequestFilter f;
    f.limit = 3;
    f.offset = offset;
    const auto page = app::list_help_requests(app_, coordinator_, f);
    EXPECT_EQ(page.total, n) << "offset " << offset;
    EXPECT_EQ(page.items.size(),
              std::min<std::size_t>(3, static_cast<std::size_t>(n) - std::min<std::size_t>(offset, n)))
        << "offset " << offset;
    for (const auto& v : page.items) paged.push_back(v.request.id);
  }
  std::vector<std::int64_t> in_order;
  for (const auto& v : whole.items) in_order.push_back(v.request.id);
  EXPECT_EQ(paged, in_order);
  // A status is counted in all, not on the page.
  app::assign_help_request(app_, coordinator_, asked[0], person_of("methodist"));
  const auto waiting = app::list_help_requests(app_, coordinator_, fresh);
  EXPECT_EQ(waiting.total, waiting_before + 6);
  ASSERT_EQ(waiting.items.size(), 2u);
  for (const auto& v : waiting.items) EXPECT_EQ(v.request.status, domain::HelpStatus::fresh);
}

TEST_P(HelpRequestsTest, OverdueRequestsAreFlaggedRemindedOnceAndCounted) {
  const auto id = ask();
  app::assign_help_request(app_, coordinator_, id, person_of("methodist"));
  app_.db->write([&](storage::Connection& c) {
    return c.execute("UPDATE help_requests SET due_on = '2020-01-01' WHERE id = $1", {id});
  });
  storage::help_requests::RequestFilter overdue;
  overdue.status = "overdue";
  bool listed = false;
  for (const auto& v : app::list_help_requests(app_, coordinator_, overdue).items)
    listed |= v.request.id == id && v.overdue;
  EXPECT_TRUE(listed);
  const auto reminded = [&](const std::string& login) {
    return scalar("SELECT COUNT(*) FROM notifications WHERE dedup_key = 'help_overdue:" + std::to_string(id) +
                  "' AND account_id = " + std::to_string(account(login)));
  };
  EXPECT_GT(app::send_reminders(app_), 0u);
  EXPECT_EQ(reminded("methodist"), 1);
  EXPECT_EQ(reminded("coordinator"), 1);
  EXPECT_EQ(app::send_reminders(app_), 0u);  // a second pass (or a second server) adds nothing
  EXPECT_EQ(reminded("methodist"), 1);

  const auto today = domain::Date::today().iso();
  const auto stats = app::help_statistics(app_, coordinator_, today.substr(0, 4) + "-01-01", today);
  ASSERT_EQ(stats.size(), 1u);
  EXPECT_EQ(stats[0].territory_id, municipality_);
  EXPECT_GE(stats[0].overdue, 1);
  EXPECT_GE(stats[0].total, stats[0].open);
  EXPECT_EQ(error_of([&] { app::help_statistics(app_, teacher_, "2026-01-01", "2026-12-31"); }).kind(),
            domain::ErrorKind::forbidden);
  EXPECT_EQ(error_of([&] { app::help_statistics(app_, coordinator_, "2026-12-31", "2026-01-01"); }).field(), "to");
}

INSTANTIATE_TEST_SUITE_P(Backends, HelpRequestsTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });

}  // namespace
