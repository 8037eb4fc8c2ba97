#include "app/events.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "app/diagnostics.hpp"
#include "app/notifications.hpp"
#include "domain/error.hpp"
#include "domain/import.hpp"
#include "domain/text.hpp"
#include "io/table_writer.hpp"
#include "storage/competency_tags.hpp"
#include "storage/registry_repository.hpp"

namespace metodist::app {
namespace {

namespace ev = storage::events;
namespace reg = storage::registry;

std::string event_json(const ev::Event& e) {
  return nlohmann::json{{"kind", e.kind},
                        {"title", e.title},
                        {"level", e.level},
                        {"starts_at", e.starts_at},
                        {"ends_at", e.ends_at},
                        {"format", e.format},
                        {"place", e.place},
                        {"status", domain::code_of(e.status)},
                        {"capacity", e.capacity ? *e.capacity : 0},
                        {"competencies", e.competencies}}
      .dump();
}

// The caller holds events here: an administered territory covering it, or
// the organiser's own organisation.

// The caller is the person or administers their workplace.
bool acts_for(storage::Connection& c, const Caller& caller, std::int64_t person_id) {
  if (caller.person_id && *caller.person_id == person_id) return true;
  const auto staff = staff_scope(caller);
  return !staff.empty() && reg::person_in_scope(c, person_id, staff);
}

// What the caller is to one event. Every role of its territory sees it (404
// otherwise); its organiser manages it.
struct Standing {
  ev::Event event;
  bool organiser = false;
};

Standing standing(storage::Connection& c, const Caller& caller, std::int64_t id) {
  auto e = ev::find_event(c, id);
  if (!e || !reg::territory_visible(c, e->territory_id, scope_of(caller, domain::Action::read_registry)))
    throw domain::Error::not_found("Мероприятие не найдено");
  return {*e, organises_event(c, caller, *e)};
}

// The event, when the caller organises it; 403 otherwise.
ev::Event require_organiser(const Standing& s) {
  if (!s.organiser) throw domain::Error::forbidden("Это может только организатор мероприятия");
  return s.event;
}

domain::EventDraft draft_of(const ev::Event& e) {
  return {e.kind, e.title, e.level, e.starts_at, e.ends_at, e.format, e.place, e.audience, e.capacity};
}

void tidy(ev::Event& e) {
  e.title = domain::trim(e.title);
  e.description = domain::trim(e.description);
  e.place = domain::trim(e.place);
  std::sort(e.audience.begin(), e.audience.end());
  e.audience.erase(std::unique(e.audience.begin(), e.audience.end()), e.audience.end());
  domain::check_event(draft_of(e));
}

std::string when(const ev::Event& e) { return domain::russian_date_time(e.starts_at); }

}  // namespace

bool organises_event(storage::Connection& c, const Caller& caller, const ev::Event& e) {
  const auto scope = scope_of(caller, domain::Action::organise_events);
  if (scope.empty()) return false;
  if (e.organisation_id && std::find(scope.organisations.begin(), scope.organisations.end(), *e.organisation_id) !=
                               scope.organisations.end())
    return true;
  return reg::territory_covered(c, e.territory_id, scope);
}

void check_link(const std::string& url, const char* field) {
  if (!(url.starts_with("https://") || url.starts_with("http://")) || url.size() < 11 ||
      url.find_first_of(" \t\r\n\"<>") != std::string::npos)
    throw domain::Error::validation(field, "Ссылка должна начинаться с https:// или http:// и не содержать пробелов");
  if (url.size() > 2000) throw domain::Error::validation(field, "Ссылка длиннее 2000 символов");
}

std::vector<ev::Event> list_events(App& app, const Caller& caller, const ev::EventFilter& f) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  if (!f.from.empty() && !domain::Date::parse_iso(f.from)) throw domain::Error::validation("from", "Дата — ГГГГ-ММ-ДД");
  if (!f.to.empty() && !domain::Date::parse_iso(f.to)) throw domain::Error::validation("to", "Дата — ГГГГ-ММ-ДД");
  return app.db->read([&](storage::Connection& c) { return ev::list_events(c, f, scope); });
}

EventCard get_event(App& app, const Caller& caller, std::int64_t id) {
  return app.db->read([&](storage::Connection& c) {
    EventCard card;
    const auto s = standing(c, caller, id);
    card.event = s.event;
    card.materials = ev::materials_of(c, id);
    card.can_manage = s.organiser;
    if (caller.person_id) card.mine = ev::find_registration(c, id, *caller.person_id);
    if (card.can_manage) {
      std::vector<domain::FeedbackAnswer> answers;
      for (const auto& r : ev::registrations_of(c, id)) {
        if (r.rating_useful && r.rating_organisation) answers.push_back({*r.rating_useful, *r.rating_organisation});
        if (!r.feedback_comment.empty()) card.comments.push_back(r.feedback_comment);  // anonymous to the organiser
      }
      card.feedback = domain::summarise_feedback(answers);
    }
    return card;
  });
}

std::int64_t create_event(App& app, const Caller& caller, ev::Event draft, const std::string& request_id) {
  require_scope(caller, domain::Action::organise_events, "проведение мероприятий");
  draft.status = domain::EventStatus::planned;
  tidy(draft);
  return app.db->write([&](storage::Connection& c) {
    if (draft.organisation_id) {
      auto o = reg::find_organisation(c, *draft.organisation_id);
      if (!o) throw domain::Error::validation("organisation_id", "Организация не найдена");
      draft.territory_id = o->territory_id;
    } else if (!reg::find_territory(c, draft.territory_id)) {
      throw domain::Error::validation("territory_id", "Укажите территорию или организацию-организатора");
    }
    if (!organises_event(c, caller, draft))
      throw domain::Error::forbidden("Мероприятия здесь проводят не в ваших полномочиях",
                                     draft.organisation_id ? "organisation_id" : "territory_id");
    const auto id = ev::insert_event(c, draft, caller.account_id ? std::optional(caller.account_id) : std::nullopt);
    storage::tags::replace(c, storage::tags::Tagged::event, id, competency_ids(c, draft.competencies));
    audit_change(c, caller, "create", "event", id, {}, event_json(draft), request_id);
    return id;
  });
}

ev::Event update_event(App& app, const Caller& caller, std::int64_t id, ev::Event draft, const std::string& request_id,
                       bool competencies_given) {
  tidy(draft);
  return app.db->write([&](storage::Connection& c) {
    const auto before = require_organiser(standing(c, caller, id));
    if (draft.capacity && *draft.capacity < before.registered)
      throw domain::Error::validation(
          "capacity", "Уже зарегистрировано " + std::to_string(before.registered) + ": мест не может быть меньше");
    ev::Event after = before;
    after.kind = draft.kind;
    after.title = draft.title;
    after.description = draft.description;
    after.level = draft.level;
    after.starts_at = draft.starts_at;
    after.ends_at = draft.ends_at;
    after.format = draft.format;
    after.place = draft.place;
    after.audience = draft.audience;
    after.capacity = draft.capacity;
    after.status = draft.status;
    if (competencies_given) after.competencies = draft.competencies;
    ev::update_event(c, after);
    storage::tags::replace(c, storage::tags::Tagged::event, id, competency_ids(c, after.competencies));
    audit_change(c, caller, "update", "event", id, event_json(before), event_json(after), request_id);
    const bool cancelled =
        before.status != domain::EventStatus::cancelled && after.status == domain::EventStatus::cancelled;
    const bool moved = before.starts_at != after.starts_at || before.place != after.place;
    if (cancelled || (moved && after.status == domain::EventStatus::planned))
      for (const auto& r : ev::registrations_of(c, id))
        notify_person(app, c, r.person_id,
                      cancelled
                          ? Notice{"cancelled",
                                   "Мероприятие «" + after.title + "» отменено",
                                   {},
                                   "/events/" + std::to_string(id),
                                   {}}
                          : Notice{"changed",
                                   "Изменилось мероприятие «" + after.title + "»",
                                   "Начало: " + when(after) + (after.place.empty() ? "" : ". Место: " + after.place),
                                   "/events/" + std::to_string(id),
                                   {}});
    return *ev::find_event(c, id);
  });
}

ev::Registration register_for_event(App& app, const Caller& caller, std::int64_t event_id, std::int64_t person_id,
                                    const std::string& request_id) {
  return app.db->write([&](storage::Connection& c) {
    const auto s = standing(c, caller, event_id);
    const auto& e = s.event;
    if (!reg::find_person(c, person_id)) throw domain::Error::validation("person_id", "Педагог не найден");
    // The organiser of an event that already took place records who was on its
    // list (history brought in after the fact); everyone else registers ahead.
    const bool past = domain::local_minute_now() >= e.starts_at;
    const bool recording_history = past && s.organiser;
    if (!acts_for(c, caller, person_id) && !recording_history)
      throw domain::Error::forbidden("Зарегистрировать может сам педагог или администрация его организации");
    if (ev::find_registration(c, event_id, person_id))
      throw domain::Error::conflict("person_id", "Педагог уже зарегистрирован");
    if (recording_history && e.status == domain::EventStatus::cancelled)
      throw domain::Error::conflict("event_id", "Мероприятие отменено");
    const auto problem = domain::registration_problem(e.status == domain::EventStatus::cancelled, e.starts_at,
                                                      domain::local_minute_now(), e.capacity, e.registered);
    if (!problem.empty() && !recording_history) throw domain::Error::conflict("event_id", problem);
    const auto id = ev::insert_registration(c, event_id, person_id);
    audit_change(c, caller, "create", "event_registration", id, {},
                 nlohmann::json{{"event_id", event_id}, {"person_id", person_id}}.dump(), request_id);
    notify_person(app, c, person_id,
                  {"registration",
                   "Вы зарегистрированы: «" + e.title + "»",
                   "Начало: " + when(e) + (e.place.empty() ? "" : ". Место: " + e.place),
                   "/events/" + std::to_string(event_id),
                   {}});
    return *ev::find_registration(c, event_id, person_id);
  });
}

void cancel_registration(App& app, const Caller& caller, std::int64_t event_id, std::int64_t person_id,
                         const std::string& request_id) {
  app.db->write([&](storage::Connection& c) {
    const auto s = standing(c, caller, event_id);
    const auto& e = s.event;
    const auto r = ev::find_registration(c, event_id, person_id);
    if (!r) throw domain::Error::not_found("Регистрация не найдена");
    if (!acts_for(c, caller, person_id) && !s.organiser)
      throw domain::Error::forbidden("Отменить регистрацию может сам педагог, его организация или организатор");
    if (domain::local_minute_now() >= e.starts_at)
      throw domain::Error::conflict("event_id", "Мероприятие уже началось: регистрацию не отменить");
    ev::delete_registration(c, r->id);
    audit_change(c, caller, "delete", "event_registration", r->id,
                 nlohmann::json{{"event_id", event_id}, {"person_id", person_id}}.dump(), {}, request_id);
  });
}

std::vector<ev::Registration> event_participants(App& app, const Caller& caller, std::int64_t event_id) {
  return app.db->read([&](storage::Connection& c) {
    require_organiser(standing(c, caller, event_id));
    auto list = ev::registrations_of(c, event_id);
    // The organiser sees who came and the marks' summary, not who gave which mark.
    for (auto& r : list) {
      r.rating_useful.reset();
      r.rating_organisation.reset();
      r.feedback_comment.clear();
    }
    return list;
  });
}

void mark_attendance(App& app, const Caller& caller, std::int64_t event_id,
                     const std::vector<std::pair<std::int64_t, std::optional<bool>>>& marks,
                     const std::string& request_id) {
  app.db->write([&](storage::Connection& c) {
    const auto e = require_organiser(standing(c, caller, event_id));
    if (domain::local_minute_now() < e.starts_at)
      throw domain::Error::conflict("event_id", "Участие отмечают после начала мероприятия");
    nlohmann::json changed = nlohmann::json::array();
    for (const auto& [person, came] : marks) {
      auto r = ev::find_registration(c, event_id, person);
      // Someone who came without registering (or a list brought in after the
      // event) is added by the organiser's mark.
      if (!r && came.value_or(false)) {
        if (!reg::find_person(c, person))
          throw domain::Error::validation("marks", "Педагог " + std::to_string(person) + " не найден в реестре");
        ev::insert_registration(c, event_id, person);
        r = ev::find_registration(c, event_id, person);
      }
      if (!r) throw domain::Error::validation("marks", "Педагог " + std::to_string(person) + " не зарегистрирован");
      ev::set_attended(c, r->id, came);
      changed.push_back({{"person_id", person}, {"attended", came ? nlohmann::json(*came) : nlohmann::json()}});
    }
    audit_change(c, caller, "update", "event_attendance", event_id, {}, changed.dump(), request_id);
  });
}

void leave_feedback(App& app, const Caller& caller, std::int64_t event_id, int useful, int organisation,
                    const std::string& comment, const std::string& request_id) {
  if (useful < 1 || useful > 5) throw domain::Error::validation("useful", "Оценка пользы — от 1 до 5");
  if (organisation < 1 || organisation > 5)
    throw domain::Error::validation("organisation", "Оценка организации — от 1 до 5");
  const auto text = domain::trim(comment);
  if (domain::utf8_length(text) > 2000) throw domain::Error::validation("comment", "Отзыв длиннее 2000 символов");
  if (!caller.person_id)
    throw domain::Error::forbidden("Отзыв оставляет участник: учётная запись не связана с педагогом");
  app.db->write([&](storage::Connection& c) {
    const auto e = standing(c, caller, event_id).event;
    const auto r = ev::find_registration(c, event_id, *caller.person_id);
    if (!r) throw domain::Error::forbidden("Отзыв оставляют зарегистрированные участники");
    const auto problem = domain::feedback_problem(e.starts_at, domain::local_minute_now(), r->attended);
    if (!problem.empty()) throw domain::Error::conflict("event_id", problem);
    ev::set_feedback(c, r->id, useful, organisation, text);
    audit_change(c, caller, "update", "event_feedback", r->id, {},
                 nlohmann::json{{"useful", useful}, {"organisation", organisation}}.dump(), request_id);
  });
}

ev::Material add_event_material(App& app, const Caller& caller, std::int64_t event_id, const std::string& title,
                                const std::string& url, const std::string& request_id) {
  ev::Material m{0, event_id, domain::trim(title), domain::trim(url), {}};
  if (m.title.empty()) throw domain::Error::validation("title", "Укажите название материала");
  check_link(m.url, "url");
  return app.db->write([&](storage::Connection& c) {
    require_organiser(standing(c, caller, event_id));
    m.id = ev::insert_material(c, m);
    audit_change(c, caller, "create", "event_material", m.id, {},
                 nlohmann::json{{"event_id", event_id}, {"title", m.title}, {"url", m.url}}.dump(), request_id);
    return ev::materials_of(c, event_id).back();
  });
}

ExportFile export_events(App& app, const Caller& caller, const ev::EventFilter& f, const std::string& format) {
  using io::ColumnKind;
  auto events = list_events(app, caller, f);
  auto sink = io::make_sink(format, "Мероприятия",
                            {{"Начало", ColumnKind::text, 17},
                             {"Окончание", ColumnKind::text, 17},
                             {"Вид", ColumnKind::text, 20},
                             {"Название", ColumnKind::text, 50},
                             {"Уровень", ColumnKind::text, 16},
                             {"Формат", ColumnKind::text, 14},
                             {"Место или ссылка", ColumnKind::text, 30},
                             {"Организатор", ColumnKind::text, 30},
                             {"Для кого", ColumnKind::text, 30},
                             {"Мест", ColumnKind::integer, 8},
                             {"Зарегистрировано", ColumnKind::integer, 10},
                             {"Участвовало", ColumnKind::integer, 10},
                             {"Статус", ColumnKind::text, 12}});
  using domain::title_of;
  for (const auto& e : events) {
    std::string audience;
    for (const auto& a : e.audience)
      audience += (audience.empty() ? "" : ", ") + title_of(domain::event_audiences(), a);
    sink->row({e.starts_at.substr(0, 10) + " " + e.starts_at.substr(11),
               e.ends_at.substr(0, 10) + " " + e.ends_at.substr(11), title_of(domain::event_kinds(), e.kind), e.title,
               title_of(domain::event_levels(), e.level), title_of(domain::event_formats(), e.format), e.place,
               e.organisation_name.empty() ? e.territory_name : e.organisation_name, audience,
               e.capacity ? std::to_string(*e.capacity) : "", std::to_string(e.registered), std::to_string(e.attended),
               title_of(domain::event_statuses(), domain::code_of(e.status))});
  }
  return finish_export(*sink, "events", format);
}

}  // namespace metodist::app
