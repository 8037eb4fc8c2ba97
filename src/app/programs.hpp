// Programs (ДПП ПК), cohorts and enrolments.
//
// The organiser of a program — an administrator of the territory that keeps
// it (region or municipality) — adds programs and cohorts, enrols and records
// the outcome. A teacher applies for themself, or the administration of their
// organisation applies for them; the head approves. Applying records whether
// the program develops a competency that was the person's deficit that day
// («chosen from a diagnosed deficit», fed.1): worked out by the system from
// the diagnostics, never typed in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"
#include "storage/programs_repository.hpp"

namespace metodist::app {

struct ProgramCard {
  storage::programs::Program program;
  std::vector<storage::programs::Cohort> cohorts;
  bool can_manage = false;  // the caller organises it
};

// `competency`: only programs developing it (a code), for picking by deficit.
// Whether the caller runs professional development in the territory (a
// program's territory): its manage_diagnostics scope covers it. The rule behind
// cohorts, enrolment lists and completions — and the completions import.
bool organises_programs(storage::Connection& c, const Caller& caller, std::int64_t territory_id);

std::vector<storage::programs::Program> list_programs(App& app, const Caller& caller,
                                                      const std::string& competency = {});
ProgramCard get_program(App& app, const Caller& caller, std::int64_t id);
// The program's own rules, every broken one at once (a validation error
// listing them): title, provider, 16–2000 hours, format, audience, the
// federal registry number, at least one competency, whose registry (territory).
void check_program(const storage::programs::Program& p, const std::vector<std::string>& competencies);
// `competencies`: codes of the framework the program develops.
std::int64_t create_program(App& app, const Caller& caller, storage::programs::Program draft,
                            const std::vector<std::string>& competencies, const std::string& request_id = {});
// `draft.cascade_stage`: a domain::cascade_stages() code, or "" outside a cascade.
std::int64_t create_cohort(App& app, const Caller& caller, storage::programs::Cohort draft,
                           const std::string& request_id = {});

// An application to a cohort, dated today — or on `applied_on` (a past date,
// as written) when the person's school or the program's organiser records an
// application made earlier. 409 when the person is already in the cohort or it is full.
storage::programs::Enrolment enrol(App& app, const Caller& caller, std::int64_t cohort_id, std::int64_t person_id,
                                   const std::string& request_id = {}, const std::string& applied_on = {});
// Moves an enrolment along its workflow (domain/programs.hpp); completing
// needs the certificate number and records the date: today, or `completed_on`
// (not in the future, not before the application) when the organiser or the
// school records a course finished earlier. The moment of recording stays in
// updated_at and the audit log.
storage::programs::Enrolment change_enrolment(App& app, const Caller& caller, std::int64_t id,
                                              domain::EnrolmentStatus status, const std::string& certificate_number,
                                              const std::string& request_id = {}, const std::string& completed_on = {});
// The cohort's list for its organiser.
std::vector<storage::programs::Enrolment> cohort_enrolments(App& app, const Caller& caller, std::int64_t cohort_id);
// A person's enrolments, for those who see the person (the «chosen from a
// deficit» mark only for those who may see their diagnostics).
struct PersonEnrolments {
  std::vector<storage::programs::Enrolment> items;
  bool shows_deficit_mark = false;  // false: chosen_from_deficit is withheld (reads false)
};
PersonEnrolments person_enrolments(App& app, const Caller& caller, std::int64_t person_id);

// Post-course support of a completed program (the РМА description): consultations,
// lessons visited, tasks reviewed. Read by those who see the person's
// enrolments; recorded by the program's organiser, the person's school and the
// methodist who supports them — 409 before the program is completed.
struct EnrolmentSupport {
  storage::programs::Enrolment enrolment;
  std::vector<storage::programs::SupportRecord> records;
  bool can_record = false;
};
EnrolmentSupport enrolment_support(App& app, const Caller& caller, std::int64_t enrolment_id);
storage::programs::SupportRecord record_support(App& app, const Caller& caller, std::int64_t enrolment_id,
                                                storage::programs::SupportRecord draft,
                                                const std::string& request_id = {});

}  // namespace metodist::app
