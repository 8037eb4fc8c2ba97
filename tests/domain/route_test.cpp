// The ИОМ workflow: who may move a route where, and the reason when not.
#include "domain/route.hpp"

#include <gtest/gtest.h>

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
  EXPECT_EQ(route_transition_problem(S::draft, S::agreed, A::person, 3, 0), "");
  EXPECT_EQ(route_transition_problem(S::draft, S::agreed, A::administrator, 3, 0), "");
  EXPECT_NE(route_transition_problem(S::draft, S::agreed, A::author, 3, 0),
            "");  // the author cannot agree with themself
  EXPECT_NE(route_transition_problem(S::draft, S::agreed, A::person, 0, 0), "");  // nothing to agree to
}

TEST(Route, OnlyTheAuthorTakesAnAgreedRouteBackForRevision) {
  EXPECT_EQ(route_transition_problem(S::agreed, S::draft, A::author, 3, 0), "");
  EXPECT_NE(route_transition_problem(S::agreed, S::draft, A::person, 3, 0), "");
  EXPECT_NE(route_transition_problem(S::agreed, S::draft, A::administrator, 3, 0), "");
}

TEST(Route, StartedByAuthorOrPersonCompletedWhenEveryRowIsDone) {
  EXPECT_EQ(route_transition_problem(S::agreed, S::in_progress, A::person, 3, 0), "");
  EXPECT_EQ(route_transition_problem(S::agreed, S::in_progress, A::author, 3, 0), "");
  EXPECT_NE(route_transition_problem(S::agreed, S::in_progress, A::administrator, 3, 0), "");
  const auto early = route_transition_problem(S::in_progress, S::completed, A::author, 3, 2);
  EXPECT_NE(early.find("2 строк из 3"), std::string::npos) << early;
  EXPECT_EQ(route_transition_problem(S::in_progress, S::completed, A::author, 3, 3), "");
  EXPECT_EQ(route_transition_problem(S::in_progress, S::completed, A::administrator, 3, 3), "");
  EXPECT_NE(route_transition_problem(S::in_progress, S::completed, A::person, 3, 3), "");
}

TEST(Route, NoSkippingAndNoWayBackFromWork) {
  EXPECT_NE(route_transition_problem(S::draft, S::in_progress, A::author, 3, 0), "");
  EXPECT_NE(route_transition_problem(S::draft, S::completed, A::author, 3, 3), "");
  EXPECT_NE(route_transition_problem(S::in_progress, S::agreed, A::author, 3, 1), "");
  EXPECT_NE(route_transition_problem(S::completed, S::in_progress, A::administrator, 3, 3), "");
  const auto text = route_transition_problem(S::completed, S::draft, A::author, 3, 3);
  EXPECT_NE(text.find("«Завершён»"), std::string::npos) << text;
}
