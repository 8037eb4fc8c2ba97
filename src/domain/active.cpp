#include "domain/active.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "domain/error.hpp"
#include "domain/import.hpp"

namespace metodist::domain {
namespace {

constexpr std::array kLevels{
    Term{"regional", "Региональный методический актив"},
    Term{"municipal", "Муниципальный методический актив"},
};
constexpr std::array kDirections{
    Term{"fgos", "Научно-методическое сопровождение реализации ФГОС"},
    Term{"unified_space", "Научно-методическое сопровождение формирования единого образовательного пространства"},
    Term{"effectiveness_monitoring",
         "Научно-методическое сопровождение системы мониторинга эффективности деятельности образовательных организаций "
         "и муниципальных органов управления образования"},
    Term{"quality_assessment", "Научно-методическое сопровождение системы оценки качества образования"},
};
constexpr std::array kFunctions{
    Term{"shnor_help", "Методическая помощь ШНОР"},
    Term{"mutual_learning", "Организация взаимодействия, взаимопомощи и взаимообучения"},
    Term{"own_lessons", "Проведение собственных мастер-классов, открытых уроков"},
    Term{"deficits", "Выявление профдефицитов"},
    Term{"cascade", "Реализация ДПП ПК на завершающих этапах при каскадной системе ПК"},
    Term{"post_course", "Посткурсовое сопровождение ДПП ПК"},
    Term{"routes", "Построение ИОМ"},
};
constexpr std::array kSelectionStatuses{
    Term{"open", "Идёт отбор"},
    Term{"decided", "Приказ издан"},
};
constexpr std::array kPlanItemStatuses{
    Term{"planned", "Запланировано"},
    Term{"done", "Выполнено"},
    Term{"cancelled", "Отменено"},
};
constexpr std::array kApplicationStatuses{
    Term{"submitted", "Заявка подана"},
    Term{"accepted", "Включён в актив"},
    Term{"rejected", "Не прошёл отбор"},
    Term{"withdrawn", "Заявка отозвана"},
};
constexpr std::array kFacts{
    Term{"category", "Квалификационная категория"},
    Term{"higher_ped_education", "Высшее педагогическое образование"},
    Term{"experience_years", "Педагогический стаж, лет"},
    Term{"ege_expert", "Эксперт предметной комиссии ЕГЭ/ОГЭ"},
    Term{"community_leader", "Лидер школьного профессионального сообщества"},
    Term{"high_results", "Стабильно высокие результаты обучающихся"},
};
constexpr std::array<std::string_view, 3> kTeamAreas{"math_it", "russian_literature", "natural_sciences"};

bool numeric_fact(std::string_view fact) { return fact == "experience_years"; }

std::optional<double> number(std::string_view s) { return parse_number(s); }

std::string value_title(const EligibilityRule& r, std::string_view value) {
  if (r.fact == "category") return title_of(qualification_categories(), value);
  if (r.op == "true") return value == "1" ? "да" : "нет";
  return std::string(value);
}

}  // namespace

std::span<const Term> active_levels() { return kLevels; }
std::span<const Term> active_directions() { return kDirections; }
std::span<const Term> methodist_functions() { return kFunctions; }
std::span<const Term> application_statuses() { return kApplicationStatuses; }
std::span<const Term> selection_statuses() { return kSelectionStatuses; }
std::span<const Term> plan_item_statuses() { return kPlanItemStatuses; }

namespace {
constexpr std::array kSupportTasks{
    Term{"answer", "ответьте на сообщение"},
    Term{"draft_route", "составьте ИОМ"},
    Term{"send_route", "отправьте ИОМ педагогу"},
};
}  // namespace

std::span<const Term> support_tasks() { return kSupportTasks; }

std::vector<SupportTask> support_tasks_of(bool is_person, std::int64_t unread, int deficits,
                                          std::optional<RouteStatus> route_status, bool route_sent) {
  std::vector<SupportTask> out;
  if (unread > 0) out.push_back(SupportTask::answer);
  if (!is_person || deficits <= 0) return out;
  if (!route_status || *route_status == RouteStatus::completed)
    out.push_back(SupportTask::draft_route);
  else if (*route_status == RouteStatus::draft && !route_sent)
    out.push_back(SupportTask::send_route);
  return out;
}
static_assert(kApplicationStatuses.size() == static_cast<std::size_t>(ApplicationStatus::withdrawn) + 1);
static_assert(kSelectionStatuses.size() == static_cast<std::size_t>(SelectionStatus::decided) + 1);
static_assert(kPlanItemStatuses.size() == static_cast<std::size_t>(PlanItemStatus::cancelled) + 1);
std::span<const Term> eligibility_facts() { return kFacts; }
std::span<const std::string_view> required_team_areas() { return kTeamAreas; }

std::vector<EligibilityRule> default_eligibility_rules() {
  return {
      {"category", "Высшая квалификационная категория", "category", "eq", "highest", true},
      {"education", "Высшее педагогическое образование", "higher_ped_education", "true", "", true},
      {"experience", "Стаж работы по специальности не менее 5 лет", "experience_years", "gte", "5", true},
      {"ege_expert", "Ведущий эксперт предметной комиссии ЕГЭ и ОГЭ", "ege_expert", "true", "", false},
      {"community_leader", "Лидер школьного профессионального сообщества", "community_leader", "true", "", false},
      {"high_results", "Стабильно высокие результаты у обучающихся", "high_results", "true", "", false},
  };
}

void validate_rules(std::span<const EligibilityRule> rules) {
  for (const auto& r : rules) {
    if (r.title.empty() || r.code.empty())
      throw Error::validation("rules", "У каждого правила должны быть код и название");
    if (!find_term(kFacts, r.fact))
      throw Error::validation(
          "rules", "Правило «" + r.title + "»: неизвестное сведение «" + r.fact + "» (" + allowed_codes(kFacts) + ")");
    if (r.op != "eq" && r.op != "ne" && r.op != "gte" && r.op != "lte" && r.op != "true")
      throw Error::validation("rules", "Правило «" + r.title + "»: сравнение eq, ne, gte, lte или true");
    if ((r.op == "gte" || r.op == "lte") && (!numeric_fact(r.fact) || !number(r.value)))
      throw Error::validation("rules", "Правило «" + r.title + "»: сравнивать «больше/меньше» можно только числа");
    if (r.fact == "category" && !find_term(qualification_categories(), r.value))
      throw Error::validation("rules",
                              "Правило «" + r.title + "»: категория " + allowed_codes(qualification_categories()));
  }
}

Eligibility check_eligibility(std::span<const EligibilityRule> rules, const Facts& facts) {
  Eligibility out;
  out.eligible = true;
  for (const auto& r : rules) {
    RuleResult res{&r, r.required, false, {}};
    const auto it = facts.find(r.fact);
    if (it == facts.end()) {
      res.reason = r.title + ": нет сведений";
    } else {
      const std::string& v = it->second;
      if (r.op == "true")
        res.passed = v == "1";
      else if (r.op == "eq")
        res.passed = v == r.value;
      else if (r.op == "ne")
        res.passed = v != r.value;
      else if (const auto a = number(v), b = number(r.value); a && b)
        res.passed = r.op == "gte" ? *a >= *b : *a <= *b;
      if (res.passed)
        res.reason = r.title + ": да";
      else if (r.op == "true")
        res.reason = r.title + ": нет";
      else if (r.op == "gte")
        res.reason = r.title + ": " + v + ", нужно не менее " + r.value;
      else if (r.op == "lte")
        res.reason = r.title + ": " + v + ", нужно не более " + r.value;
      else
        res.reason = r.title + ": " + value_title(r, v) + (r.op == "eq" ? ", нужно: " + value_title(r, r.value) : "");
    }
    if (r.required && !res.passed) out.eligible = false;
    if (!r.required && res.passed) ++out.preferred_met;
    out.results.push_back(std::move(res));
  }
  return out;
}

std::vector<SelectionStage> default_stages() {
  return {
      {"competencies", "Диагностика предметных и методических компетенций", 100, 70},
      {"case", "Решение методического кейса", 20, 12},
      {"interview", "Собеседование", 10, 6},
  };
}

void validate_stages(std::span<const SelectionStage> stages) {
  std::set<std::string> codes;
  for (const auto& s : stages) {
    if (s.code.empty() || s.title.empty())
      throw Error::validation("stages", "У каждого этапа должны быть код и название");
    if (!codes.insert(s.code).second) throw Error::validation("stages", "Код этапа «" + s.code + "» повторяется");
    if (!(s.max_score > 0) || s.threshold < 0 || s.threshold > s.max_score)
      throw Error::validation("stages", "Этап «" + s.title + "»: порог — от 0 до максимального балла");
  }
}

StageOutcome evaluate_stages(std::span<const SelectionStage> stages,
                             const std::map<std::string, double, std::less<>>& scores) {
  StageOutcome out;
  out.complete = true;
  for (const auto& s : stages) {
    const auto it = scores.find(s.code);
    if (it == scores.end()) {
      out.complete = false;
      continue;
    }
    out.total += it->second;
    if (it->second < s.threshold) out.failed.push_back(s.title);
  }
  out.passed = out.complete && out.failed.empty();
  return out;
}

std::vector<std::string> team_problems(std::span<const TeamMember> team) {
  std::vector<std::string> out;
  if (team.size() < 4) out.push_back("В команде " + std::to_string(team.size()) + " чел., нужно не менее 4");
  const bool methodist = std::any_of(team.begin(), team.end(), [](const TeamMember& m) {
    return m.position == "deputy_director" || m.position == "methodist";
  });
  if (!methodist) out.push_back("Нет методиста — заместителя директора или методиста методической службы");
  for (auto area : kTeamAreas) {
    const bool covered = std::any_of(team.begin(), team.end(), [&](const TeamMember& m) {
      return m.subject_areas.count(std::string(area)) > 0;  // a deputy who teaches counts too
    });
    if (!covered) out.push_back("Нет учителя предметной области «" + title_of(subject_areas(), area) + "»");
  }
  return out;
}

std::vector<AssignmentProposal> propose_assignments(std::vector<MethodistLoad> methodists,
                                                    std::vector<SupportTarget> targets) {
  // Priority: ШНОР schools, teachers of ШНОР schools, other teachers; more deficits first.
  auto rank = [](const SupportTarget& t) { return t.kind == "school" ? 0 : t.shnor ? 1 : 2; };
  std::stable_sort(targets.begin(), targets.end(), [&](const SupportTarget& a, const SupportTarget& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    if (a.deficits != b.deficits) return a.deficits > b.deficits;
    return a.id < b.id;
  });
  std::vector<AssignmentProposal> out;
  for (const auto& t : targets) {
    AssignmentProposal p{t, std::nullopt, {}, {}};
    MethodistLoad* best = nullptr;
    int best_score = -1;
    double best_ratio = 0;
    for (auto& m : methodists) {
      if (m.load >= m.capacity) continue;
      const bool same_place = m.municipalities.count(t.municipality_id) > 0;
      const bool same_subject = std::any_of(t.subject_areas.begin(), t.subject_areas.end(),
                                            [&](const std::string& a) { return m.subject_areas.count(a) > 0; });
      const int score = (same_place ? 2 : 0) + (same_subject ? 2 : 0);
      const double ratio = static_cast<double>(m.load) / static_cast<double>(m.capacity);
      if (score > best_score || (score == best_score && ratio < best_ratio)) {
        best = &m;
        best_score = score;
        best_ratio = ratio;
      }
    }
    if (!best) {
      p.reasons.push_back("нет методиста со свободной нагрузкой");
    } else {
      p.methodist = best->person_id;
      p.methodist_name = best->name;
      if (t.kind == "school" ? t.shnor : false) p.reasons.push_back("ШНОР — в первую очередь");
      if (best->municipalities.count(t.municipality_id)) p.reasons.push_back("тот же муниципалитет");
      if (std::any_of(t.subject_areas.begin(), t.subject_areas.end(),
                      [&](const std::string& a) { return best->subject_areas.count(a) > 0; }))
        p.reasons.push_back("та же предметная область");
      if (t.deficits > 0) p.reasons.push_back("дефицитов: " + std::to_string(t.deficits));
      ++best->load;
      p.reasons.push_back("нагрузка после назначения " + std::to_string(best->load) + " из " +
                          std::to_string(best->capacity));
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace metodist::domain
