// The ИОМ workflow: who may move a route where, and the reason when not.
#include "domain/route.hpp"

#include <gtest/gtest.h>

#include <array>

using namespace metodist::domain;
using S = RouteStatus;
using A = RouteActor;

TEST(Route, StatusesRoundTripByCode) {
  for (const auto& t : route_statuses()) {
    auto s = value_in<RouteStatus>(route_statuses(), t.code);
    ASSERT_TRUE(s) << t.code;
    EXPECT_EQ(code_of(*s), t.code);
  }
  EXPECT_FALSE(value_in<RouteStatus>(route_statuses(), "approved"));
  EXPECT_EQ(route_activity_kinds().size(), 6u);
}

TEST(Route, TheTeacherConfirmsADraftWithRows) {
  EXPECT_EQ(route_transition_problem({S::draft, true, 3, 0}, S::agreed, A::person), "");
  EXPECT_EQ(route_transition_problem({S::draft, true, 3, 0}, S::agreed, A::administrator), "");
  EXPECT_NE(route_transition_problem({S::draft, true, 3, 0}, S::agreed, A::author),
            "");  // the author cannot agree with themself
  EXPECT_NE(route_transition_problem({S::draft, true, 0, 0}, S::agreed, A::person), "");  // nothing to agree to
}

TEST(Route, OnlyTheAuthorTakesAnAgreedRouteBackForRevision) {
  EXPECT_EQ(route_transition_problem({S::agreed, true, 3, 0}, S::draft, A::author), "");
  EXPECT_NE(route_transition_problem({S::agreed, true, 3, 0}, S::draft, A::person), "");
  EXPECT_NE(route_transition_problem({S::agreed, true, 3, 0}, S::draft, A::administrator), "");
}

TEST(Route, StartedByAuthorOrPersonCompletedWhenEveryRowIsDone) {
  EXPECT_EQ(route_transition_problem({S::agreed, true, 3, 0}, S::in_progress, A::person), "");
  EXPECT_EQ(route_transition_problem({S::agreed, true, 3, 0}, S::in_progress, A::author), "");
  EXPECT_NE(route_transition_problem({S::agreed, true, 3, 0}, S::in_progress, A::administrator), "");
  const auto early = route_transition_problem({S::in_progress, true, 3, 2}, S::completed, A::author);
  EXPECT_NE(early.find("2 строк из 3"), std::string::npos) << early;
  EXPECT_EQ(route_transition_problem({S::in_progress, true, 3, 3}, S::completed, A::author), "");
  EXPECT_EQ(route_transition_problem({S::in_progress, true, 3, 3}, S::completed, A::administrator), "");
  EXPECT_NE(route_transition_problem({S::in_progress, true, 3, 3}, S::completed, A::person), "");
}

TEST(Route, NoSkippingAndNoWayBackFromWork) {
  EXPECT_NE(route_transition_problem({S::draft, true, 3, 0}, S::in_progress, A::author), "");
  EXPECT_NE(route_transition_problem({S::draft, true, 3, 3}, S::completed, A::author), "");
  EXPECT_NE(route_transition_problem({S::in_progress, true, 3, 1}, S::agreed, A::author), "");
  EXPECT_NE(route_transition_problem({S::completed, true, 3, 3}, S::in_progress, A::administrator), "");
  const auto text = route_transition_problem({S::completed, true, 3, 3}, S::draft, A::author);
  EXPECT_NE(text.find("«Завершён»"), std::string::npos) << text;
}

TEST(Route, TheTeacherAgreesOnlyWhatWasSentToThem) {
  const RouteFacts unsent{S::draft, false, 3, 0};
  const auto text = route_transition_problem(unsent, S::agreed, A::person);
  EXPECT_NE(text.find("не отправлен"), std::string::npos) << text;
  EXPECT_EQ(route_transition_problem(unsent, S::agreed, A::administrator), "");  // paper confirmation
  EXPECT_EQ(route_send_problem(unsent, A::author), "");
  EXPECT_EQ(route_send_problem(unsent, A::administrator), "");
  EXPECT_NE(route_send_problem(unsent, A::person), "");
  EXPECT_NE(route_send_problem({S::draft, true, 3, 0}, A::author), "");   // already sent
  EXPECT_NE(route_send_problem({S::draft, false, 0, 0}, A::author), "");  // nothing to send
  EXPECT_NE(route_send_problem({S::agreed, false, 3, 0}, A::author), "");
}

TEST(Route, ActionsOfferWhatTheRulesAllowEachActor) {
  using V = std::vector<std::string_view>;
  const std::array author{A::author}, person{A::person}, admin{A::administrator};
  EXPECT_EQ(route_actions({S::draft, false, 2, 0}, author), (V{"edit", "send"}));
  EXPECT_EQ(route_actions({S::draft, false, 2, 0}, person), V{});
  EXPECT_EQ(route_actions({S::draft, true, 2, 0}, person), V{"agree"});
  EXPECT_EQ(route_actions({S::draft, true, 2, 0}, author), V{"edit"});
  EXPECT_EQ(route_actions({S::draft, false, 0, 0}, admin), V{"edit"});
  EXPECT_EQ(route_actions({S::agreed, true, 2, 0}, author), (V{"revise", "start"}));
  EXPECT_EQ(route_actions({S::in_progress, true, 2, 1}, admin), (V{"complete", "mark"}));
  EXPECT_EQ(route_actions({S::in_progress, true, 2, 1}, person), V{"mark"});
  EXPECT_EQ(route_actions({S::completed, true, 2, 2}, std::span<const A>{}), V{});
}
