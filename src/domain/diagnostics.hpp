// Diagnostic results and what follows from them: the level of a
// score on a configurable scale, deficits (a competency below its
// threshold), «coped» for functional literacy, the «chosen from a diagnosed
// deficit» rule for enrolments, and the dynamics between two diagnostics.
//
// Pure rules: the callers read results from storage and pass them in.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"

namespace metodist::domain {

// One band of a level scale: from `from_percent` (inclusive) up to the next band.
struct LevelBand {
  std::string code;
  std::string title;
  double from_percent = 0;
};

// Levels of a diagnostic on % of the maximum score. A region may set its own;
// the constructor refuses a scale that does not start at 0, is not strictly
// ascending, goes past 100 or repeats a code (Error::validation, field "levels").
class LevelScale {
 public:
  explicit LevelScale(std::vector<LevelBand> bands);
  // недостаточный (< 50 %), базовый (50), повышенный (70), высокий (85).
  static LevelScale standard();

  const LevelBand& level_of(double percent) const;
  std::span<const LevelBand> bands() const { return bands_; }

 private:
  std::vector<LevelBand> bands_;
};

// % of the maximum, to a millionth (thresholds compare the exact share). Error::validation naming "max_score"
// when max ≤ 0 and "raw_score" when the score is negative or above the maximum.
double percent_of(double raw, double max);

// A deficit is a competency whose result is below its threshold: one default
// threshold, and per-competency ones where the region set them.
class DeficitRule {
 public:
  explicit DeficitRule(double default_threshold = 50, std::map<std::string, double, std::less<>> per_competency = {});
  double threshold(std::string_view competency) const;
  bool is_deficit(std::string_view competency, double percent) const { return percent < threshold(competency); }

 private:
  double default_;
  std::map<std::string, double, std::less<>> per_competency_;
};

// Functional-literacy diagnostics: a person «coped» at 70 % and above (fed.2b);
// the bar is configurable.
constexpr double kCopedFromPercent = 70;
inline bool coped(double percent, double from = kCopedFromPercent) { return percent >= from; }

// One person's result in one competency, and when it was measured.
struct CompetencyResult {
  std::string competency;
  double percent = 0;
  Date measured_on;
};

// The person's deficits as of `on`: for each competency, its latest result
// measured on or before `on`; those below their threshold, in code order. A
// later result at or above the threshold clears an earlier deficit.
std::vector<std::string> deficits_on(std::span<const CompetencyResult> results, const DeficitRule& rule,
                                     const Date& on);

// An enrolment is «chosen from a diagnosed deficit» (fed.1) when the program
// develops a competency that was a deficit of the person on the day they applied.
bool chosen_from_deficit(std::span<const std::string> program_competencies, std::span<const CompetencyResult> results,
                         const DeficitRule& rule, const Date& applied_on);
// The same when the deficits of that day are known (sorted codes, as deficits_on gives them).
bool chosen_from_deficit(std::span<const std::string> program_competencies, std::span<const std::string> deficits);

// Growth per competency between two diagnostics of one person (or two
// averages of a group): only competencies measured in both, in code order.
struct CompetencyChange {
  std::string competency;
  double before = 0;
  double after = 0;
  double delta() const { return after - before; }
};
std::vector<CompetencyChange> dynamics(std::span<const CompetencyResult> before,
                                       std::span<const CompetencyResult> after);

}  // namespace metodist::domain
