#include "app/import_history.hpp"

#include <unordered_map>

#include "app/active.hpp"
#include "app/communities.hpp"
#include "app/diagnostics.hpp"
#include "app/events.hpp"
#include "app/mentoring.hpp"
#include "app/programs.hpp"
#include "app/table_rows.hpp"
#include "domain/error.hpp"
#include "domain/events.hpp"
#include "domain/help_requests.hpp"
#include "domain/mentoring.hpp"
#include "storage/communities_repository.hpp"
#include "storage/events_repository.hpp"
#include "storage/help_requests_repository.hpp"
#include "storage/mentoring_repository.hpp"
#include "storage/programs_repository.hpp"
#include "storage/registry_batch.hpp"
#include "storage/registry_repository.hpp"

namespace metodist::app {
namespace {

namespace reg = storage::registry;
namespace prg = storage::programs;
namespace ev = storage::events;
namespace cm = storage::communities;

// The rows of a history file: header checked, persons found by code once.
struct HistoryFile {
  std::span<const ImportColumn> columns;
  std::span<const std::string_view> header;
  domain::HeaderMap map;
  std::unordered_map<std::string_view, std::int64_t> persons;  // code → id, visible to the caller
};

// `anyone`: the persons of the "code" column are found wherever they work
// (a methodist of the regional active, whom a municipality's coordinator
// assigns without seeing the institute's staff); the row's own rule decides.
bool open_file(storage::Connection& c, const Caller& caller, const io::Table& table, ImportReport& report,
               std::span<const ImportColumn> columns, std::string_view required, HistoryFile& f, bool anyone = false) {
  f.columns = columns;
  f.header =
      table.rows.empty() ? std::span<const std::string_view>{} : std::span<const std::string_view>(table.rows[0].cells);
  f.map = domain::map_header(columns, f.header);
  if (!check_header(columns, f.map, table, report)) return false;
  if (!check_header(columns, f.map, table, report, required)) return false;
  const auto read = scope_of(caller, domain::Action::read_registry);
  for (const auto& [code, id] : reg::person_ids_by_code(c, codes_in(table, f.map.of(columns, "code"))))
    if (anyone || reg::person_worked_in_scope(c, id, read)) f.persons.emplace(code, id);
  return true;
}

// Calls apply() for every data row, with `row` on it and the person found.
template <class F>
void for_each_person_row(const io::Table& table, RowReader& row, ImportReport& report, const ImportProgress& progress,
                         const HistoryFile& f, F&& apply) {
  const Col person = row.col("code");
  for_each_data_row(table, row, report, progress, "Не указан код педагога", [&](std::string_view code) {
    auto it = f.persons.find(code);
    if (it == f.persons.end()) {
      row.problem(person, "Педагог с кодом " + RowReader::quoted(code) + " не найден среди доступных вам");
      return;
    }
    try {
      apply(it->second);
    } catch (const domain::Error& e) {
      row.problem(person, e.what());
    }
  });
}

// A past date of a fact (not in the future); nullopt with a problem otherwise.
std::optional<domain::Date> past_day(RowReader& row, const Col& col, const domain::Date& today, bool required,
                                     const char* missing) {
  std::optional<domain::Date> d;
  row.date(col, d);
  if (!d && required && !row.has_problem(col)) row.problem(col, missing);
  if (d && today < *d) {
    row.problem(col, "Дата " + domain::russian_date(d->iso()) + " ещё не наступила: переносится только прошлое");
    return std::nullopt;
  }
  return d;
}

// «окончил», «завершил», «освоил» → completed; «не окончил», «отчислен» →
// not_completed; «обучается» → studying.
std::optional<domain::EnrolmentStatus> parse_result(std::string_view text) {
  const std::string v = domain::fold_for_search(text);
  if (v.starts_with("не ") || v.starts_with("отчисл") || v == "нет") return domain::EnrolmentStatus::not_completed;
  if (v.starts_with("оконч") || v.starts_with("заверш") || v.starts_with("освоил") || v.starts_with("прошел") ||
      v.starts_with("прошла") || v == "да" || v == "completed")
    return domain::EnrolmentStatus::completed;
  if (v.starts_with("обуча") || v.starts_with("учит") || v == "studying") return domain::EnrolmentStatus::studying;
  return std::nullopt;
}

// A name matched as people write it: folded, ё as е, spaces collapsed.
bool same_title(std::string_view a, std::string_view b) {
  return domain::fold_for_search(a) == domain::fold_for_search(b);
}

}  // namespace

void apply_completion_rows(App& /*app*/, storage::Connection& c, const Caller& caller, const io::Table& table,
                           ImportReport& report, const ImportProgress& progress) {
  HistoryFile f;
  if (!open_file(c, caller, table, report, domain::completion_import_columns(), "program", f)) return;
  const auto programs = prg::list_programs(c, scope_of(caller, domain::Action::read_registry));
  const auto today = domain::Date::today();
  RowReader row(f.columns, f.map, f.header, report);
  const Col program = row.col("program"), starts = row.col("starts_on"), ends = row.col("ends_on"),
            certificate = row.col("certificate"), result = row.col("result");
  for_each_person_row(table, row, report, progress, f, [&](std::int64_t person) {
    const auto title = row.text(program);
    const prg::Program* found = nullptr;
    int matches = 0;
    for (const auto& p : programs)
      if (same_title(p.title, title)) {
        found = &p;
        ++matches;
      }
    if (title.empty())
      row.problem(program, "Укажите название программы, как в реестре программ");
    else if (!found)
      row.problem(program,
                  RowReader::quoted(title) + ": такой программы нет в реестре — добавьте её в «Программы ДПП ПК»");
    else if (matches > 1)
      row.problem(program, RowReader::quoted(title) + ": программ с таким названием несколько");
    else if (!organises_programs(c, caller, found->territory_id))
      row.problem(program, RowReader::quoted(title) + ": обучение по этой программе вносит её организатор");
    const auto from = past_day(row, starts, today, true, "Укажите дату начала обучения");
    const auto to = past_day(row, ends, today, false, "");
    std::string cert(row.text(certificate));
    auto status = row.text(result).empty() ? (cert.empty() ? std::optional(domain::EnrolmentStatus::studying)
                                                           : std::optional(domain::EnrolmentStatus::completed))
                                           : parse_result(row.text(result));
    if (!status) row.problem(result, RowReader::quoted(row.text(result)) + ": «окончил», «не окончил» или «обучается»");
    if (row.text(result).empty() && cert.empty() && to && *to < today)
      row.problem(certificate, "Обучение закончилось " + domain::russian_date(to->iso()) +
                                   ": укажите номер удостоверения или результат («не окончил», «обучается»)");
    if (status == domain::EnrolmentStatus::completed && cert.empty())
      row.problem(certificate, "Окончившему обучение укажите номер удостоверения");
    if (status != domain::EnrolmentStatus::studying && !to && !row.has_problem(ends))
      row.problem(ends, "Укажите дату окончания обучения");
    if (from && to && *to < *from) row.problem(ends, "Окончание раньше начала");
    if (!row.ok()) return;

    // The cohort of these dates, made when the file is the first to name it.
    const std::string ends_on = to ? to->iso() : from->iso();
    std::optional<prg::Cohort> cohort;
    for (const auto& k : prg::cohorts_of(c, found->id))
      if (k.starts_on == from->iso() && k.ends_on == ends_on) cohort = k;
    if (!cohort) {
      prg::Cohort k;
      k.program_id = found->id;
      k.title = "Группа " + domain::russian_date(from->iso()) + " — " + domain::russian_date(ends_on);
      k.starts_on = from->iso();
      k.ends_on = ends_on;
      k.id = prg::insert_cohort(c, k);
      cohort = k;
    }
    std::optional<prg::Enrolment> e;
    for (auto& x : prg::enrolments_of_cohort(c, cohort->id))
      if (x.person_id == person) e = x;
    const bool fresh = !e;
    if (fresh) {
      prg::Enrolment draft;
      draft.cohort_id = cohort->id;
      draft.person_id = person;
      draft.applied_on = from->iso();
      // «Chosen from a diagnosed deficit»: the deficits on the day studies began.
      draft.chosen_from_deficit = domain::chosen_from_deficit(found->competencies, deficits_of(c, person, *from));
      draft.id = prg::insert_enrolment(c, draft);
      e = draft;
    }
    e->status = *status;
    e->certificate_number = status == domain::EnrolmentStatus::completed ? cert : std::string();
    e->completed_on = status == domain::EnrolmentStatus::completed ? to->iso() : std::string();
    prg::update_enrolment(c, *e);
    ++(fresh ? report.created : report.updated);
  });
}

void apply_attendance_rows(App& /*app*/, storage::Connection& c, const Caller& caller, const io::Table& table,
                           ImportReport& report, const ImportProgress& progress) {
  HistoryFile f;
  const auto columns = domain::attendance_import_columns();
  const bool by_number = [&] {
    const std::span<const std::string_view> header = table.rows.empty()
                                                         ? std::span<const std::string_view>{}
                                                         : std::span<const std::string_view>(table.rows[0].cells);
    return domain::map_header(columns, header).of(columns, "event_id").has_value();
  }();
  if (!open_file(c, caller, table, report, columns, by_number ? "event_id" : "event", f)) return;
  const auto read = scope_of(caller, domain::Action::read_registry);
  const auto now = domain::local_minute_now();
  RowReader row(f.columns, f.map, f.header, report);
  const Col number = row.col("event_id"), title = row.col("event"), date = row.col("event_date"),
            attended = row.col("attended");
  std::unordered_map<std::string, std::optional<ev::Event>> events;  // by what the row names
  for_each_person_row(table, row, report, progress, f, [&](std::int64_t person) {
    std::optional<ev::Event> event;
    const std::string named =
        std::string(row.text(number)) + "|" + std::string(row.text(title)) + "|" + std::string(row.text(date));
    if (auto cached = events.find(named); cached != events.end()) {
      event = cached->second;
    } else if (!row.text(number).empty()) {
      const auto id = domain::parse_number(row.text(number));
      if (id && *id > 0) event = ev::find_event(c, static_cast<std::int64_t>(*id));
      if (event && !reg::territory_visible(c, event->territory_id, read)) event.reset();
      if (!event) row.problem(number, RowReader::quoted(row.text(number)) + ": мероприятия с таким номером нет");
    } else {
      std::optional<domain::Date> on;
      row.date(date, on);
      if (!on && !row.has_problem(date)) row.problem(date, "Укажите дату мероприятия (или его номер)");
      if (on) {
        ev::EventFilter filter;
        int matches = 0;
        for (auto& x : ev::list_events(c, filter, read))
          if (same_title(x.title, row.text(title)) && x.starts_at.substr(0, 10) == on->iso()) {
            event = x;
            ++matches;
          }
        if (!event)
          row.problem(title, RowReader::quoted(row.text(title)) + " " + domain::russian_date(on->iso()) +
                                 ": такого мероприятия нет в календаре — внесите его, затем загрузите участников");
        else if (matches > 1)
          row.problem(title, "В этот день несколько мероприятий с таким названием: укажите номер мероприятия");
      }
    }
    if (row.ok()) events.emplace(named, event);
    if (!row.ok()) return;
    if (!organises_event(c, caller, *event))
      return row.problem(title, "Участников отмечает организатор мероприятия «" + event->title + "»");
    if (event->status == domain::EventStatus::cancelled) return row.problem(title, "Мероприятие отменено");
    if (now < event->starts_at)
      return row.problem(title, "Мероприятие ещё не прошло: участие отмечают после его начала");
    std::optional<bool> came = true;
    row.flag(attended, came);
    if (!row.ok()) return;
    auto r = ev::find_registration(c, event->id, person);
    const bool fresh = !r;
    if (fresh) {
      ev::insert_registration(c, event->id, person);
      r = ev::find_registration(c, event->id, person);
    }
    ev::set_attended(c, r->id, came);
    ++(fresh ? report.created : report.updated);
  });
}

void apply_membership_rows(App& /*app*/, storage::Connection& c, const Caller& caller, const io::Table& table,
                           ImportReport& report, const ImportProgress& progress) {
  HistoryFile f;
  if (!open_file(c, caller, table, report, domain::membership_import_columns(), "community", f)) return;
  const auto communities = cm::list_communities(c, {}, scope_of(caller, domain::Action::read_registry));
  const auto today = domain::Date::today();
  RowReader row(f.columns, f.map, f.header, report);
  const Col community = row.col("community"), role = row.col("role"), joined = row.col("joined_on"),
            left = row.col("left_on");
  for_each_person_row(table, row, report, progress, f, [&](std::int64_t person) {
    const auto title = row.text(community);
    const cm::Community* found = nullptr;
    int matches = 0;
    for (const auto& k : communities)
      if (same_title(k.title, title)) {
        found = &k;
        ++matches;
      }
    if (!found)
      row.problem(community, RowReader::quoted(title) + ": такого сообщества нет — создайте его в «Сообществах»");
    else if (matches > 1)
      row.problem(community, RowReader::quoted(title) + ": сообществ с таким названием несколько");
    else if (!keeps_community(c, caller, *found))
      row.problem(community, RowReader::quoted(title) + ": состав ведёт тот, кто ведёт это сообщество");
    const std::string role_code =
        domain::fold_for_search(row.text(role)).starts_with("руковод") || row.text(role) == "leader" ? "leader"
                                                                                                     : "member";
    const auto from = past_day(row, joined, today, true, "Укажите дату вступления");
    const auto to = past_day(row, left, today, false, "");
    if (from && to && *to < *from) row.problem(left, "Выход раньше вступления");
    if (!row.ok()) return;
    auto current = cm::current_member(c, found->id, person);
    if (current && current->joined_on == from->iso()) {  // the same membership: its end, if the file has one
      if (to) cm::end_membership(c, current->id, to->iso());
      ++report.updated;
      return;
    }
    if (current && !to)
      return row.problem(joined,
                         "Педагог уже состоит в сообществе (с " + domain::russian_date(current->joined_on) + ")");
    const auto id = cm::insert_member(c, found->id, person, role_code, from->iso());
    if (to) cm::end_membership(c, id, to->iso());
    ++report.created;
  });
}

void apply_assignment_rows(App& app, storage::Connection& c, const Caller& caller, const io::Table& table,
                           ImportReport& report, const ImportProgress& progress) {
  HistoryFile f;
  if (!open_file(c, caller, table, report, domain::assignment_import_columns(), "starts_on", f, true)) return;
  const auto targets = reg::person_ids_by_code(c, codes_in(table, f.map.of(f.columns, "person")));
  const auto schools = reg::organisations_by_code(c, codes_in(table, f.map.of(f.columns, "organisation")));
  RowReader row(f.columns, f.map, f.header, report);
  const Col organisation = row.col("organisation"), person = row.col("person"), starts = row.col("starts_on"),
            ends = row.col("ends_on");
  for_each_person_row(table, row, report, progress, f, [&](std::int64_t methodist) {
    AssignmentDraft d;
    d.methodist_person_id = methodist;
    const auto school = row.text(organisation), teacher = row.text(person);
    if (school.empty() == teacher.empty())
      return row.problem(organisation, "Укажите либо код школы, либо код педагога, которого сопровождает методист");
    if (!school.empty()) {
      auto it = schools.find(std::string(school));
      if (it == schools.end())
        return row.problem(organisation, "Организация с кодом " + RowReader::quoted(school) + " не найдена");
      d.organisation_id = it->second.id;
    } else {
      auto it = targets.find(teacher);
      if (it == targets.end())
        return row.problem(person, "Педагог с кодом " + RowReader::quoted(teacher) + " не найден");
      d.person_id = it->second;
    }
    d.starts_on = std::string(row.text(starts));
    d.ends_on = std::string(row.text(ends));
    if (d.starts_on.empty()) return row.problem(starts, "Укажите дату начала сопровождения");
    try {
      assign_methodist(app, c, caller, d, {});
      ++report.created;
    } catch (const domain::Error& e) {
      const std::string field = e.field();
      row.problem(field == "starts_on" ? starts
                  : field == "ends_on" ? ends
                  : field == "items"   ? organisation
                                       : row.col("code"),
                  e.what());
    }
  });
}

void apply_mentoring_pair_rows(App& app, storage::Connection& c, const Caller& caller, const io::Table& table,
                               ImportReport& report, const ImportProgress& progress) {
  HistoryFile f;
  if (!open_file(c, caller, table, report, domain::mentoring_pair_import_columns(), "program", f)) return;
  const auto mentors = reg::person_ids_by_code(c, codes_in(table, f.map.of(f.columns, "mentor")));
  const auto programs =
      storage::mentoring::list_programs(c, scope_of(caller, domain::Action::read_registry), std::nullopt);
  const domain::TermIndex forms(domain::mentoring_forms());
  const auto today = domain::Date::today();
  RowReader row(f.columns, f.map, f.header, report);
  const Col program = row.col("program"), mentor = row.col("mentor"), form = row.col("form"),
            starts = row.col("starts_on"), ends = row.col("ends_on");
  for_each_person_row(table, row, report, progress, f, [&](std::int64_t mentee) {
    storage::mentoring::Pair p;
    p.mentee_person_id = mentee;
    const auto title = row.text(program);
    int matches = 0;
    for (const auto& x : programs)
      if (same_title(x.title, title)) {
        p.program_id = x.id;
        ++matches;
      }
    if (matches == 0)
      row.problem(program,
                  RowReader::quoted(title) + ": такой программы наставничества нет — создайте её в «Наставничестве»");
    else if (matches > 1)
      row.problem(program, RowReader::quoted(title) + ": программ с таким названием несколько");
    const auto m = mentors.find(row.text(mentor));
    if (row.text(mentor).empty())
      row.problem(mentor, "Укажите код наставника");
    else if (m == mentors.end())
      row.problem(mentor, "Наставник с кодом " + RowReader::quoted(row.text(mentor)) + " не найден");
    else
      p.mentor_person_id = m->second;
    std::string_view form_code = "teacher_teacher";  // the usual pair when the file does not say
    row.term(form, forms, domain::mentoring_forms(), form_code);
    p.form.assign(form_code);
    const auto from = past_day(row, starts, today, true, "Укажите дату начала");
    std::optional<domain::Date> to;
    row.date(ends, to);
    if (from && to && *to < *from) row.problem(ends, "Окончание раньше начала");
    if (!row.ok()) return;
    p.starts_on = from->iso();
    p.ends_on = to ? to->iso() : std::string();
    try {
      add_mentoring_pair(app, c, caller, p, {});
      ++report.created;
    } catch (const domain::Error& e) {
      const std::string field = e.field();
      row.problem(field == "mentor_person_id"                  ? mentor
                  : field == "starts_on" || field == "ends_on" ? starts
                                                               : program,
                  e.what());
    }
  });
}

void apply_help_request_rows(App& /*app*/, storage::Connection& c, const Caller& caller, const io::Table& table,
                             ImportReport& report, const ImportProgress& progress) {
  const auto columns = domain::help_request_import_columns();
  const std::span<const std::string_view> header =
      table.rows.empty() ? std::span<const std::string_view>{} : std::span<const std::string_view>(table.rows[0].cells);
  const auto map = domain::map_header(columns, header);
  if (!check_header(columns, map, table, report) || !check_header(columns, map, table, report, "topic")) return;
  const auto schools = reg::organisations_by_code(c, codes_in(table, map.of(columns, "code")));
  const auto methodists = reg::person_ids_by_code(c, codes_in(table, map.of(columns, "methodist")));
  const domain::TermIndex areas(domain::subject_areas());
  const auto today = domain::Date::today();
  RowReader row(columns, map, header, report);
  const Col code = row.col("code"), topic = row.col("topic"), area = row.col("subject_area"),
            received = row.col("received_on"), due = row.col("due_on"), methodist = row.col("methodist"),
            closed = row.col("closed_on"), response = row.col("response");
  for_each_data_row(table, row, report, progress, "Не указан код организации", [&](std::string_view school) {
    storage::help_requests::HelpRequest h;
    auto org = schools.find(std::string(school));
    if (org == schools.end())
      return row.problem(code, "Организация с кодом " + RowReader::quoted(school) + " не найдена");
    // The journal is brought in by those who assign requests there (coordinate_support).
    if (!coordinates_territory(c, caller, org->second.territory_id))
      return row.problem(code, "Запросы этой организации ведёт координатор её территории");
    h.organisation_id = org->second.id;
    row.plain(topic, h.topic, 300);
    if (h.topic.empty() && !row.has_problem(topic)) row.problem(topic, "Укажите тему запроса");
    std::string_view area_code;
    row.term(area, areas, domain::subject_areas(), area_code);
    h.subject_area.assign(area_code);
    const auto asked = past_day(row, received, today, true, "Укажите дату обращения");
    std::optional<domain::Date> due_day;
    row.date(due, due_day);
    const auto closed_day = past_day(row, closed, today, false, "");
    if (asked && closed_day && *closed_day < *asked) row.problem(closed, "Закрыт раньше, чем поступил");
    if (!row.text(methodist).empty()) {
      auto m = methodists.find(row.text(methodist));
      if (m == methodists.end())
        row.problem(methodist, "Методист с кодом " + RowReader::quoted(row.text(methodist)) + " не найден");
      else
        h.methodist_person_id = m->second;
    }
    if (closed_day && !h.methodist_person_id && !row.has_problem(methodist))
      row.problem(methodist, "У закрытого запроса укажите методиста, который помог");
    if (!row.ok()) return;
    h.urgency = "normal";
    h.created_by = caller.account_id ? std::optional<std::int64_t>(caller.account_id) : std::nullopt;
    h.created_at = asked->iso() + "T00:00:00Z";
    h.due_on = (due_day ? *due_day : domain::help_due_on(h.urgency, *asked)).iso();
    h.status = domain::HelpStatus::fresh;
    h.id = storage::help_requests::insert_request(c, h);
    if (h.methodist_person_id) {
      h.status = domain::HelpStatus::assigned;
      h.assigned_at = h.created_at;
    }
    if (closed_day) {
      h.status = domain::HelpStatus::closed;
      h.response_kind = "answer";
      h.response = std::string(row.text(response));
      h.answered_at = h.closed_at = closed_day->iso() + "T12:00:00Z";
    }
    if (h.status != domain::HelpStatus::fresh) storage::help_requests::update_request(c, h);
    ++report.created;
  });
}

}  // namespace metodist::app
