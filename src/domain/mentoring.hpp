// Mentoring: the forms of the target mentoring model, the pair
// workflow, who counts as a young teacher (fed.4, rmms.7), and the ranked,
// explained «find a mentor» suggestion.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "domain/registry.hpp"

namespace metodist::domain {

// «педагог – педагог», «руководитель – педагог», group, «работодатель – студент», virtual.
std::span<const Term> mentoring_forms();
std::span<const Term> mentoring_pair_statuses();  // active, completed, terminated

// A young teacher: under `max_age` on the day and less than `max_years` of
// pedagogical experience (domain.md §4; both limits are settings).
struct YoungTeacherRule {
  int max_age = 35;
  int max_years = 3;
};
// Unknown birth date or start of experience: not counted as young (nothing
// proves it). A start of experience after the day: not a teacher yet.
bool is_young_teacher(const std::optional<Date>& birth, const std::optional<Date>& experience_since, const Date& on,
                      const YoungTeacherRule& rule = {});

// A pair's life, in the order of mentoring_pair_statuses().
enum class PairStatus { active, completed, terminated };
inline std::string_view code_of(PairStatus s) noexcept { return code_in(mentoring_pair_statuses(), s); }

// Why a pair may not move from `from` to `to` ("" when allowed): active →
// completed (the result must be written) or terminated; closed pairs stay closed.
std::string pair_transition_problem(PairStatus from, PairStatus to, std::string_view result);

// A colleague who might mentor, as the suggestion needs them.
struct MentorCandidate {
  std::int64_t person_id = 0;
  std::string name;
  bool same_organisation = false;
  bool same_subject = false;  // teaches one of the mentee's subjects
  bool same_subject_area = false;
  std::string category;       // highest | first | none
  int experience_years = -1;  // -1: unknown
  int active_mentees = 0;
};
struct MentorSuggestion {
  MentorCandidate candidate;
  int score = 0;
  std::vector<std::string> reasons;  // in Russian, as the UI shows them
};
// Ranks candidates for a mentee: the same subject and organisation first, then
// category and experience; those with under 5 years of experience or already
// mentoring `max_mentees` are left out. Best first, at most `limit`.
std::vector<MentorSuggestion> rank_mentors(std::span<const MentorCandidate> candidates, std::size_t limit = 10,
                                           int max_mentees = 3);

}  // namespace metodist::domain
