#include "domain/practices.hpp"

#include <algorithm>
#include <array>

#include "domain/date.hpp"
#include "domain/error.hpp"

namespace metodist::domain {
namespace {

constexpr std::array kStatuses{
    Term{"draft", "Черновик"},          Term{"submitted", "Подана на экспертизу"},
    Term{"in_review", "На экспертизе"}, Term{"returned", "Возвращена на доработку"},
    Term{"accepted", "Принята в банк"}, Term{"rejected", "Отклонена"},
};
constexpr std::array kLevels{
    Term{"preschool", "Дошкольное образование"},
    Term{"primary", "Начальное общее образование"},
    Term{"basic", "Основное общее образование"},
    Term{"secondary", "Среднее общее образование"},
    Term{"vocational", "Среднее профессиональное образование"},
    Term{"additional", "Дополнительное образование"},
    Term{"management", "Управление образовательной организацией"},
};
constexpr std::array kConclusions{
    Term{"accept", "Рекомендовать к включению в банк"},
    Term{"revise", "Вернуть на доработку"},
    Term{"reject", "Отклонить"},
};

const std::array<Criterion, 5> kCriteria{{
    {"Актуальность и соответствие целям развития образования", 5},
    {"Новизна (инновационность) решения", 5},
    {"Результативность: подтверждённые результаты", 5},
    {"Возможность тиражирования в других организациях", 5},
    {"Полнота и качество описания", 5},
}};

}  // namespace

static_assert(static_cast<std::size_t>(PracticeStatus::rejected) == 5);
std::span<const Term> practice_statuses() { return kStatuses; }
std::span<const Term> practice_levels() { return kLevels; }
std::span<const Term> review_conclusions() { return kConclusions; }
std::span<const Criterion> default_criteria() { return kCriteria; }

std::optional<std::string> expert_conflict(const ExpertStanding& expert, std::int64_t practice_organisation,
                                           std::span<const std::int64_t> authors) {
  if (std::find(authors.begin(), authors.end(), expert.person_id) != authors.end())
    return "эксперт — автор этой практики";
  if (std::find(expert.organisations.begin(), expert.organisations.end(), practice_organisation) !=
      expert.organisations.end())
    return "эксперт работает в организации, представившей практику";
  return std::nullopt;
}

void check_expertise_rules(const ExpertiseRules& r) {
  if (r.accept_from < 0 || r.accept_from > 100)
    throw Error::validation("accept_from", "Порог включения в банк — от 0 до 100 %");
  if (r.reject_below < 0 || r.reject_below > r.accept_from)
    throw Error::validation("reject_below", "Порог отклонения — от 0 % и не выше порога включения");
  if (r.min_experts < 1 || r.min_experts > 10) throw Error::validation("min_experts", "Число экспертов — от 1 до 10");
  if (r.review_days < 1 || r.review_days > 90)
    throw Error::validation("review_days", "Срок экспертизы — от 1 до 90 дней");
}

std::string review_due_on(std::string_view assigned_on, int days) {
  const auto day = Date::parse_iso(assigned_on.substr(0, 10));
  if (!day) return {};
  return Date::from_days(day->days() + std::chrono::days(days)).iso();
}

void check_scores(std::span<const Score> scores) {
  for (const auto& s : scores) {
    if (!s.score) throw Error::validation("scores", "Оцените каждый критерий: «" + s.criterion + "» без оценки");
    if (*s.score < 0 || *s.score > s.max_score)
      throw Error::validation("scores", "«" + s.criterion + "»: оценка от 0 до " + std::to_string(s.max_score));
  }
}

double total_of(std::span<const Score> scores) {
  double t = 0;
  for (const auto& s : scores) t += s.score.value_or(0);
  return t;
}

double max_of(std::span<const Score> scores) {
  double t = 0;
  for (const auto& s : scores) t += s.max_score;
  return t;
}

std::optional<double> result_percent(std::span<const ReviewTotal> reviews) {
  double sum = 0;
  int n = 0;
  for (const auto& r : reviews) {
    if (r.max_total <= 0) continue;
    sum += 100.0 * r.total / r.max_total;
    ++n;
  }
  if (n == 0) return std::nullopt;
  return sum / n;
}

std::string proposed_decision(double percent, const ExpertiseRules& rules) {
  if (percent >= rules.accept_from) return "accept";
  if (percent < rules.reject_below) return "reject";
  return "revise";
}

bool practice_editable(PracticeStatus status) {
  return status == PracticeStatus::draft || status == PracticeStatus::returned;
}

}  // namespace metodist::domain
