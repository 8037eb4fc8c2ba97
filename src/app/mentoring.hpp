// Mentoring: an organisation's mentoring program (целевая модель
// наставничества) with its curator, pairs or groups of mentor and mentee with a
// form, plan, dates, status and result; the young teachers of the caller's
// organisations with the support they have and have not got; and a ranked,
// explained «find a mentor» suggestion. Kept by the school's administration
// and the administering roles above it (the write_staff scope); the people in
// a pair see their own pairs on their card.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"
#include "domain/mentoring.hpp"
#include "storage/mentoring_repository.hpp"

namespace metodist::app {

std::vector<storage::mentoring::Program> list_mentoring_programs(App& app, const Caller& caller,
                                                                 std::optional<std::int64_t> organisation_id);
struct MentoringProgramCard {
  storage::mentoring::Program program;
  std::vector<storage::mentoring::Pair> pairs;
  bool can_manage = false;
};
MentoringProgramCard get_mentoring_program(App& app, const Caller& caller, std::int64_t id);
// A program's and a pair's own rules, every broken one at once (a validation
// error listing them); the create functions check them again.
void check_mentoring_program(const storage::mentoring::Program& draft);
void check_mentoring_pair(const storage::mentoring::Pair& draft);
std::int64_t create_mentoring_program(App& app, const Caller& caller, storage::mentoring::Program draft,
                                      const std::string& request_id = {});
// Both people must work in the program's organisation (a mentor from another
// school is added to it as a workplace first); the mentee is told, and the mentor.
storage::mentoring::Pair create_mentoring_pair(App& app, const Caller& caller, storage::mentoring::Pair draft,
                                               const std::string& request_id = {});
// The same inside a transaction the caller holds (the mentoring pairs import).
// Both must work there on the pair's first day; a pair that already ended is
// stored as completed and nobody is notified.
storage::mentoring::Pair add_mentoring_pair(App& app, storage::Connection& c, const Caller& caller,
                                            storage::mentoring::Pair draft, const std::string& request_id);
// Plan, end date, status (completed needs the result), result.
storage::mentoring::Pair update_mentoring_pair(App& app, const Caller& caller, std::int64_t id,
                                               storage::mentoring::Pair draft, const std::string& request_id = {});
// A person's pairs, as mentor or mentee, for those who see the person.
std::vector<storage::mentoring::Pair> person_mentoring(App& app, const Caller& caller, std::int64_t person_id);

struct YoungTeacher {
  storage::mentoring::YoungCandidate person;
  int age = 0, experience_years = 0;
  std::vector<std::string> missing;  // support not got yet, in Russian
};
// Young teachers on `on` (today when empty) in the caller's organisations
// (write_staff scope), optionally of one organisation: `limit` of them from
// `offset`, and how many there are (a federal operator's are 55 000).
struct YoungTeacherPage {
  std::vector<YoungTeacher> items;
  std::int64_t total = 0;
};
YoungTeacherPage young_teachers(App& app, const Caller& caller, std::optional<std::int64_t> organisation_id,
                                const std::string& on = {}, std::size_t limit = 500, std::size_t offset = 0);
// Ranked mentors for a person the caller administers, from their municipality.
std::vector<domain::MentorSuggestion> suggest_mentors(App& app, const Caller& caller, std::int64_t mentee_person_id);
// The same ranking inside the caller's transaction, for a use case that has
// already checked that the caller administers the mentee (route suggestions).
std::vector<domain::MentorSuggestion> mentors_for(storage::Connection& c, std::int64_t mentee_person_id);

}  // namespace metodist::app
