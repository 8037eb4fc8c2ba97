#include "domain/diagnostics.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "domain/error.hpp"

namespace metodist::domain {

LevelScale::LevelScale(std::vector<LevelBand> bands) : bands_(std::move(bands)) {
  if (bands_.empty() || bands_.front().from_percent != 0)
    throw Error::validation("levels", "Шкала уровней начинается с 0 %");
  std::set<std::string, std::less<>> codes;
  for (std::size_t i = 0; i < bands_.size(); ++i) {
    const auto& b = bands_[i];
    if (b.code.empty() || b.title.empty()) throw Error::validation("levels", "У каждого уровня есть код и название");
    if (!codes.insert(b.code).second) throw Error::validation("levels", "Код уровня «" + b.code + "» повторяется");
    if (b.from_percent > 100) throw Error::validation("levels", "Уровень «" + b.title + "» начинается выше 100 %");
    if (i > 0 && b.from_percent <= bands_[i - 1].from_percent)
      throw Error::validation(
          "levels", "Границы уровней идут по возрастанию: «" + b.title + "» после «" + bands_[i - 1].title + "»");
  }
}

LevelScale LevelScale::standard() {
  return LevelScale({{"insufficient", "Недостаточный", 0},
                     {"basic", "Базовый", 50},
                     {"advanced", "Повышенный", 70},
                     {"high", "Высокий", 85}});
}

const LevelBand& LevelScale::level_of(double percent) const {
  // The last band whose lower bound the score reaches (the first starts at 0).
  auto it = std::upper_bound(bands_.begin(), bands_.end(), percent,
                             [](double p, const LevelBand& b) { return p < b.from_percent; });
  return it == bands_.begin() ? bands_.front() : *std::prev(it);
}

double percent_of(double raw, double max) {
  if (!(max > 0)) throw Error::validation("max_score", "Максимальный балл должен быть больше нуля");
  if (!(raw >= 0)) throw Error::validation("raw_score", "Балл не может быть отрицательным");
  if (raw > max) throw Error::validation("raw_score", "Балл больше максимального");
  // Kept to a millionth, not a tenth: «справился на 70 % и более» must not
  // count 69.96 % (rounded to 70.0) as 70 %; screens and documents round for reading.
  return std::round(raw / max * 1e8) / 1e6;
}

DeficitRule::DeficitRule(double default_threshold, std::map<std::string, double, std::less<>> per_competency)
    : default_(default_threshold), per_competency_(std::move(per_competency)) {
  auto check = [](double t) {
    if (!(t > 0 && t <= 100)) throw Error::validation("threshold", "Порог дефицита — от 0 до 100 %");
  };
  check(default_);
  for (const auto& [code, t] : per_competency_) check(t);
}

double DeficitRule::threshold(std::string_view competency) const {
  auto it = per_competency_.find(competency);
  return it == per_competency_.end() ? default_ : it->second;
}

namespace {

// The latest result per competency measured on or before `on` (ties: the
// later one in the input, as a re-entered result replaces the earlier).
std::map<std::string_view, const CompetencyResult*> latest_by_competency(std::span<const CompetencyResult> results,
                                                                         const Date& on) {
  std::map<std::string_view, const CompetencyResult*> latest;
  for (const auto& r : results) {
    if (r.measured_on > on) continue;
    auto [it, fresh] = latest.try_emplace(r.competency, &r);
    if (!fresh && !(r.measured_on < it->second->measured_on)) it->second = &r;
  }
  return latest;
}

}  // namespace

std::vector<std::string> deficits_on(std::span<const CompetencyResult> results, const DeficitRule& rule,
                                     const Date& on) {
  std::vector<std::string> out;
  for (const auto& [code, r] : latest_by_competency(results, on))
    if (rule.is_deficit(code, r->percent)) out.emplace_back(code);
  return out;
}

bool chosen_from_deficit(std::span<const std::string> program_competencies, std::span<const std::string> deficits) {
  return std::any_of(program_competencies.begin(), program_competencies.end(),
                     [&](const std::string& c) { return std::binary_search(deficits.begin(), deficits.end(), c); });
}

bool chosen_from_deficit(std::span<const std::string> program_competencies, std::span<const CompetencyResult> results,
                         const DeficitRule& rule, const Date& applied_on) {
  return chosen_from_deficit(program_competencies, deficits_on(results, rule, applied_on));
}

std::vector<CompetencyChange> dynamics(std::span<const CompetencyResult> before,
                                       std::span<const CompetencyResult> after) {
  // Each side's latest result per competency, whatever its date.
  const Date any = Date::from_days(std::chrono::sys_days{std::chrono::year{9999} / 12 / 31});
  const auto first = latest_by_competency(before, any);
  const auto second = latest_by_competency(after, any);
  std::vector<CompetencyChange> out;
  for (const auto& [code, r] : first)
    if (auto it = second.find(code); it != second.end())
      out.push_back({std::string(code), r->percent, it->second->percent});
  return out;
}

}  // namespace metodist::domain
