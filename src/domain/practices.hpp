// The bank of practices (the Altai РММС regulation (order № 1075) §13, §15): a practice moves
// draft → submitted → in_review → accepted | returned | rejected, a returned
// one comes back for a new round. Experts score it on a region's criteria; the
// mean of their totals, as a share of the maximum, proposes the decision. An
// expert never judges a practice of their own organisation or one they wrote.
// Pure: no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/registry.hpp"

namespace metodist::domain {

std::span<const Term> practice_statuses();  // draft, submitted, in_review, returned, accepted, rejected
// A practice's state, in the order of practice_statuses().
enum class PracticeStatus { draft, submitted, in_review, returned, accepted, rejected };
inline std::string_view code_of(PracticeStatus s) noexcept { return code_in(practice_statuses(), s); }
std::span<const Term> practice_levels();     // the level of education the practice serves
std::span<const Term> review_conclusions();  // accept, revise, reject

// Who a possible expert is, for the conflict-of-interest rule.
struct ExpertStanding {
  std::int64_t person_id = 0;
  std::vector<std::int64_t> organisations;  // where they work now
};
// Why this person may not judge this practice, or nullopt when they may.
std::optional<std::string> expert_conflict(const ExpertStanding& expert, std::int64_t practice_organisation,
                                           std::span<const std::int64_t> authors);

struct Criterion {
  std::string title;
  int max_score = 0;
};
// The default criteria a region starts with (it edits them): relevance,
// novelty, effectiveness, transferability, quality of the description.
std::span<const Criterion> default_criteria();

struct ExpertiseRules {
  double accept_from = 70.0;   // % of the maximum: acceptance proposed at or above
  double reject_below = 40.0;  // rejection proposed below; in between — return for revision
  int min_experts = 2;
  int review_days = 14;  // an expert's term for a review, from the day it is assigned
};
// Checks the numbers (0 ≤ reject_below ≤ accept_from ≤ 100, 1..10 experts,
// 1..90 days for a review); Error::validation names the field.
void check_expertise_rules(const ExpertiseRules& r);
// The day a review assigned on `assigned_on` (ISO date) is due: `days` later.
std::string review_due_on(std::string_view assigned_on, int days);

struct Score {
  std::string criterion;
  int max_score = 0;
  std::optional<int> score;  // nullopt until the expert gives it
};
// Every criterion scored within 0..max; Error::validation names «scores».
void check_scores(std::span<const Score> scores);
double total_of(std::span<const Score> scores);
double max_of(std::span<const Score> scores);

// The experts' mean share of the maximum, in % (totals / maxima, each review
// weighing the same); nullopt without reviews.
struct ReviewTotal {
  double total = 0, max_total = 0;
};
std::optional<double> result_percent(std::span<const ReviewTotal> reviews);
// «accept», «revise» or «reject» for a result.
std::string proposed_decision(double percent, const ExpertiseRules& rules);

// The practice statuses in which the authors may still edit it.
bool practice_editable(PracticeStatus status);

}  // namespace metodist::domain
