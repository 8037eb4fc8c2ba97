#include "app/help_requests.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <tuple>

#include "app/notifications.hpp"
#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/help_requests.hpp"
#include "domain/import.hpp"
#include "domain/text.hpp"
#include "storage/keyset.hpp"
#include "storage/registry_repository.hpp"

namespace metodist::app {
namespace {

namespace hp = storage::help_requests;
namespace reg = storage::registry;
using domain::HelpActor;
using domain::HelpStatus;

std::string state_json(const hp::HelpRequest& r) {
  return nlohmann::json{
      {"status", domain::code_of(r.status)},
      {"methodist_person_id", r.methodist_person_id ? nlohmann::json(*r.methodist_person_id) : nlohmann::json()},
      {"response_kind", r.response_kind},
      {"rating", r.rating ? nlohmann::json(*r.rating) : nlohmann::json()}}
      .dump();
}

// The roles the caller plays for this request.
struct Roles {
  bool requester = false, coordinator = false, methodist = false, school = false;
  bool any() const { return requester || coordinator || methodist || school; }
};

// Whether the caller coordinates or administers an organisation; a list asks
// once per organisation, not once per request.
using OrganisationRoles = std::map<std::int64_t, std::pair<bool, bool>>;

Roles roles_for(storage::Connection& c, const Caller& caller, const hp::HelpRequest& r,
                OrganisationRoles* cache = nullptr) {
  Roles roles;
  if (caller.person_id) {
    roles.requester = r.person_id && *r.person_id == *caller.person_id;
    roles.methodist = r.methodist_person_id && *r.methodist_person_id == *caller.person_id;
  }
  const auto cached = cache ? cache->find(r.organisation_id) : OrganisationRoles::iterator{};
  if (cache && cached != cache->end()) {
    std::tie(roles.coordinator, roles.school) = cached->second;
  } else {
    const auto coordinate = scope_of(caller, domain::Action::coordinate_support);
    roles.coordinator = !coordinate.empty() && reg::organisation_visible(c, r.organisation_id, coordinate);
    const auto staff = staff_scope(caller);
    roles.school = !staff.empty() && reg::organisation_visible(c, r.organisation_id, staff);
    if (cache) cache->emplace(r.organisation_id, std::pair{roles.coordinator, roles.school});
  }
  // A school's own request is the school's to close.
  if (!r.person_id && roles.school) roles.requester = true;
  return roles;
}

HelpRequestView view_of(const Roles& roles, hp::HelpRequest r) {
  HelpRequestView v;
  v.overdue = domain::help_overdue(r.status, r.due_on, domain::Date::today());
  auto allowed = [&](HelpStatus to, HelpActor who, bool plays) {
    return plays && domain::help_transition_problem(r.status, to, who).empty();
  };
  v.can_assign = allowed(HelpStatus::assigned, HelpActor::coordinator, roles.coordinator);
  v.can_answer = allowed(HelpStatus::answered, HelpActor::methodist, roles.methodist);
  v.can_close = allowed(HelpStatus::closed, HelpActor::requester, roles.requester);
  v.can_cancel = allowed(HelpStatus::cancelled, HelpActor::requester, roles.requester) ||
                 allowed(HelpStatus::cancelled, HelpActor::coordinator, roles.coordinator);
  v.request = std::move(r);
  return v;
}

// What the caller is to one request: the roles they play for it. One who
// plays none does not see it (404).
struct Standing {
  hp::HelpRequest request;
  Roles roles;
};

Standing standing(storage::Connection& c, const Caller& caller, std::int64_t id) {
  auto r = hp::find_request(c, id);
  if (!r) throw domain::Error::not_found("Запрос не найден");
  Standing s{std::move(*r), {}};
  s.roles = roles_for(c, caller, s.request);
  if (!s.roles.any()) throw domain::Error::not_found("Запрос не найден");
  return s;
}

// Applies a move for the first role the caller plays that allows it.
// Refuses with 403 when the caller plays none of the roles, 409 when the
// request's state does not allow the move.
void require_move(const hp::HelpRequest& r, HelpStatus to, std::initializer_list<std::pair<HelpActor, bool>> plays,
                  const char* who_may) {
  std::string problem;
  for (const auto& [who, yes] : plays) {
    if (!yes) continue;
    problem = domain::help_transition_problem(r.status, to, who);
    if (problem.empty()) return;
  }
  if (problem.empty()) throw domain::Error::forbidden(who_may);
  throw domain::Error::conflict("status", problem);
}

// One change of a request: checked, written, audited, told, as one transaction.
template <class F>
HelpRequestView change(App& app, const Caller& caller, std::int64_t id, const std::string& request_id, F&& f) {
  return app.db->write([&](storage::Connection& c) {
    const auto s = standing(c, caller, id);
    hp::HelpRequest after = s.request;
    f(c, s.roles, after);
    hp::update_request(c, after);
    audit_change(c, caller, "update", "help_request", id, state_json(s.request), state_json(after), request_id);
    return view_of(s.roles, *hp::find_request(c, id));
  });
}

std::string link_of(std::int64_t id) { return "/help/" + std::to_string(id); }

// Tells the one who asked: the person, or the school's administration.
void tell_requester(const App& app, storage::Connection& c, const hp::HelpRequest& r, const Notice& n) {
  if (r.person_id)
    notify_person(app, c, *r.person_id, n);
  else
    notify_role_over(app, c, "school_admin", r.organisation_id, n);
}

}  // namespace

hp::HelpRequest create_help_request(App& app, const Caller& caller, const NewHelpRequest& in,
                                    const std::string& request_id) {
  hp::HelpRequest r;
  r.topic = domain::trim(in.topic);
  r.subject_area = in.subject_area;
  r.description = domain::trim(in.description);
  r.urgency = in.urgency.empty() ? "normal" : in.urgency;
  // Every field to correct at once, under its own field in the form.
  domain::Problems problems;
  if (r.topic.empty()) problems.add("topic", "Кратко опишите, с чем нужна помощь");
  if (domain::utf8_length(r.topic) > 300) problems.add("topic", "Тема длиннее 300 символов");
  if (domain::utf8_length(r.description) > 5000) problems.add("description", "Описание длиннее 5000 символов");
  if (!domain::find_term(domain::help_urgencies(), r.urgency))
    problems.add("urgency", "Срочность: " + domain::allowed_titles(domain::help_urgencies()));
  if (!r.subject_area.empty() && !domain::find_term(domain::subject_areas(), r.subject_area))
    problems.add("subject_area", "Предметная область не из справочника");
  problems.raise();
  const auto today = domain::Date::today();
  r.status = HelpStatus::fresh;
  r.due_on = domain::help_due_on(r.urgency, today).iso();
  if (caller.account_id) r.created_by = caller.account_id;
  const auto id = app.db->write([&](storage::Connection& c) {
    if (in.organisation_id) {
      const auto staff = staff_scope(caller);
      if (!reg::find_organisation(c, *in.organisation_id))
        throw domain::Error::validation("organisation_id", "Организация не найдена");
      if (staff.empty() || !reg::organisation_visible(c, *in.organisation_id, staff))
        throw domain::Error::forbidden("Запрос от организации подаёт её администрация", "organisation_id");
      r.organisation_id = *in.organisation_id;
    } else {
      if (!caller.person_id)
        throw domain::Error::validation(
            "organisation_id", "Учётная запись не связана с педагогом: укажите организацию, от которой запрос");
      const auto places = reg::positions_of(c, *caller.person_id);
      for (const auto& p : places)
        if (domain::is_current(p.position, domain::Date::today())) {
          r.organisation_id = p.position.organisation_id;
          break;
        }
      if (!r.organisation_id) throw domain::Error::validation("organisation_id", "У вас нет текущего места работы");
      r.person_id = caller.person_id;
    }
    const auto id = hp::insert_request(c, r);
    audit_change(c, caller, "create", "help_request", id, {}, state_json(r), request_id);
    notify_role_over(app, c, "municipal_coordinator", r.organisation_id,
                     {"help_request",
                      "Новый запрос методической помощи: «" + r.topic + "»",
                      r.urgency == "urgent" ? "Срочный: ответ до " + r.due_on : "Ответ до " + r.due_on,
                      link_of(id),
                      {}});
    return id;
  });
  return app.db->read([&](storage::Connection& c) { return *hp::find_request(c, id); });
}

namespace {

// The requests a caller sees: their own and those assigned to them; a
// coordinator's territory; a school administration's school.
hp::Visibility visibility_of(const Caller& caller) {
  hp::Visibility v;
  v.person = caller.person_id;
  const auto coordinate = scope_of(caller, domain::Action::coordinate_support);
  const auto staff = staff_scope(caller);
  v.organisations = coordinate;
  if (!coordinate.everything)
    for (auto o : staff.organisations) v.organisations.organisations.push_back(o);
  v.organisations.person.reset();
  return v;
}

}  // namespace

HelpWaiting help_waiting(App& app, const Caller& caller) {
  hp::RequestFilter f;
  f.today = domain::Date::today().iso();
  HelpWaiting w;
  // To be assigned by the caller: new ones where they coordinate (what
  // HelpRequestView::can_assign says of each, counted in SQL).
  hp::Visibility coordinated;
  coordinated.organisations = scope_of(caller, domain::Action::coordinate_support);
  coordinated.organisations.person.reset();
  const bool may_assign =
      domain::help_transition_problem(HelpStatus::fresh, HelpStatus::assigned, HelpActor::coordinator).empty();
  app.db->read([&](storage::Connection& c) {
    if (may_assign && !coordinated.organisations.empty()) {
      f.status = std::string(domain::code_of(HelpStatus::fresh));
      const auto t = hp::tally_requests(c, f, coordinated);
      w.unassigned = t.count;
      w.unassigned_due = t.earliest_due;
    }
    f.status = "overdue";
    const auto t = hp::tally_requests(c, f, visibility_of(caller));
    w.overdue = t.count;
    w.overdue_due = t.earliest_due;
  });
  return w;
}

HelpRequestPage list_help_requests(App& app, const Caller& caller, const hp::RequestFilter& filter) {
  hp::RequestFilter f = filter;
  f.today = domain::Date::today().iso();
  if (!f.status.empty() && f.status != "open" && f.status != "overdue" &&
      !domain::value_in<HelpStatus>(domain::help_statuses(), f.status))
    throw domain::Error::validation("status", "Статус: open, overdue или один из статусов запроса");
  const auto v = visibility_of(caller);
  return app.db->read([&](storage::Connection& c) {
    HelpRequestPage page;
    OrganisationRoles known;
    for (auto& r : hp::list_requests(c, f, v))
      page.items.push_back(view_of(roles_for(c, caller, r, &known), std::move(r)));
    // A page shorter than asked ends the list; a full one may have more behind it.
    const auto told = storage::keyset::length_told_by_page(static_cast<std::int64_t>(f.offset), page.items.size(),
                                                           page.items.size() == f.limit);
    page.total = told ? *told : hp::tally_requests(c, f, v).count;
    return page;
  });
}

HelpRequestView get_help_request(App& app, const Caller& caller, std::int64_t id) {
  return app.db->read([&](storage::Connection& c) {
    auto s = standing(c, caller, id);
    return view_of(s.roles, std::move(s.request));
  });
}

std::vector<hp::Methodist> help_request_methodists(App& app, const Caller& caller, std::int64_t id) {
  return app.db->read([&](storage::Connection& c) {
    const auto s = standing(c, caller, id);
    if (!s.roles.coordinator) throw domain::Error::forbidden("Методиста назначает муниципальная методическая служба");
    return hp::methodists_for(c, s.request.organisation_id);
  });
}

HelpRequestView assign_help_request(App& app, const Caller& caller, std::int64_t id, std::int64_t methodist,
                                    const std::string& request_id) {
  return change(app, caller, id, request_id, [&](storage::Connection& c, const Roles& roles, hp::HelpRequest& r) {
    require_move(r, HelpStatus::assigned, {{HelpActor::coordinator, roles.coordinator}},
                 "Методиста назначает муниципальная методическая служба");
    bool eligible = false;
    for (const auto& m : hp::methodists_for(c, r.organisation_id)) eligible |= m.person_id == methodist;
    if (!eligible)
      throw domain::Error::validation("methodist_person_id",
                                      "Этот человек не методист территории, к которой относится организация");
    r.status = HelpStatus::assigned;
    r.methodist_person_id = methodist;
    r.assigned_at = domain::utc_timestamp_now();
    notify_person(app, c, methodist,
                  {"assignment",
                   "Вам назначен запрос: «" + r.topic + "»",
                   r.organisation_name + ". Ответ до " + r.due_on,
                   link_of(id),
                   {}});
    tell_requester(app, c, r,
                   {"assigned", "По вашему запросу назначен методист", "«" + r.topic + "»", link_of(id), {}});
  });
}

HelpRequestView answer_help_request(App& app, const Caller& caller, std::int64_t id, const std::string& kind,
                                    const std::string& response, const std::string& request_id) {
  const auto text = domain::trim(response);
  if (!domain::find_term(domain::help_response_kinds(), kind))
    throw domain::Error::validation("response_kind", "Вид помощи: answer, consultation или visit");
  if (text.empty()) throw domain::Error::validation("response", "Опишите ответ или проведённую консультацию");
  if (domain::utf8_length(text) > 10000) throw domain::Error::validation("response", "Ответ длиннее 10000 символов");
  return change(app, caller, id, request_id, [&](storage::Connection& c, const Roles& roles, hp::HelpRequest& r) {
    require_move(r, HelpStatus::answered, {{HelpActor::methodist, roles.methodist}}, "Ответ даёт назначенный методист");
    r.status = HelpStatus::answered;
    r.response_kind = kind;
    r.response = text;
    r.answered_at = domain::utc_timestamp_now();
    tell_requester(app, c, r,
                   {"answer",
                    "Ответ на запрос «" + r.topic + "»",
                    "Закройте запрос и оцените помощь, или верните его, если вопрос не решён",
                    link_of(id),
                    {}});
  });
}

HelpRequestView close_help_request(App& app, const Caller& caller, std::int64_t id, int rating,
                                   const std::string& comment, const std::string& request_id) {
  if (rating < 1 || rating > 5) throw domain::Error::validation("rating", "Оценка — от 1 до 5");
  return change(app, caller, id, request_id, [&](storage::Connection&, const Roles& roles, hp::HelpRequest& r) {
    require_move(r, HelpStatus::closed, {{HelpActor::requester, roles.requester}},
                 "Закрывает запрос тот, кто его подал");
    r.status = HelpStatus::closed;
    r.rating = rating;
    r.rating_comment = domain::trim(comment);
    r.closed_at = domain::utc_timestamp_now();
  });
}

HelpRequestView reopen_help_request(App& app, const Caller& caller, std::int64_t id, const std::string& comment,
                                    const std::string& request_id) {
  const auto why = domain::trim(comment);
  if (why.empty()) throw domain::Error::validation("comment", "Напишите, что осталось нерешённым");
  return change(app, caller, id, request_id, [&](storage::Connection& c, const Roles& roles, hp::HelpRequest& r) {
    require_move(r, HelpStatus::assigned, {{HelpActor::requester, roles.requester}},
                 "Вернуть запрос в работу может тот, кто его подал");
    r.status = HelpStatus::assigned;
    r.rating_comment = why;
    // A new term from today: the methodist gets the full time again.
    r.due_on = domain::help_due_on(r.urgency, domain::Date::today()).iso();
    if (r.methodist_person_id)
      notify_person(app, c, *r.methodist_person_id,
                    {"reopened", "Запрос «" + r.topic + "» возвращён в работу", why, link_of(id), {}});
  });
}

HelpRequestView cancel_help_request(App& app, const Caller& caller, std::int64_t id, const std::string& request_id) {
  return change(app, caller, id, request_id, [&](storage::Connection&, const Roles& roles, hp::HelpRequest& r) {
    require_move(r, HelpStatus::cancelled,
                 {{HelpActor::requester, roles.requester}, {HelpActor::coordinator, roles.coordinator}},
                 "Отозвать запрос может заявитель или координатор");
    r.status = HelpStatus::cancelled;
    r.closed_at = domain::utc_timestamp_now();
  });
}

std::vector<hp::MunicipalityStats> help_statistics(App& app, const Caller& caller, const std::string& from,
                                                   const std::string& to) {
  const auto scope = require_scope(caller, domain::Action::coordinate_support, "статистика запросов");
  domain::check_period(from, to, "from", "to");
  return app.db->read([&](storage::Connection& c) {
    return hp::stats_by_municipality(c, scope, from, to, domain::Date::today().iso());
  });
}

}  // namespace metodist::app
