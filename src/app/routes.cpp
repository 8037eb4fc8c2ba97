#include "app/routes.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "app/diagnostics.hpp"
#include "app/export.hpp"
#include "app/notifications.hpp"
#include "app/programs.hpp"
#include "app/route_suggestions.hpp"
#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/route.hpp"
#include "domain/text.hpp"
#include "io/pdf_writer.hpp"
#include "io/table_writer.hpp"
#include "storage/account_repository.hpp"
#include "storage/diagnostics_repository.hpp"
#include "storage/practices_repository.hpp"
#include "storage/programs_repository.hpp"
#include "storage/registry_repository.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::app {
namespace {

namespace rts = storage::routes;
namespace reg = storage::registry;
namespace dia = storage::diagnostics;
using domain::RouteActor;

// `administers`: whether the caller administers the person's diagnostics (one
// query per person, asked once for all of a person's routes).
std::vector<RouteActor> actors(const Caller& caller, const rts::Route& r, bool administers) {
  std::vector<RouteActor> out;
  if (caller.account_id && r.author_account_id && *r.author_account_id == caller.account_id)
    out.push_back(RouteActor::author);
  if (caller.person_id && *caller.person_id == r.person_id) out.push_back(RouteActor::person);
  if (administers) out.push_back(RouteActor::administrator);
  return out;
}

// What the caller is to one route: seen by those who read the person's
// diagnostics (404 otherwise); acted on by its author, the person, or an
// administrator, each as the transition rules allow.
struct Standing {
  rts::Route route;
  std::vector<RouteActor> actors;
  bool plays(RouteActor a) const { return std::find(actors.begin(), actors.end(), a) != actors.end(); }
};

domain::RouteFacts facts_of(const rts::Route& r) {
  domain::RouteFacts f{r.status, !r.sent_at.empty(), r.rows.size(), 0};
  for (const auto& row : r.rows) f.rows_done += row.done ? 1 : 0;
  return f;
}

// The route as its caller sees it: with what they may do now.
void fill_actions(rts::Route& r, const std::vector<RouteActor>& who) {
  r.actions.clear();
  for (auto a : domain::route_actions(facts_of(r), who)) r.actions.emplace_back(a);
}

Standing standing(storage::Connection& c, const Caller& caller, std::int64_t id) {
  auto r = rts::find_route(c, id);
  if (!r || !reads_diagnostics_of(c, caller, r->person_id))
    throw domain::Error::not_found("Маршрут не найден или недоступен");
  auto who = actors(caller, *r, administers_diagnostics_of(c, caller, r->person_id));
  fill_actions(*r, who);
  return {std::move(*r), std::move(who)};
}

void check_rows(storage::Connection& c, std::vector<rts::Row>& rows) {
  std::map<std::string, bool, std::less<>> framework;
  for (const auto& k : dia::list_competencies(c)) framework.emplace(k.code, k.is_active);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto& row = rows[i];
    const std::string at = "Строка " + std::to_string(i + 1) + ": ";
    row.goal = domain::trim(row.goal);
    if (row.goal.empty()) throw domain::Error::validation("rows", at + "укажите цель");
    if (domain::utf8_length(row.goal) > 1000)
      throw domain::Error::validation("rows", at + "цель длиннее 1000 символов");
    if (!domain::find_term(domain::route_activity_kinds(), row.activity))
      throw domain::Error::validation("rows", at + "неизвестный вид деятельности «" + row.activity + "»");
    if (!row.competency.empty() && !framework.count(row.competency))
      throw domain::Error::validation("rows", at + "компетенции «" + row.competency + "» нет в рамке");
    if (row.program_id && !storage::programs::find_program(c, *row.program_id))
      throw domain::Error::validation("rows", at + "программа не найдена");
    if (row.practice_id) {
      const auto practice = storage::practices::find_practice(c, *row.practice_id);
      if (!practice || practice->status != domain::PracticeStatus::accepted)
        throw domain::Error::validation("rows", at + "практика не найдена в банке (ссылаются на принятые практики)");
    }
    for (auto* text : {&row.details, &row.term, &row.expected_result, &row.result_form})
      if (domain::utf8_length(*text) > 1000)
        throw domain::Error::validation("rows", at + "текст длиннее 1000 символов");
  }
}

// A row per current deficit, with what the suggestions offer first for it
// (a program of the registry where there is one, else an event, a practice
// of the bank or a mentor), self-study with the methodist otherwise.
std::vector<rts::Row> rows_from_deficits(storage::Connection& c, const Caller& caller, std::int64_t person_id,
                                         const std::string& until) {
  // The term as people write it: «до 31.05.2027».
  const std::string term = until.size() == 10 ? "до " + domain::russian_date(until) : until;
  const auto end = domain::Date::parse_iso(until).value_or(domain::Date::today());
  std::vector<rts::Row> rows;
  std::vector<domain::OfferRef> taken;
  for (const auto& deficit : offers_for_deficits(c, caller, person_id, end)) {
    rts::Row row;
    row.competency = deficit.competency;
    row.goal = "Устранить дефицит: " + deficit.title;
    row.term = term;
    row.expected_result = "Результат повторной диагностики не ниже порога";
    const domain::Offer* offer = domain::offer_for_draft(deficit.offers, taken);
    if (offer) taken.push_back({offer->facts.kind, offer->facts.id});
    switch (offer ? offer->facts.kind : domain::OfferKind::program) {
      case domain::OfferKind::program:
        if (!offer) break;
        row.activity = "program";
        row.program_id = offer->facts.id;
        row.details = offer->facts.title;
        if (offer->facts.starts_on) row.details += ", группа с " + domain::russian_date(offer->facts.starts_on->iso());
        row.result_form = "Удостоверение о повышении квалификации";
        break;
      case domain::OfferKind::event:
        row.activity = "event";
        row.details = offer->facts.title + ", " + domain::russian_date(offer->facts.starts_on->iso());
        row.result_form = "Сертификат участника, материалы мероприятия";
        break;
      case domain::OfferKind::practice:
        row.activity = "self_study";
        row.practice_id = offer->facts.id;
        row.details = "Изучить и применить практику «" + offer->facts.title + "» (" + offer->facts.where + ")";
        row.result_form = "Отчёт о применении практики";
        break;
      case domain::OfferKind::mentor:
        row.activity = "mentoring";
        row.details = "Наставник: " + offer->facts.title;
        row.result_form = "Отзыв наставника о результатах";
        break;
    }
    if (row.activity.empty()) {
      row.activity = "self_study";
      row.details = "С методистом: подобрать материалы и практики";
      row.result_form = "Отчёт о самообразовании";
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

namespace {

// Inserts a draft for a person the caller administers; returns its id.
std::int64_t insert_draft(storage::Connection& c, const Caller& caller, const NewRoute& draft,
                          const std::string& request_id) {
  rts::Route r;
  r.person_id = draft.person_id;
  r.period_from = draft.period_from;
  r.period_to = draft.period_to;
  r.tutor = domain::trim(draft.tutor);
  r.status = domain::RouteStatus::draft;
  if (caller.account_id) r.author_account_id = caller.account_id;
  if (draft.from_deficits) r.rows = rows_from_deficits(c, caller, draft.person_id, draft.period_to);
  const auto id = rts::insert_route(c, r);
  audit_change(c, caller, "create", "route", id, {},
               nlohmann::json{{"person_id", r.person_id},
                              {"period_from", r.period_from},
                              {"period_to", r.period_to},
                              {"rows", r.rows.size()}}
                   .dump(),
               request_id);
  return id;
}

}  // namespace

rts::Route create_route(App& app, const Caller& caller, const NewRoute& draft, const std::string& request_id) {
  domain::check_period(draft.period_from, draft.period_to, "period_from", "period_to");
  if (domain::utf8_length(draft.tutor) > 300) throw domain::Error::validation("tutor", "Длиннее 300 символов");
  const auto id = app.db->write([&](storage::Connection& c) {
    if (!reg::find_person(c, draft.person_id) || !reads_diagnostics_of(c, caller, draft.person_id))
      throw domain::Error::not_found("Педагог не найден или его маршруты вам недоступны");
    if (!administers_diagnostics_of(c, caller, draft.person_id))
      throw domain::Error::forbidden("Маршрут составляет методист или администрация организации");
    return insert_draft(c, caller, draft, request_id);
  });
  return get_route(app, caller, id);
}

BulkRoutes draft_routes_for_campaign(App& app, const Caller& caller, std::int64_t campaign_id,
                                     const std::string& period_from, const std::string& period_to,
                                     const std::string& request_id) {
  domain::check_period(period_from, period_to, "period_from", "period_to");
  get_campaign(app, caller, campaign_id);  // 404 outside the reading scope
  domain::Scope scope = scope_of(caller, domain::Action::read_diagnostics);
  scope.person.reset();
  if (scope.empty())
    throw domain::Error::forbidden(
        "Черновики маршрутов составляет администрация организации или сопровождающий методист");
  return app.db->write([&](storage::Connection& c) {
    BulkRoutes out;
    // One query picks the campaign's persons who work in the caller's
    // organisations (a region-wide campaign has thousands; the school few),
    // and whether each has a route still in work.
    struct Candidate {
      std::int64_t person;
      bool in_work;
    };
    std::vector<Candidate> candidates;
    storage::Params params{campaign_id};
    c.run("SELECT DISTINCT r.person_id, " + rts::has_route_in_work("r.person_id") +
              " AS in_work FROM diagnostic_results r"
              " JOIN positions ps ON ps.person_id = r.person_id AND " +
              storage::registry::current_workplace("ps") +
              " JOIN organisations o ON o.id = ps.organisation_id"
              " WHERE r.campaign_id = $1 AND (" +
              reg::organisation_scope(scope, params, "o") +
              // A methodist's supported teachers, one by one.
              (scope.persons.empty() ? std::string()
                                     : " OR r.person_id IN " + reg::placeholders<std::int64_t>(params, scope.persons)) +
              ") ORDER BY r.person_id",
          params, [&](const storage::Row& r) {
            candidates.push_back({r.int64("person_id"), r.flag("in_work")});
          });
    const auto today = domain::Date::today();
    for (const auto& [person, in_work] : candidates) {
      if (in_work) {
        ++out.already_have;
        continue;
      }
      if (deficits_of(c, person, today).empty()) {
        ++out.without_deficits;
        continue;
      }
      insert_draft(c, caller, {person, period_from, period_to, "", true}, request_id);
      ++out.created;
    }
    return out;
  });
}

RoutesAwaiting routes_awaiting(App& app, const Caller& caller) {
  const auto scope = scope_of(caller, domain::Action::read_diagnostics);
  RoutesAwaiting out;
  if (scope.organisations.empty()) return out;
  return app.db->read([&](storage::Connection& c) {
    storage::Params params;
    std::vector<std::int64_t> without;
    c.run("SELECT DISTINCT ps.person_id, " + rts::has_route_in_work("ps.person_id") +
              " AS in_work, EXISTS (SELECT 1 FROM routes x WHERE x.person_id = ps.person_id AND x.status = " +
              reg::literal(domain::RouteStatus::draft) +
              " AND x.sent_at IS NULL) AS unsent"
              " FROM positions ps WHERE " +
              storage::registry::current_workplace("ps") + " AND ps.organisation_id IN " +
              reg::placeholders<std::int64_t>(params, scope.organisations) + " ORDER BY ps.person_id",
          params, [&](const storage::Row& r) {
            if (r.flag("unsent") && !out.unsent_drafts++) out.first_unsent_person = r.int64("person_id");
            if (!r.flag("in_work")) without.push_back(r.int64("person_id"));
          });
    const auto today = domain::Date::today();
    for (auto person : without)
      if (!deficits_of(c, person, today).empty()) ++out.without_route;
    return out;
  });
}

namespace {

// The route for print: header lines, then the rows as a table, landscape A4.
ExportFile route_pdf(const rts::Route& r, const std::map<std::string, std::string, std::less<>>& titles) {
  io::PdfDocument pdf(true);
  pdf.title("Индивидуальный образовательный маршрут");
  pdf.paragraph("Педагог: " + r.person_name);
  pdf.paragraph("Период: " + domain::russian_date(r.period_from) + " — " + domain::russian_date(r.period_to));
  if (!r.tutor.empty()) pdf.paragraph("Сопровождающий методист / тьютор: " + r.tutor);
  pdf.paragraph("Статус: " + domain::title_of(domain::route_statuses(), domain::code_of(r.status)));
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : r.rows) {
    auto* activity = domain::find_term(domain::route_activity_kinds(), row.activity);
    auto title = titles.find(row.competency);
    rows.push_back(
        {std::to_string(row.position), title == titles.end() ? "—" : title->second, row.goal,
         std::string(activity ? activity->title : row.activity) + (row.details.empty() ? "" : ": " + row.details),
         row.term, row.expected_result + (row.result_form.empty() ? "" : " (" + row.result_form + ")"),
         row.done ? "да" + (row.evidence.empty() ? std::string() : ": " + row.evidence) : ""});
  }
  pdf.table({"№", "Дефицит", "Цель", "Деятельность", "Срок", "Ожидаемый результат", "Выполнено"},
            {0.4, 2.2, 2.4, 2.6, 1.5, 2.4, 1.6}, rows);
  pdf.paragraph("Педагог ____________________          Методист / тьютор ____________________");
  ExportFile f;
  f.bytes = pdf.finish();
  f.content_type = "application/pdf";
  f.filename = "route-" + std::to_string(r.id) + "-" + domain::Date::today().iso() + ".pdf";
  return f;
}

}  // namespace

ExportFile export_route(App& app, const Caller& caller, std::int64_t id, const std::string& format) {
  const auto r = get_route(app, caller, id);
  std::map<std::string, std::string, std::less<>> titles;
  for (const auto& k : list_competencies(app)) titles.emplace(k.code, k.title);
  if (format == "pdf") return route_pdf(r, titles);
  using io::ColumnKind;
  auto sink = io::make_sink(format, "ИОМ",
                            {{"№", ColumnKind::integer, 5},
                             {"Дефицит", ColumnKind::text, 30},
                             {"Цель", ColumnKind::text, 36},
                             {"Деятельность", ColumnKind::text, 20},
                             {"Что именно", ColumnKind::text, 36},
                             {"Срок", ColumnKind::text, 14},
                             {"Ожидаемый результат", ColumnKind::text, 30},
                             {"Форма представления результата", ColumnKind::text, 28},
                             {"Выполнено", ColumnKind::flag, 11},
                             {"Подтверждение", ColumnKind::text, 30}});
  for (const auto& row : r.rows) {
    auto* activity = domain::find_term(domain::route_activity_kinds(), row.activity);
    sink->row({std::to_string(row.position), row.competency.empty() ? "" : titles[row.competency], row.goal,
               activity ? std::string(activity->title) : row.activity, row.details, row.term, row.expected_result,
               row.result_form, row.done ? "1" : "0", row.evidence});
  }
  return finish_export(*sink, "route-" + std::to_string(r.id), format);
}

PersonRoutes person_routes(App& app, const Caller& caller, std::int64_t person_id) {
  return app.db->read([&](storage::Connection& c) {
    if (!reg::find_person(c, person_id) || !reads_diagnostics_of(c, caller, person_id))
      throw domain::Error::not_found("Маршруты педагога вам недоступны");
    PersonRoutes out{rts::routes_of_person(c, person_id), administers_diagnostics_of(c, caller, person_id)};
    for (auto& r : out.routes) fill_actions(r, actors(caller, r, out.can_draft));
    return out;
  });
}

rts::Route get_route(App& app, const Caller& caller, std::int64_t id) {
  return app.db->read([&](storage::Connection& c) { return standing(c, caller, id).route; });
}

rts::Route update_route_rows(App& app, const Caller& caller, std::int64_t id, std::vector<rts::Row> rows,
                             const std::string& request_id) {
  app.db->write([&](storage::Connection& c) {
    const auto s = standing(c, caller, id);
    const auto& r = s.route;
    if (!s.plays(RouteActor::author) && !s.plays(RouteActor::administrator))
      throw domain::Error::forbidden("Строки маршрута меняет его автор или администрация");
    if (r.status != domain::RouteStatus::draft)
      throw domain::Error::conflict("status", "Менять строки можно только в черновике: верните маршрут на доработку");
    check_rows(c, rows);
    rts::replace_rows(c, id, rows);
    audit_change(c, caller, "update", "route", id, {}, nlohmann::json{{"rows", rows.size()}}.dump(), request_id);
    return 0;
  });
  return get_route(app, caller, id);
}

rts::Route change_route_status(App& app, const Caller& caller, std::int64_t id, domain::RouteStatus to,
                               const std::string& request_id) {
  app.db->write([&](storage::Connection& c) {
    const auto s = standing(c, caller, id);
    const auto& r = s.route;
    const auto from = r.status;
    std::string problem = "Нет прав менять статус этого маршрута";
    for (auto who : s.actors) {
      problem = domain::route_transition_problem(facts_of(r), to, who);
      if (problem.empty()) break;
    }
    if (!problem.empty()) throw domain::Error::validation("status", problem);
    rts::set_status(c, id, to);
    audit_change(c, caller, "status", "route", id, {},
                 nlohmann::json{{"from", domain::code_of(from)}, {"to", domain::code_of(to)}}.dump(), request_id);
    return 0;
  });
  return get_route(app, caller, id);
}

rts::Route send_route(App& app, const Caller& caller, std::int64_t id, const std::string& request_id) {
  app.db->write([&](storage::Connection& c) {
    const auto s = standing(c, caller, id);
    const auto& r = s.route;
    std::string problem = "Отправляет маршрут на согласование его автор или администрация";
    for (auto who : s.actors) {
      problem = domain::route_send_problem(facts_of(r), who);
      if (problem.empty()) break;
    }
    if (!problem.empty()) throw domain::Error::validation("status", problem);
    rts::mark_sent(c, id);
    audit_change(c, caller, "send", "route", id, {}, nlohmann::json{{"rows", r.rows.size()}}.dump(), request_id);
    const std::string who = caller.display_name.empty() ? std::string("Методист") : caller.display_name;
    const auto rows = r.rows.size();
    Notice notice;
    notice.kind = "route";
    notice.title = "Вам составлен индивидуальный образовательный маршрут";
    notice.body = who + " составил(а) для вас ИОМ на " + domain::russian_date(r.period_from) + " — " +
                  domain::russian_date(r.period_to) + " (" + std::to_string(rows) + " " +
                  std::string(domain::plural(rows, "строка", "строки", "строк")) +
                  "). Посмотрите его и согласуйте на своей странице или напишите методисту, что изменить.";
    notice.link = "/";
    notify_person(app, c, r.person_id, notice);
    return 0;
  });
  return get_route(app, caller, id);
}

rts::Route mark_route_row(App& app, const Caller& caller, std::int64_t id, std::int64_t row_id, bool done,
                          const std::string& evidence, const std::string& request_id) {
  if (domain::utf8_length(evidence) > 2000) throw domain::Error::validation("evidence", "Длиннее 2000 символов");
  app.db->write([&](storage::Connection& c) {
    const auto s = standing(c, caller, id);
    const auto& r = s.route;
    if (s.actors.empty()) throw domain::Error::forbidden("Отмечать выполнение может педагог, автор или администрация");
    if (r.status != domain::RouteStatus::in_progress)
      throw domain::Error::conflict("status", "Выполнение отмечается, когда маршрут выполняется");
    if (std::none_of(r.rows.begin(), r.rows.end(), [&](const rts::Row& row) { return row.id == row_id; }))
      throw domain::Error::not_found("Строка маршрута не найдена");
    rts::mark_row(c, id, row_id, done, domain::trim(evidence));
    audit_change(c, caller, "mark", "route", id, {}, nlohmann::json{{"row_id", row_id}, {"done", done}}.dump(),
                 request_id);
    return 0;
  });
  return get_route(app, caller, id);
}

}  // namespace metodist::app
