// Requests for help: terms by urgency, overdue, and who moves them where.
#include "domain/help_requests.hpp"

#include <gtest/gtest.h>

using namespace metodist::domain;
using A = HelpActor;

TEST(HelpRequests, TermsFollowUrgencyAndOverdueStartsTheDayAfter) {
  const auto asked = *Date::parse_iso("2026-12-29");
  EXPECT_EQ(help_due_on("urgent", asked).iso(), "2027-01-01");
  EXPECT_EQ(help_due_on("normal", asked).iso(), "2027-01-08");
  EXPECT_FALSE(help_overdue("assigned", "2027-01-01", *Date::parse_iso("2027-01-01")));
  EXPECT_TRUE(help_overdue("assigned", "2027-01-01", *Date::parse_iso("2027-01-02")));
  EXPECT_TRUE(help_overdue("new", "2027-01-01", *Date::parse_iso("2027-01-02")));
  EXPECT_FALSE(help_overdue("answered", "2027-01-01", *Date::parse_iso("2027-02-01")));
}

TEST(HelpRequests, EachStepBelongsToItsActor) {
  EXPECT_EQ(help_transition_problem("new", "assigned", A::coordinator), "");
  EXPECT_NE(help_transition_problem("new", "assigned", A::methodist), "");
  EXPECT_EQ(help_transition_problem("assigned", "assigned", A::coordinator), "");  // reassign
  EXPECT_EQ(help_transition_problem("assigned", "answered", A::methodist), "");
  EXPECT_NE(help_transition_problem("assigned", "answered", A::coordinator), "");
  EXPECT_NE(help_transition_problem("new", "answered", A::methodist), "");
  EXPECT_EQ(help_transition_problem("answered", "closed", A::requester), "");
  EXPECT_NE(help_transition_problem("answered", "closed", A::methodist), "");
  EXPECT_EQ(help_transition_problem("answered", "assigned", A::requester), "");  // not solved: back
  EXPECT_EQ(help_transition_problem("new", "cancelled", A::requester), "");
  EXPECT_EQ(help_transition_problem("assigned", "cancelled", A::coordinator), "");
  EXPECT_NE(help_transition_problem("assigned", "cancelled", A::methodist), "");
  EXPECT_NE(help_transition_problem("closed", "assigned", A::requester), "");
  const auto text = help_transition_problem("closed", "answered", A::methodist);
  EXPECT_NE(text.find("«Закрыт»"), std::string::npos) << text;
  EXPECT_NE(help_transition_problem("new", "lost", A::coordinator).find("Неизвестный"), std::string::npos);
}
