// Requests for help: terms by urgency, overdue, and who moves them where.
#include "domain/help_requests.hpp"

#include <gtest/gtest.h>

using namespace metodist::domain;
using A = HelpActor;
using S = HelpStatus;

TEST(HelpRequests, TermsFollowUrgencyAndOverdueStartsTheDayAfter) {
  const auto asked = *Date::parse_iso("2026-12-29");
  EXPECT_EQ(help_due_on("urgent", asked).iso(), "2027-01-01");
  EXPECT_EQ(help_due_on("normal", asked).iso(), "2027-01-08");
  EXPECT_FALSE(help_overdue(S::assigned, "2027-01-01", *Date::parse_iso("2027-01-01")));
  EXPECT_TRUE(help_overdue(S::assigned, "2027-01-01", *Date::parse_iso("2027-01-02")));
  EXPECT_TRUE(help_overdue(S::fresh, "2027-01-01", *Date::parse_iso("2027-01-02")));
  EXPECT_FALSE(help_overdue(S::answered, "2027-01-01", *Date::parse_iso("2027-02-01")));
}

TEST(HelpRequests, EachStepBelongsToItsActor) {
  EXPECT_EQ(help_transition_problem(S::fresh, S::assigned, A::coordinator), "");
  EXPECT_NE(help_transition_problem(S::fresh, S::assigned, A::methodist), "");
  EXPECT_EQ(help_transition_problem(S::assigned, S::assigned, A::coordinator), "");  // reassign
  EXPECT_EQ(help_transition_problem(S::assigned, S::answered, A::methodist), "");
  EXPECT_NE(help_transition_problem(S::assigned, S::answered, A::coordinator), "");
  EXPECT_NE(help_transition_problem(S::fresh, S::answered, A::methodist), "");
  EXPECT_EQ(help_transition_problem(S::answered, S::closed, A::requester), "");
  EXPECT_NE(help_transition_problem(S::answered, S::closed, A::methodist), "");
  EXPECT_EQ(help_transition_problem(S::answered, S::assigned, A::requester), "");  // not solved: back
  EXPECT_EQ(help_transition_problem(S::fresh, S::cancelled, A::requester), "");
  EXPECT_EQ(help_transition_problem(S::assigned, S::cancelled, A::coordinator), "");
  EXPECT_NE(help_transition_problem(S::assigned, S::cancelled, A::methodist), "");
  EXPECT_NE(help_transition_problem(S::closed, S::assigned, A::requester), "");
  const auto text = help_transition_problem(S::closed, S::answered, A::methodist);
  EXPECT_NE(text.find("«Закрыт»"), std::string::npos) << text;
}

TEST(HelpRequests, EachStatusHasOneCodeAndTitle) {
  for (std::size_t i = 0; i < help_statuses().size(); ++i) {
    const auto status = static_cast<HelpStatus>(i);
    EXPECT_EQ(code_of(status), help_statuses()[i].code);
    EXPECT_EQ(value_in<HelpStatus>(help_statuses(), code_of(status)), status);
  }
  EXPECT_EQ(code_of(HelpStatus::fresh), "new");
  EXPECT_FALSE(value_in<HelpStatus>(help_statuses(), "lost"));
  EXPECT_FALSE(value_in<HelpStatus>(help_statuses(), "open"));  // a filter of the list, not a status
}
