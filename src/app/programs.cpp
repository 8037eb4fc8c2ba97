#include "app/programs.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "app/diagnostics.hpp"
#include "domain/date.hpp"
#include "domain/diagnostics.hpp"
#include "domain/error.hpp"
#include "domain/import.hpp"
#include "domain/programs.hpp"
#include "domain/text.hpp"
#include "storage/account_repository.hpp"
#include "storage/diagnostics_repository.hpp"
#include "storage/registry_repository.hpp"

namespace metodist::app {
namespace {

namespace prg = storage::programs;
namespace dia = storage::diagnostics;
namespace reg = storage::registry;

std::string enrolment_json(const prg::Enrolment& e) {
  return nlohmann::json{{"cohort_id", e.cohort_id},
                        {"person_id", e.person_id},
                        {"status", domain::code_of(e.status)},
                        {"certificate_number", e.certificate_number},
                        {"completed_on", e.completed_on}}
      .dump();
}

// The caller organises programs kept in this territory.

// The caller administers the person: their school or a territory above it.
bool administers(storage::Connection& c, const Caller& caller, std::int64_t person_id) {
  const auto scope = staff_scope(caller);
  return !scope.empty() && reg::person_in_scope(c, person_id, scope);
}

}  // namespace

void check_program(const prg::Program& p, const std::vector<std::string>& competencies) {
  domain::Problems problems;
  if (p.title.empty()) problems.add("title", "Укажите название программы");
  if (domain::utf8_length(p.title) > 500) problems.add("title", "Название длиннее 500 символов");
  if (p.provider.empty()) problems.add("provider", "Укажите, кто реализует программу");
  if (p.hours < 16 || p.hours > 2000)
    problems.add("hours", "Объём программы повышения квалификации — от 16 до 2000 часов");
  if (p.format.empty())
    problems.add("format", "Выберите форму обучения");
  else if (!domain::find_term(domain::program_formats(), p.format))
    problems.add("format", "Форма обучения: " + domain::allowed_titles(domain::program_formats()));
  if (p.audience.empty())
    problems.add("audience", "Выберите категорию слушателей");
  else if (!domain::find_term(domain::program_audiences(), p.audience))
    problems.add("audience", "Категория слушателей: " + domain::allowed_titles(domain::program_audiences()));
  if (p.in_federal_registry && p.federal_number.empty())
    problems.add("federal_number", "Программа из федерального реестра: укажите её номер в реестре");
  if (competencies.empty())
    problems.add("competencies", "Укажите хотя бы одну компетенцию, которую развивает программа");
  if (p.territory_id <= 0) problems.add("territory_id", "Выберите, в чей реестр внести программу");
  problems.raise();
}

bool organises_programs(storage::Connection& c, const Caller& caller, std::int64_t territory_id) {
  const auto scope = scope_of(caller, domain::Action::manage_diagnostics);
  return !scope.empty() && reg::territory_covered(c, territory_id, scope);
}

std::vector<prg::Program> list_programs(App& app, const Caller& caller, const std::string& competency) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  return app.db->read([&](storage::Connection& c) { return prg::list_programs(c, scope, competency); });
}

ProgramCard get_program(App& app, const Caller& caller, std::int64_t id) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  auto card = app.db->read([&](storage::Connection& c) -> std::optional<ProgramCard> {
    auto p = prg::find_program(c, id);
    if (!p || !reg::territory_visible(c, p->territory_id, scope)) return std::nullopt;
    return ProgramCard{*p, prg::cohorts_of(c, id), organises_programs(c, caller, p->territory_id)};
  });
  if (!card) throw domain::Error::not_found("Программа не найдена");
  return *card;
}

std::int64_t create_program(App& app, const Caller& caller, prg::Program draft,
                            const std::vector<std::string>& competencies, const std::string& request_id) {
  require_scope(caller, domain::Action::manage_diagnostics, "ведение реестра программ");
  draft.title = domain::trim(draft.title);
  draft.provider = domain::trim(draft.provider);
  draft.federal_number = domain::trim(draft.federal_number);
  check_program(draft, competencies);
  return app.db->write([&](storage::Connection& c) {
    if (!reg::find_territory(c, draft.territory_id))
      throw domain::Error::validation("territory_id", "Территория не найдена");
    if (!organises_programs(c, caller, draft.territory_id))
      throw domain::Error::forbidden("Эта территория вне ваших полномочий", "territory_id");
    const auto ids = competency_ids(c, competencies);
    const auto id = prg::insert_program(c, draft, ids);
    audit_change(c, caller, "create", "program", id, {},
                 nlohmann::json{{"title", draft.title}, {"hours", draft.hours}, {"competencies", competencies}}.dump(),
                 request_id);
    return id;
  });
}

std::int64_t create_cohort(App& app, const Caller& caller, prg::Cohort draft, const std::string& request_id) {
  require_scope(caller, domain::Action::manage_diagnostics, "набор групп");
  draft.title = domain::trim(draft.title);
  if (draft.title.empty()) throw domain::Error::validation("title", "Укажите название группы");
  domain::check_period(draft.starts_on, draft.ends_on, "starts_on", "ends_on");
  if (draft.capacity && *draft.capacity < 1)
    throw domain::Error::validation("capacity", "Мест в группе — не меньше одного (или без ограничения)");
  if (!draft.cascade_stage.empty() && !domain::find_term(domain::cascade_stages(), draft.cascade_stage))
    throw domain::Error::validation("cascade_stage",
                                    "Этап каскада: " + domain::allowed_codes(domain::cascade_stages()));
  return app.db->write([&](storage::Connection& c) {
    auto p = prg::find_program(c, draft.program_id);
    if (!p) throw domain::Error::not_found("Программа не найдена");
    if (!organises_programs(c, caller, p->territory_id))
      throw domain::Error::forbidden("Группы набирает организатор программы");
    const auto id = prg::insert_cohort(c, draft);
    audit_change(c, caller, "create", "cohort", id, {},
                 nlohmann::json{{"program_id", draft.program_id},
                                {"title", draft.title},
                                {"starts_on", draft.starts_on},
                                {"ends_on", draft.ends_on},
                                {"cascade_stage", draft.cascade_stage}}
                     .dump(),
                 request_id);
    return id;
  });
}

prg::Enrolment enrol(App& app, const Caller& caller, std::int64_t cohort_id, std::int64_t person_id,
                     const std::string& request_id, const std::string& applied_on) {
  const auto today = domain::Date::today();
  const auto on = applied_on.empty() ? today : domain::past_date(applied_on, "applied_on", today);
  const auto read = scope_of(caller, domain::Action::read_registry);
  const auto id = app.db->write([&](storage::Connection& c) {
    if (!reg::find_person(c, person_id) || !reg::person_in_scope(c, person_id, read))
      throw domain::Error::not_found("Педагог не найден");
    const bool self = caller.person_id && *caller.person_id == person_id;
    if (!self && !administers(c, caller, person_id))
      throw domain::Error::forbidden("Заявку подаёт сам педагог или администрация его организации");
    auto cohort = prg::find_cohort(c, cohort_id);
    auto program = cohort ? prg::find_program(c, cohort->program_id) : std::nullopt;
    if (!cohort || !program || !reg::territory_visible(c, program->territory_id, read))
      throw domain::Error::not_found("Группа не найдена");
    if (cohort->capacity && cohort->enrolled >= *cohort->capacity)
      throw domain::Error::conflict("cohort_id",
                                    "В группе нет свободных мест (" + std::to_string(*cohort->capacity) + ")");
    if (!applied_on.empty() && !administers(c, caller, person_id) &&
        !organises_programs(c, caller, program->territory_id))
      throw domain::Error::forbidden("Заявку прошлой датой вносит администрация организации или организатор программы",
                                     "applied_on");
    // «Chosen from a diagnosed deficit»: the person's deficits on the day of applying.
    const auto deficits = deficits_of(c, person_id, on);
    prg::Enrolment e;
    e.cohort_id = cohort_id;
    e.person_id = person_id;
    e.status = domain::EnrolmentStatus::applied;
    e.applied_on = on.iso();
    e.chosen_from_deficit = domain::chosen_from_deficit(program->competencies, deficits);
    std::int64_t id = 0;
    try {
      id = prg::insert_enrolment(c, e);
    } catch (const storage::Error& err) {
      if (err.kind() != storage::ErrorKind::unique_violation) throw;
      throw domain::Error::conflict("person_id", "Педагог уже записан в эту группу");
    }
    audit_change(c, caller, "create", "enrolment", id, {}, enrolment_json(e), request_id);
    return id;
  });
  return app.db->read([&](storage::Connection& c) { return *prg::find_enrolment(c, id); });
}

prg::Enrolment change_enrolment(App& app, const Caller& caller, std::int64_t id, domain::EnrolmentStatus status,
                                const std::string& certificate_number, const std::string& request_id,
                                const std::string& completed_on) {
  const auto read = scope_of(caller, domain::Action::read_registry);
  const auto today = domain::Date::today();
  const auto finished = completed_on.empty() ? today : domain::past_date(completed_on, "completed_on", today);
  return app.db->write([&](storage::Connection& c) {
    auto before = prg::find_enrolment(c, id);
    if (!before || !reg::person_in_scope(c, before->person_id, read))
      throw domain::Error::not_found("Запись не найдена");
    const auto program = prg::find_program(c, before->program_id);
    std::vector<domain::EnrolmentActor> as;
    if (caller.person_id && *caller.person_id == before->person_id) as.push_back(domain::EnrolmentActor::person);
    if (administers(c, caller, before->person_id)) as.push_back(domain::EnrolmentActor::administrator);
    if (program && organises_programs(c, caller, program->territory_id))
      as.push_back(domain::EnrolmentActor::organiser);
    const std::string certificate = domain::trim(certificate_number);
    std::string problem = "Нет прав менять эту запись";
    for (auto who : as) {
      problem = domain::enrolment_transition_problem(before->status, status, who, certificate);
      if (problem.empty()) break;
    }
    if (!problem.empty()) {
      if (as.empty()) throw domain::Error::forbidden(problem);
      throw domain::Error::validation(
          certificate.empty() && status == domain::EnrolmentStatus::completed ? "certificate_number" : "status",
          problem);
    }
    if (!completed_on.empty()) {
      if (status != domain::EnrolmentStatus::completed)
        throw domain::Error::validation("completed_on", "Дата окончания указывается только при завершении обучения");
      if (std::find(as.begin(), as.end(), domain::EnrolmentActor::person) != as.end() && as.size() == 1)
        throw domain::Error::forbidden("Дату окончания прошлым числом вносит организатор или администрация",
                                       "completed_on");
      if (finished.iso() < before->applied_on)
        throw domain::Error::validation("completed_on",
                                        "Окончание раньше заявки (" + domain::russian_date(before->applied_on) + ")");
    }
    prg::Enrolment after = *before;
    after.status = status;
    if (status == domain::EnrolmentStatus::completed) {
      after.certificate_number = certificate;
      after.completed_on = finished.iso();
    }
    prg::update_enrolment(c, after);
    audit_change(c, caller, "update", "enrolment", id, enrolment_json(*before), enrolment_json(after), request_id);
    return after;
  });
}

std::vector<prg::Enrolment> cohort_enrolments(App& app, const Caller& caller, std::int64_t cohort_id) {
  return app.db->read([&](storage::Connection& c) {
    auto cohort = prg::find_cohort(c, cohort_id);
    auto program = cohort ? prg::find_program(c, cohort->program_id) : std::nullopt;
    if (!program || !organises_programs(c, caller, program->territory_id))
      throw domain::Error::not_found("Группа не найдена или вы не её организатор");
    return prg::enrolments_of_cohort(c, cohort_id);
  });
}

PersonEnrolments person_enrolments(App& app, const Caller& caller, std::int64_t person_id) {
  const auto read = scope_of(caller, domain::Action::read_registry);
  const auto diagnostics = scope_of(caller, domain::Action::read_diagnostics);
  return app.db->read([&](storage::Connection& c) {
    if (!reg::find_person(c, person_id) || !reg::person_in_scope(c, person_id, read))
      throw domain::Error::not_found("Педагог не найден");
    PersonEnrolments out{prg::enrolments_of_person(c, person_id), false};
    // The mark tells of a deficit: only for those who may see the person's diagnostics.
    out.shows_deficit_mark = !diagnostics.empty() && reg::person_in_scope(c, person_id, diagnostics);
    if (!out.shows_deficit_mark)
      for (auto& e : out.items) e.chosen_from_deficit = false;
    return out;
  });
}

namespace {

bool supports_after_course(storage::Connection& c, const Caller& caller, const prg::Enrolment& e) {
  if (administers(c, caller, e.person_id) || administers_diagnostics_of(c, caller, e.person_id)) return true;
  const auto program = prg::find_program(c, e.program_id);
  return program && organises_programs(c, caller, program->territory_id);
}

// What the caller is to one enrolment: seen wherever the person is seen (404
// otherwise); the program's organiser, the person's school and methodist
// record the support after the course.
struct Standing {
  prg::Enrolment enrolment;
  bool supporter = false;
};

Standing standing(storage::Connection& c, const Caller& caller, std::int64_t id) {
  auto e = prg::find_enrolment(c, id);
  if (!e || !reg::person_in_scope(c, e->person_id, scope_of(caller, domain::Action::read_registry)))
    throw domain::Error::not_found("Запись на обучение не найдена");
  const bool supporter = supports_after_course(c, caller, *e);
  return {std::move(*e), supporter};
}

}  // namespace

EnrolmentSupport enrolment_support(App& app, const Caller& caller, std::int64_t enrolment_id) {
  return app.db->read([&](storage::Connection& c) {
    EnrolmentSupport out;
    auto s = standing(c, caller, enrolment_id);
    out.enrolment = std::move(s.enrolment);
    out.records = prg::support_of_enrolment(c, enrolment_id);
    out.can_record = out.enrolment.status == domain::EnrolmentStatus::completed && s.supporter;
    return out;
  });
}

prg::SupportRecord record_support(App& app, const Caller& caller, std::int64_t enrolment_id, prg::SupportRecord draft,
                                  const std::string& request_id) {
  draft.note = domain::trim(draft.note);
  if (!domain::find_term(domain::post_course_support_kinds(), draft.kind))
    throw domain::Error::validation("kind",
                                    "Вид сопровождения: " + domain::allowed_codes(domain::post_course_support_kinds()));
  if (draft.note.empty()) throw domain::Error::validation("note", "Опишите, что сделано и с каким результатом");
  if (domain::utf8_length(draft.note) > 2000) throw domain::Error::validation("note", "Описание длиннее 2000 символов");
  const auto day = domain::Date::parse_iso(draft.happened_on);
  if (!day) throw domain::Error::validation("happened_on", "Укажите дату в виде ГГГГ-ММ-ДД");
  if (domain::Date::today() < *day) throw domain::Error::validation("happened_on", "Дата ещё не наступила");
  return app.db->write([&](storage::Connection& c) {
    const auto s = standing(c, caller, enrolment_id);
    const auto& e = s.enrolment;
    if (!s.supporter)
      throw domain::Error::forbidden(
          "Посткурсовое сопровождение записывают организатор программы, школа педагога и его методист");
    if (e.status != domain::EnrolmentStatus::completed)
      throw domain::Error::conflict("status", "Посткурсовое сопровождение — после завершения обучения");
    if (!e.completed_on.empty() && draft.happened_on < e.completed_on)
      throw domain::Error::validation("happened_on",
                                      "Дата раньше завершения обучения (" + domain::russian_date(e.completed_on) + ")");
    draft.enrolment_id = enrolment_id;
    draft.author_account_id = caller.account_id ? std::optional(caller.account_id) : std::nullopt;
    draft.author_name = caller.display_name.empty() ? caller.login : caller.display_name;
    draft.id = prg::insert_support_record(c, draft);
    audit_change(
        c, caller, "create", "post_course_support", draft.id, {},
        nlohmann::json{{"enrolment_id", enrolment_id}, {"kind", draft.kind}, {"happened_on", draft.happened_on}}.dump(),
        request_id);
    for (const auto& r : prg::support_of_enrolment(c, enrolment_id))
      if (r.id == draft.id) return r;
    return draft;
  });
}

}  // namespace metodist::app
