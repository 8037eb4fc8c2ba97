#include "app/mentoring.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <span>

#include "app/answer_memo.hpp"
#include "app/notifications.hpp"
#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/import.hpp"
#include "domain/text.hpp"
#include "storage/data_version.hpp"
#include "storage/registry_repository.hpp"

namespace metodist::app {
namespace {

namespace mt = storage::mentoring;
namespace reg = storage::registry;

bool keeps(storage::Connection& c, const Caller& caller, std::int64_t organisation_id) {
  const auto s = staff_scope(caller);
  return !s.empty() && reg::organisation_visible(c, organisation_id, s);
}

// Works in the organisation on `day` (ISO): hired by then, not yet gone.
bool works_in(storage::Connection& c, std::int64_t person_id, std::int64_t organisation_id, const std::string& day) {
  for (const auto& p : reg::positions_of(c, person_id))
    if (p.position.organisation_id == organisation_id && (p.position.hired_on.empty() || p.position.hired_on <= day) &&
        (p.position.left_on.empty() || day <= p.position.left_on))
      return true;
  return false;
}

std::string pair_json(const mt::Pair& p) {
  return nlohmann::json{{"program_id", p.program_id},
                        {"mentor_person_id", p.mentor_person_id},
                        {"mentee_person_id", p.mentee_person_id},
                        {"form", p.form},
                        {"status", domain::code_of(p.status)},
                        {"starts_on", p.starts_on},
                        {"ends_on", p.ends_on},
                        {"result", p.result}}
      .dump();
}

// What the caller is to one program: seen wherever its school is seen (404
// otherwise); kept by the school's administration and the administrations above it.
struct Standing {
  mt::Program program;
  bool keeper = false;
};

Standing standing(storage::Connection& c, const Caller& caller, std::int64_t id) {
  auto p = mt::find_program(c, id);
  if (!p || !reg::organisation_visible(c, p->organisation_id, scope_of(caller, domain::Action::read_registry)))
    throw domain::Error::not_found("Программа наставничества не найдена");
  const bool keeper = keeps(c, caller, p->organisation_id);
  return {std::move(*p), keeper};
}

// The program, when the caller keeps it; 403 otherwise.
mt::Program require_keeper(const Standing& s) {
  if (!s.keeper)
    throw domain::Error::forbidden("Пары наставничества ведёт администрация организации и органы управления над ней");
  return s.program;
}

std::optional<domain::Date> date_of(const std::string& iso) { return domain::Date::parse_iso(iso); }

}  // namespace

std::vector<mt::Program> list_mentoring_programs(App& app, const Caller& caller,
                                                 std::optional<std::int64_t> organisation_id) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  return app.db->read([&](storage::Connection& c) { return mt::list_programs(c, scope, organisation_id); });
}

MentoringProgramCard get_mentoring_program(App& app, const Caller& caller, std::int64_t id) {
  return app.db->read([&](storage::Connection& c) {
    auto s = standing(c, caller, id);
    return MentoringProgramCard{std::move(s.program), mt::pairs_of(c, id), s.keeper};
  });
}

void check_mentoring_program(const mt::Program& draft) {
  domain::Problems problems;
  if (domain::trim(draft.title).empty()) problems.add("title", "Укажите название программы наставничества");
  if (draft.organisation_id <= 0) problems.add("organisation_id", "Выберите организацию");
  problems.check([&] { domain::check_period(draft.starts_on, draft.ends_on, "starts_on", "ends_on"); });
  problems.raise();
}

void check_mentoring_pair(const mt::Pair& draft) {
  domain::Problems problems;
  if (draft.mentor_person_id <= 0) problems.add("mentor_person_id", "Выберите наставника");
  if (draft.mentee_person_id <= 0) problems.add("mentee_person_id", "Выберите наставляемого");
  if (draft.form.empty())
    problems.add("form", "Выберите форму наставничества");
  else if (!domain::find_term(domain::mentoring_forms(), draft.form))
    problems.add("form", "Форма наставничества: " + domain::allowed_titles(domain::mentoring_forms()));
  if (draft.mentor_person_id > 0 && draft.mentor_person_id == draft.mentee_person_id)
    problems.add("mentee_person_id", "Наставник и наставляемый — разные люди");
  if (draft.starts_on.empty())
    problems.add("starts_on", "Укажите дату начала");
  else if (!domain::Date::parse_iso(draft.starts_on))
    problems.add("starts_on", "Дата начала — ГГГГ-ММ-ДД");
  else if (!draft.ends_on.empty())
    problems.check([&] { domain::check_period(draft.starts_on, draft.ends_on, "starts_on", "ends_on"); });
  problems.raise();
}

std::int64_t create_mentoring_program(App& app, const Caller& caller, mt::Program draft,
                                      const std::string& request_id) {
  require_scope(caller, domain::Action::write_staff, "ведение наставничества");
  draft.title = domain::trim(draft.title);
  check_mentoring_program(draft);
  return app.db->write([&](storage::Connection& c) {
    if (!reg::find_organisation(c, draft.organisation_id))
      throw domain::Error::validation("organisation_id", "Организация не найдена");
    if (!keeps(c, caller, draft.organisation_id))
      throw domain::Error::forbidden("Наставничество ведёт администрация этой организации", "organisation_id");
    if (draft.curator_person_id &&
        !works_in(c, *draft.curator_person_id, draft.organisation_id, domain::Date::today().iso()))
      throw domain::Error::validation("curator_person_id", "Куратор должен работать в этой организации");
    const auto id = mt::insert_program(c, draft);
    audit_change(c, caller, "create", "mentoring_program", id, {},
                 nlohmann::json{{"organisation_id", draft.organisation_id},
                                {"title", draft.title},
                                {"starts_on", draft.starts_on},
                                {"ends_on", draft.ends_on}}
                     .dump(),
                 request_id);
    return id;
  });
}

mt::Pair create_mentoring_pair(App& app, const Caller& caller, mt::Pair draft, const std::string& request_id) {
  return app.db->write(
      [&](storage::Connection& c) { return add_mentoring_pair(app, c, caller, std::move(draft), request_id); });
}

mt::Pair add_mentoring_pair(App& app, storage::Connection& c, const Caller& caller, mt::Pair draft,
                            const std::string& request_id) {
  check_mentoring_pair(draft);
  draft.plan = domain::trim(draft.plan);
  // A pair that ended before it was recorded is history: completed, told to nobody.
  const bool ended = !draft.ends_on.empty() && draft.ends_on < domain::Date::today().iso();
  draft.status = ended ? domain::PairStatus::completed : domain::PairStatus::active;
  draft.result.clear();
  {
    const auto program = require_keeper(standing(c, caller, draft.program_id));
    // Both work there when the pair begins (a pair recorded afterwards: on its first day).
    if (!works_in(c, draft.mentor_person_id, program.organisation_id, draft.starts_on))
      throw domain::Error::validation("mentor_person_id", "Наставник должен работать в " + program.organisation_name +
                                                              " на " + domain::russian_date(draft.starts_on));
    if (!works_in(c, draft.mentee_person_id, program.organisation_id, draft.starts_on))
      throw domain::Error::validation("mentee_person_id", "Наставляемый должен работать в " +
                                                              program.organisation_name + " на " +
                                                              domain::russian_date(draft.starts_on));
    if (mt::active_pair_exists(c, draft.program_id, draft.mentor_person_id, draft.mentee_person_id))
      throw domain::Error::conflict("mentee_person_id", "Такая пара уже действует в этой программе");
    const auto id = mt::insert_pair(c, draft);
    audit_change(c, caller, "create", "mentoring_pair", id, {}, pair_json(draft), request_id);
    const auto pair = *mt::find_pair(c, id);
    if (ended) return pair;
    const std::string link = "/mentoring/" + std::to_string(program.id);
    notify_person(app, c, pair.mentee_person_id,
                  {"mentoring", "Вам назначен наставник: " + pair.mentor_name, program.title, link, {}});
    notify_person(app, c, pair.mentor_person_id,
                  {"mentoring", "Вы — наставник: " + pair.mentee_name, program.title, link, {}});
    return pair;
  }
}

mt::Pair update_mentoring_pair(App& app, const Caller& caller, std::int64_t id, mt::Pair draft,
                               const std::string& request_id) {
  draft.plan = domain::trim(draft.plan);
  draft.result = domain::trim(draft.result);
  return app.db->write([&](storage::Connection& c) {
    const auto before = mt::find_pair(c, id);
    if (!before) throw domain::Error::not_found("Наставническая пара не найдена");
    require_keeper(standing(c, caller, before->program_id));
    mt::Pair after = *before;
    after.plan = draft.plan;
    after.result = draft.result;
    after.ends_on = draft.ends_on;
    if (draft.status != before->status) {
      const auto problem = domain::pair_transition_problem(before->status, draft.status, draft.result);
      if (!problem.empty())
        throw domain::Error::validation(
            draft.status == domain::PairStatus::completed && draft.result.empty() ? "result" : "status", problem);
      after.status = draft.status;
      if (after.ends_on.empty()) after.ends_on = domain::Date::today().iso();
    }
    if (!after.ends_on.empty()) domain::check_period(after.starts_on, after.ends_on, "starts_on", "ends_on");
    mt::update_pair(c, after);
    audit_change(c, caller, "update", "mentoring_pair", id, pair_json(*before), pair_json(after), request_id);
    return *mt::find_pair(c, id);
  });
}

std::vector<mt::Pair> person_mentoring(App& app, const Caller& caller, std::int64_t person_id) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  return app.db->read([&](storage::Connection& c) {
    if (!reg::find_person(c, person_id) || !reg::person_in_scope(c, person_id, scope))
      throw domain::Error::not_found("Педагог не найден");
    return mt::pairs_of_person(c, person_id);
  });
}

YoungTeacherPage young_teachers(App& app, const Caller& caller, std::optional<std::int64_t> organisation_id,
                                const std::string& on_text, std::size_t limit, std::size_t offset) {
  const auto scope = staff_scope(caller);
  if (scope.empty()) throw domain::Error::forbidden("Недостаточно прав: список молодых педагогов");
  const auto on = on_text.empty() ? domain::Date::today() : domain::Date::parse_iso(on_text).value_or(domain::Date{});
  if (!on_text.empty() && !domain::Date::parse_iso(on_text)) throw domain::Error::validation("on", "Дата — ГГГГ-ММ-ДД");
  const domain::YoungTeacherRule rule{app.config.young_teacher_max_age, app.config.young_teacher_max_years};
  using std::chrono::years;
  // Rough bounds for SQL (a day's margin), the exact rule in C++.
  const auto born_after = domain::Date{on.ymd - years(rule.max_age) - std::chrono::months(1)}.iso();
  const auto started_after = domain::Date{on.ymd - years(rule.max_years) - std::chrono::months(1)}.iso();
  using Candidates = std::vector<mt::YoungCandidate>;
  return app.db->read([&](storage::Connection& c) {
    // Who is young, in which order, is kept while the data monitoring counts
    // (persons, workplaces, organisations…) stands: paging through a federal
    // operator's 55 000 selected them all for every page (0.7–1 s).
    const auto now = storage::monitoring_version_on_day(c);
    const std::string key = "young|" + scope_key(scope) + "|" +
                            (organisation_id ? std::to_string(*organisation_id) : "-") + "|" + on.iso() + "|" +
                            now.today + "|" + std::to_string(rule.max_age) + "/" + std::to_string(rule.max_years) +
                            "|" + std::to_string(now.version);
    const auto all = app.answers->find_or_make<Candidates>(key, [&] {
      auto candidates = mt::young_candidates(c, on.iso(), born_after, started_after, scope, organisation_id);
      std::erase_if(candidates, [&](const mt::YoungCandidate& p) {
        return !domain::is_young_teacher(date_of(p.birth_date), date_of(p.experience_since), on, rule);
      });
      std::size_t bytes = key.size();
      for (const auto& p : candidates)
        bytes += sizeof p + p.name.size() + p.organisation_name.size() + p.subjects.size() + 32;
      return std::pair{std::make_shared<const Candidates>(std::move(candidates)), bytes};
    });
    YoungTeacherPage page;
    page.total = static_cast<std::int64_t>(all->size());
    const auto rest = std::span(*all).subspan(std::min(offset, all->size()));
    Candidates shown(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(std::min(limit, rest.size())));
    mt::count_support(c, shown);
    for (const auto& p : shown) {
      const auto birth = *date_of(p.birth_date), since = *date_of(p.experience_since);
      YoungTeacher y{p, domain::Date::full_years_between(birth, on), domain::Date::full_years_between(since, on), {}};
      if (!p.mentored) y.missing.push_back("нет наставника");
      if (!p.routes) y.missing.push_back("нет индивидуального маршрута");
      if (!p.trainings) y.missing.push_back("не проходил повышение квалификации");
      if (!p.events) y.missing.push_back("не участвовал в методических мероприятиях");
      if (!p.communities) y.missing.push_back("не состоит в методическом объединении или сообществе");
      page.items.push_back(std::move(y));
    }
    return page;
  });
}

std::vector<domain::MentorSuggestion> mentors_for(storage::Connection& c, std::int64_t mentee) {
  const auto today = domain::Date::today();
  std::set<std::int64_t> mentee_orgs;
  std::set<std::string> mentee_areas, mentee_subjects;
  for (const auto& p : reg::positions_of(c, mentee)) {
    if (!domain::is_current(p.position, domain::Date::today())) continue;
    mentee_orgs.insert(p.position.organisation_id);
    if (!p.position.subject_area.empty()) mentee_areas.insert(p.position.subject_area);
    for (auto& s : domain::split_list(p.position.subjects)) mentee_subjects.insert(domain::fold_for_search(s));
  }
  std::map<std::int64_t, domain::MentorCandidate> by_person;
  for (const auto& k : mt::colleagues_of(c, mentee, today.iso())) {
    auto& m = by_person[k.person_id];
    m.person_id = k.person_id;
    m.name = k.name;
    m.category = k.category;
    m.active_mentees = static_cast<int>(k.active_mentees);
    if (auto since = date_of(k.experience_since); since && *since <= today)
      m.experience_years = domain::Date::full_years_between(*since, today);
    m.same_organisation |= mentee_orgs.count(k.organisation_id) > 0;
    m.same_subject_area |= mentee_areas.count(k.subject_area) > 0;
    for (auto& s : domain::split_list(k.subjects))
      m.same_subject |= mentee_subjects.count(domain::fold_for_search(s)) > 0;
  }
  std::vector<domain::MentorCandidate> all;
  for (auto& [id, m] : by_person) all.push_back(std::move(m));
  return domain::rank_mentors(all);
}

std::vector<domain::MentorSuggestion> suggest_mentors(App& app, const Caller& caller, std::int64_t mentee) {
  return app.db->read([&](storage::Connection& c) {
    const auto scope = staff_scope(caller);
    if (scope.empty() || !reg::person_in_scope(c, mentee, scope)) throw domain::Error::not_found("Педагог не найден");
    return mentors_for(c, mentee);
  });
}

}  // namespace metodist::app
