// The enrolment workflow: the head approves, the organiser enrols and records
// the outcome (a certificate for completion), nothing skips a step.
#include "domain/programs.hpp"

#include <gtest/gtest.h>

using namespace metodist::domain;
using A = EnrolmentActor;

TEST(Enrolments, TheHeadApprovesAndThePersonMayWithdrawBeforeStudying) {
  EXPECT_EQ(enrolment_transition_problem("applied", "approved", A::administrator, ""), "");
  EXPECT_NE(enrolment_transition_problem("applied", "approved", A::person, ""), "");
  EXPECT_EQ(enrolment_transition_problem("applied", "withdrawn", A::person, ""), "");
  EXPECT_EQ(enrolment_transition_problem("approved", "withdrawn", A::administrator, ""), "");
  EXPECT_NE(enrolment_transition_problem("approved", "withdrawn", A::organiser, ""), "");
  EXPECT_NE(enrolment_transition_problem("studying", "withdrawn", A::person, ""), "");
}

TEST(Enrolments, TheOrganiserEnrolsAndRecordsTheOutcomeWithACertificate) {
  EXPECT_EQ(enrolment_transition_problem("approved", "studying", A::organiser, ""), "");
  EXPECT_NE(enrolment_transition_problem("approved", "studying", A::administrator, ""), "");
  const auto no_certificate = enrolment_transition_problem("studying", "completed", A::organiser, "");
  EXPECT_NE(no_certificate.find("удостоверения"), std::string::npos) << no_certificate;
  EXPECT_EQ(enrolment_transition_problem("studying", "completed", A::organiser, "ПК-2025-0042"), "");
  EXPECT_EQ(enrolment_transition_problem("studying", "not_completed", A::organiser, ""), "");
  EXPECT_NE(enrolment_transition_problem("studying", "completed", A::administrator, "ПК-1"), "");
}

TEST(Enrolments, NoSkippingAndNoUnknownStatuses) {
  EXPECT_NE(enrolment_transition_problem("applied", "studying", A::organiser, ""), "");
  EXPECT_NE(enrolment_transition_problem("applied", "completed", A::organiser, "ПК-1"), "");
  EXPECT_NE(enrolment_transition_problem("completed", "studying", A::organiser, ""), "");
  const auto unknown = enrolment_transition_problem("applied", "graduated", A::organiser, "");
  EXPECT_NE(unknown.find("Неизвестный статус"), std::string::npos);
  const auto text = enrolment_transition_problem("completed", "applied", A::person, "");
  EXPECT_NE(text.find("«Завершил обучение»"), std::string::npos) << text;
  EXPECT_EQ(program_formats().size(), 3u);
  EXPECT_EQ(program_audiences().size(), 3u);
}
