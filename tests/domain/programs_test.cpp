// The enrolment workflow: the head approves, the organiser enrols and records
// the outcome (a certificate for completion), nothing skips a step.
#include "domain/programs.hpp"

#include <gtest/gtest.h>

using namespace metodist::domain;
using A = EnrolmentActor;
using S = EnrolmentStatus;

TEST(Enrolments, TheHeadApprovesAndThePersonMayWithdrawBeforeStudying) {
  EXPECT_EQ(enrolment_transition_problem(S::applied, S::approved, A::administrator, ""), "");
  EXPECT_NE(enrolment_transition_problem(S::applied, S::approved, A::person, ""), "");
  EXPECT_EQ(enrolment_transition_problem(S::applied, S::withdrawn, A::person, ""), "");
  EXPECT_EQ(enrolment_transition_problem(S::approved, S::withdrawn, A::administrator, ""), "");
  EXPECT_NE(enrolment_transition_problem(S::approved, S::withdrawn, A::organiser, ""), "");
  EXPECT_NE(enrolment_transition_problem(S::studying, S::withdrawn, A::person, ""), "");
}

TEST(Enrolments, TheOrganiserEnrolsAndRecordsTheOutcomeWithACertificate) {
  EXPECT_EQ(enrolment_transition_problem(S::approved, S::studying, A::organiser, ""), "");
  EXPECT_NE(enrolment_transition_problem(S::approved, S::studying, A::administrator, ""), "");
  const auto no_certificate = enrolment_transition_problem(S::studying, S::completed, A::organiser, "");
  EXPECT_NE(no_certificate.find("удостоверения"), std::string::npos) << no_certificate;
  EXPECT_EQ(enrolment_transition_problem(S::studying, S::completed, A::organiser, "ПК-2025-0042"), "");
  EXPECT_EQ(enrolment_transition_problem(S::studying, S::not_completed, A::organiser, ""), "");
  EXPECT_NE(enrolment_transition_problem(S::studying, S::completed, A::administrator, "ПК-1"), "");
}

TEST(Enrolments, NoSkippingAndNoUnknownStatuses) {
  EXPECT_NE(enrolment_transition_problem(S::applied, S::studying, A::organiser, ""), "");
  EXPECT_NE(enrolment_transition_problem(S::applied, S::completed, A::organiser, "ПК-1"), "");
  EXPECT_NE(enrolment_transition_problem(S::completed, S::studying, A::organiser, ""), "");
  EXPECT_FALSE(value_in<S>(enrolment_statuses(), "graduated"));
  const auto text = enrolment_transition_problem(S::completed, S::applied, A::person, "");
  EXPECT_NE(text.find("«Завершил обучение»"), std::string::npos) << text;
  EXPECT_EQ(program_formats().size(), 3u);
  EXPECT_EQ(program_audiences().size(), 3u);
}
