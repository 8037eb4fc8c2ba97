#include "domain/mentoring.hpp"

#include <algorithm>
#include <array>

#include "domain/text.hpp"

namespace metodist::domain {
namespace {

constexpr std::array kForms{
    Term{"teacher_teacher", "Педагог – педагог"},  Term{"head_teacher", "Руководитель – педагог"},
    Term{"group", "Групповое наставничество"},     Term{"employer_student", "Работодатель – студент"},
    Term{"virtual", "Виртуальное наставничество"},
};
constexpr std::array kStatuses{
    Term{"active", "Действует"},
    Term{"completed", "Завершена"},
    Term{"terminated", "Прекращена досрочно"},
};

// «лет» in the right form: 1 год, 3 года, 7 лет.
std::string years_word(int n) {
  return std::string(plural(static_cast<std::uint64_t>(n < 0 ? -n : n), "год", "года", "лет"));
}

}  // namespace

std::span<const Term> mentoring_forms() { return kForms; }
std::span<const Term> mentoring_pair_statuses() { return kStatuses; }
static_assert(kStatuses.size() == static_cast<std::size_t>(PairStatus::terminated) + 1);

bool is_young_teacher(const std::optional<Date>& birth, const std::optional<Date>& experience_since, const Date& on,
                      const YoungTeacherRule& rule) {
  if (!birth || !experience_since || *experience_since > on || *birth > on) return false;
  return Date::full_years_between(*birth, on) < rule.max_age &&
         Date::full_years_between(*experience_since, on) < rule.max_years;
}

std::string pair_transition_problem(PairStatus from, PairStatus to, std::string_view result) {
  if (from != PairStatus::active) return "Наставническая пара уже закрыта";
  if (to == PairStatus::active) return "Пара уже действует";
  if (to == PairStatus::completed && result.empty()) return "Опишите результат наставничества";
  return "";
}

std::vector<MentorSuggestion> rank_mentors(std::span<const MentorCandidate> candidates, std::size_t limit,
                                           int max_mentees) {
  std::vector<MentorSuggestion> out;
  for (const auto& c : candidates) {
    if (c.experience_years >= 0 && c.experience_years < 5) continue;
    if (c.active_mentees >= max_mentees) continue;
    MentorSuggestion s{c, 0, {}};
    if (c.same_subject)
      s.score += 4, s.reasons.push_back("ведёт тот же предмет");
    else if (c.same_subject_area)
      s.score += 2, s.reasons.push_back("та же предметная область");
    if (c.same_organisation) s.score += 3, s.reasons.push_back("работает в той же организации");
    if (c.category == "highest")
      s.score += 2, s.reasons.push_back("высшая квалификационная категория");
    else if (c.category == "first")
      s.score += 1, s.reasons.push_back("первая квалификационная категория");
    if (c.experience_years >= 0) {
      if (c.experience_years >= 10) s.score += 1;
      s.reasons.push_back("стаж " + std::to_string(c.experience_years) + " " + years_word(c.experience_years));
    }
    if (c.active_mentees > 0) {
      s.score -= c.active_mentees;
      s.reasons.push_back("уже наставник: " + std::to_string(c.active_mentees));
    } else {
      s.reasons.push_back("сейчас без подопечных");
    }
    out.push_back(std::move(s));
  }
  std::stable_sort(out.begin(), out.end(), [](const MentorSuggestion& a, const MentorSuggestion& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.candidate.name < b.candidate.name;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace metodist::domain
