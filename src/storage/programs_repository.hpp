// SQL for programs (ДПП ПК), their cohorts and enrolments. The
// caller owns the transaction and the access checks.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/access.hpp"
#include "domain/programs.hpp"
#include "storage/database.hpp"

namespace metodist::storage::programs {

struct Program {
  std::int64_t id = 0;
  std::string title, provider;
  std::int64_t hours = 0;
  std::string format, audience;  // domain::program_formats() / program_audiences() codes
  bool in_federal_registry = false;
  std::string federal_number;
  std::int64_t territory_id = 0;
  std::string territory_name;             // read only
  std::vector<std::string> competencies;  // codes (read only; written by id)
  std::int64_t cohorts = 0;               // read only
};
std::int64_t insert_program(Connection& c, const Program& p, std::span<const std::int64_t> competency_ids);
std::optional<Program> find_program(Connection& c, std::int64_t id);
// Programs whose territory the scope sees, newest first; `competency` (a code)
// keeps those that develop it.
std::vector<Program> list_programs(Connection& c, const domain::Scope& scope, const std::string& competency = {});

struct Cohort {
  std::int64_t id = 0;
  std::int64_t program_id = 0;
  std::string title, starts_on, ends_on;
  std::optional<std::int64_t> capacity;
  std::int64_t enrolled = 0;  // read only: enrolments not withdrawn
  std::string cascade_stage;  // domain::cascade_stages() code; "" outside a cascade
};
std::int64_t insert_cohort(Connection& c, const Cohort& k);
std::optional<Cohort> find_cohort(Connection& c, std::int64_t id);
std::vector<Cohort> cohorts_of(Connection& c, std::int64_t program_id);

struct Enrolment {
  std::int64_t id = 0;
  std::int64_t cohort_id = 0;
  std::int64_t person_id = 0;
  domain::EnrolmentStatus status = domain::EnrolmentStatus::applied;
  std::string applied_on;
  bool chosen_from_deficit = false;
  std::string certificate_number, completed_on;
  // Read only:
  std::int64_t program_id = 0;
  std::string program_title, cohort_title, person_name, cascade_stage;
  std::int64_t support_records = 0;  // post-course support recorded
};
std::int64_t insert_enrolment(Connection& c, const Enrolment& e);
std::optional<Enrolment> find_enrolment(Connection& c, std::int64_t id);
void update_enrolment(Connection& c, const Enrolment& e);  // status, certificate, completion date
std::vector<Enrolment> enrolments_of_cohort(Connection& c, std::int64_t cohort_id);
std::vector<Enrolment> enrolments_of_person(Connection& c, std::int64_t person_id);

// Post-course support of a completed program (the РМА description), oldest first.
struct SupportRecord {
  std::int64_t id = 0;
  std::int64_t enrolment_id = 0;
  std::string happened_on, kind, note;
  std::optional<std::int64_t> author_account_id;
  std::string author_name, created_at;
};
std::int64_t insert_support_record(Connection& c, const SupportRecord& s);
std::vector<SupportRecord> support_of_enrolment(Connection& c, std::int64_t enrolment_id);

// The cohorts of the programs that start on or after `from`, by program and
// start (the route's suggestions take the next one with places).
std::vector<Cohort> upcoming_cohorts(Connection& c, std::span<const std::int64_t> program_ids, const std::string& from);

}  // namespace metodist::storage::programs
