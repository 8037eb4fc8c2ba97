// Programs of additional professional education (ДПП ПК) and enrolments:
// the vocabularies (incl. cascade stages and post-course support)
// and the enrolment workflow
//   applied → approved (by the head) → studying → completed | not completed,
// with «withdrawn» before studying starts. Who may move an enrolment where,
// and why not, in words the UI shows as they are.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/registry.hpp"

namespace metodist::domain {

std::span<const Term> program_formats();    // offline, online, blended
std::span<const Term> program_audiences();  // teachers, managers, managerial_teams
std::span<const Term> enrolment_statuses();
// An enrolment's state, in the order of enrolment_statuses().
enum class EnrolmentStatus { applied, approved, studying, completed, not_completed, withdrawn };
inline std::string_view code_of(EnrolmentStatus s) noexcept { return code_in(enrolment_statuses(), s); }
// The stage of a cascade a cohort teaches (the РМА description: «реализация ДПП ПК на
// завершающих этапах при каскадной системе ПК»): federal, regional,
// municipal, school. A cohort outside a cascade has none.
std::span<const Term> cascade_stages();
// What post-course support of a completed program consists of (the РМА description:
// «посткурсовое сопровождение ДПП ПК»).
std::span<const Term> post_course_support_kinds();

// Who acts on an enrolment: the person enrolled, the administration of their
// organisation or territory (the head approves), the program's organiser.
enum class EnrolmentActor { person, administrator, organiser };

// Why `who` may not move an enrolment from `from` to `to` ("" when allowed);
// completing needs the certificate number.
std::string enrolment_transition_problem(EnrolmentStatus from, EnrolmentStatus to, EnrolmentActor who,
                                         std::string_view certificate_number);

}  // namespace metodist::domain
