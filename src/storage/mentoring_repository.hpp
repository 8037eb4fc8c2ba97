// SQL for mentoring programs, pairs, young teachers and mentor candidates
//. The caller owns the transaction and the access checks.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/access.hpp"
#include "domain/mentoring.hpp"
#include "storage/database.hpp"

namespace metodist::storage::mentoring {

struct Program {
  std::int64_t id = 0, organisation_id = 0;
  std::string title;
  std::optional<std::int64_t> curator_person_id;
  std::string starts_on, ends_on;
  // Read only:
  std::string organisation_name, curator_name;
  std::int64_t territory_id = 0, active_pairs = 0, pairs = 0;
};
std::int64_t insert_program(Connection& c, const Program& p);
std::optional<Program> find_program(Connection& c, std::int64_t id);
// Programs of organisations within the scope; `organisation_id` narrows to one.
std::vector<Program> list_programs(Connection& c, const domain::Scope& scope,
                                   std::optional<std::int64_t> organisation_id);

struct Pair {
  std::int64_t id = 0, program_id = 0, mentor_person_id = 0, mentee_person_id = 0;
  std::string form, plan, starts_on, ends_on;
  domain::PairStatus status = domain::PairStatus::active;
  std::string result;
  std::string mentor_name, mentee_name;  // read only
};
std::int64_t insert_pair(Connection& c, const Pair& p);
std::optional<Pair> find_pair(Connection& c, std::int64_t id);
void update_pair(Connection& c, const Pair& p);  // plan, ends_on, status, result
std::vector<Pair> pairs_of(Connection& c, std::int64_t program_id);
// A person's pairs, as mentor or mentee.
std::vector<Pair> pairs_of_person(Connection& c, std::int64_t person_id);
// An active pair of this mentor and mentee in the program, if any.
bool active_pair_exists(Connection& c, std::int64_t program_id, std::int64_t mentor, std::int64_t mentee);

// A pedagogical worker who may be young (born and started within the limits
// given as ISO dates), with the support they have.
struct YoungCandidate {
  std::int64_t person_id = 0;
  std::string name, birth_date, experience_since;
  std::int64_t organisation_id = 0;
  std::string organisation_name, subjects;
  std::int64_t mentored = 0;     // active pairs as mentee
  std::int64_t routes = 0;       // routes agreed or later
  std::int64_t trainings = 0;    // enrolments studying or completed
  std::int64_t events = 0;       // events attended
  std::int64_t communities = 0;  // current memberships
};
// Teaching on `on`, born after `born_after`, experience since after
// `started_after`, in organisations within the scope (and `organisation_id`),
// one row per person (their first workplace by name), without the support
// counts: those cost five lookups a person and a page needs them for its own.
std::vector<YoungCandidate> young_candidates(Connection& c, const std::string& on, const std::string& born_after,
                                             const std::string& started_after, const domain::Scope& scope,
                                             std::optional<std::int64_t> organisation_id);
// Fills the support counts (mentored … communities) of the given candidates.
void count_support(Connection& c, std::span<YoungCandidate> candidates);

// A colleague in the same municipality as the mentee's workplaces.
struct Colleague {
  std::int64_t person_id = 0;
  std::string name, category, experience_since, subject_area, subjects;
  std::int64_t organisation_id = 0;
  std::string organisation_name;
  std::int64_t active_mentees = 0;
};
std::vector<Colleague> colleagues_of(Connection& c, std::int64_t mentee_person_id, const std::string& on);

}  // namespace metodist::storage::mentoring
