// Events: the calendar, organising, registration, attendance, materials, feedback.
#include "app/events.hpp"
#include "http/handlers.hpp"
#include "http/json.hpp"

namespace metodist::http::handlers {
namespace {

namespace ev = storage::events;

void write_event(JsonWriter& w, const ev::Event& e) {
  w.begin_object()
      .field("id", e.id)
      .field("kind", e.kind)
      .field("title", e.title)
      .field("description", e.description)
      .field("level", e.level)
      .field("territory_id", e.territory_id)
      .field("territory_name", e.territory_name)
      .key("organisation_id")
      .id_or_null(e.organisation_id)
      .key("organisation_name")
      .text_or_null(e.organisation_name)
      .field("starts_at", e.starts_at)
      .field("ends_at", e.ends_at)
      .field("format", e.format)
      .field("place", e.place)
      .key("capacity")
      .id_or_null(e.capacity)
      .field("status", domain::code_of(e.status))
      .field("registered", e.registered)
      .field("attended", e.attended);
  w.key("audience").begin_array();
  for (const auto& a : e.audience) w.value(a);
  w.end_array().key("competencies").begin_array();
  for (const auto& k : e.competencies) w.value(k);
  w.end_array().end_object();
}

void write_registration(JsonWriter& w, const ev::Registration& g) {
  w.begin_object()
      .field("id", g.id)
      .field("event_id", g.event_id)
      .field("person_id", g.person_id)
      .field("person_name", g.person_name)
      .field("organisation_name", g.organisation_name)
      .field("registered_at", g.registered_at)
      .key("attended");
  if (g.attended)
    w.value(*g.attended);
  else
    w.null();
  w.field("feedback_given", !g.feedback_at.empty()).end_object();
}

void write_material(JsonWriter& w, const ev::Material& m) {
  w.begin_object()
      .field("id", m.id)
      .field("title", m.title)
      .field("url", m.url)
      .field("added_at", m.added_at)
      .end_object();
}

ev::Event event_from_body(const Json& body) {
  const BodyReader b(body);
  ev::Event e;
  // Missing ones are named together by domain::check_event, each under its field.
  e.kind = b.optional_text("kind", 32);
  e.title = b.optional_text("title", 2000);
  e.description = b.optional_text("description", 10000);
  e.level = b.optional_text("level", 32);
  e.starts_at = b.optional_text("starts_at", 16);
  e.ends_at = b.optional_text("ends_at", 16);
  e.format = b.optional_text("format", 32);
  e.place = b.optional_text("place", 2000);
  e.audience = b.string_list("audience", 32);
  e.competencies = b.string_list("competencies", 64);
  e.capacity = b.optional_integer("capacity", 1, 1'000'000);
  e.organisation_id = b.optional_id("organisation_id");
  if (const auto t = b.optional_id("territory_id")) e.territory_id = *t;
  if (b.has("status")) e.status = b.required_value<domain::EventStatus>("status", domain::event_statuses());
  return e;
}

ev::EventFilter filter_of(const Request& r) {
  const QueryReader q(r);
  ev::EventFilter f;
  f.from = q.text("from", 10);
  f.to = q.text("to", 10);
  f.kind = q.term("kind", domain::event_kinds());
  f.level = q.term("level", domain::event_levels());
  f.query = q.text("q", 200);
  f.territory_id = q.id("territory_id");
  if (q.boolean("mine").value_or(false)) {
    if (!r.caller->person_id) throw domain::Error::validation("mine", "Учётная запись не связана с педагогом");
    f.person_id = r.caller->person_id;
  }
  return f;
}

Response card_response(const app::EventCard& card, int status) {
  JsonWriter w;
  w.begin_object().key("event");
  write_event(w, card.event);
  w.field("can_manage", card.can_manage).key("materials").begin_array();
  for (const auto& m : card.materials) write_material(w, m);
  w.end_array().key("my_registration");
  if (card.mine) {
    w.begin_object().field("registered_at", card.mine->registered_at).key("attended");
    if (card.mine->attended)
      w.value(*card.mine->attended);
    else
      w.null();
    w.field("feedback_given", !card.mine->feedback_at.empty()).end_object();
  } else {
    w.null();
  }
  w.key("feedback");
  if (card.feedback) {
    const auto& f = *card.feedback;
    w.begin_object()
        .field("answers", f.answers)
        .field("useful_average", f.useful_average)
        .field("organisation_average", f.organisation_average);
    w.key("useful_counts").begin_array();
    for (auto n : f.useful_counts) w.value(n);
    w.end_array().key("organisation_counts").begin_array();
    for (auto n : f.organisation_counts) w.value(n);
    w.end_array().key("comments").begin_array();
    for (const auto& c : card.comments) w.value(c);
    w.end_array().end_object();
  } else {
    w.null();
  }
  w.end_object();
  return json_response(status, std::move(w));
}

}  // namespace

Response list_events(const Request& r, Context& ctx) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& e : app::list_events(ctx.app, *r.caller, filter_of(r))) write_event(w, e);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response export_events(const Request& r, Context& ctx) {
  return file_response(app::export_events(ctx.app, *r.caller, filter_of(r), file_format(QueryReader(r))));
}

Response get_event(const Request& r, Context& ctx) {
  return card_response(app::get_event(ctx.app, *r.caller, r.id()), 200);
}

Response create_event(const Request& r, Context& ctx) {
  const auto id = app::create_event(ctx.app, *r.caller, event_from_body(parse_object_body(r)), r.request_id);
  auto resp = card_response(app::get_event(ctx.app, *r.caller, id), 201);
  resp.headers.emplace_back("Location", "/api/v1/events/" + std::to_string(id));
  return resp;
}

Response update_event(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  auto draft = event_from_body(body);
  app::update_event(ctx.app, *r.caller, r.id(), std::move(draft), r.request_id, BodyReader(body).has("competencies"));
  return card_response(app::get_event(ctx.app, *r.caller, r.id()), 200);
}

Response list_event_registrations(const Request& r, Context& ctx) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& g : app::event_participants(ctx.app, *r.caller, r.id())) write_registration(w, g);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response create_event_registration(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  auto person = BodyReader(body).optional_id("person_id");
  if (!person) person = r.caller->person_id;
  if (!person) throw domain::Error::validation("person_id", "Укажите, кого регистрировать");
  JsonWriter w;
  write_registration(w, app::register_for_event(ctx.app, *r.caller, r.id(), *person, r.request_id));
  return json_response(201, std::move(w));
}

Response delete_event_registration(const Request& r, Context& ctx) {
  app::cancel_registration(ctx.app, *r.caller, r.id(0), r.id(1), r.request_id);
  return no_content();
}

Response mark_event_attendance(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const auto it = body.find("marks");
  if (it == body.end() || !it->is_array() || it->empty())
    throw domain::Error::validation("marks", "Передайте список отметок: [{person_id, attended}]");
  std::vector<std::pair<std::int64_t, std::optional<bool>>> marks;
  for (const auto& m : *it) {
    if (!m.is_object()) throw domain::Error::validation("marks", "Отметка — объект {person_id, attended}");
    const BodyReader b(m);
    const auto person = b.required_id("person_id");
    const auto attended = m.find("attended");
    if (attended == m.end() || !(attended->is_boolean() || attended->is_null()))
      throw domain::Error::validation("marks", "attended — true, false или null");
    marks.emplace_back(person, attended->is_null() ? std::nullopt : std::optional<bool>(attended->get<bool>()));
  }
  app::mark_attendance(ctx.app, *r.caller, r.id(), marks, r.request_id);
  return list_event_registrations(r, ctx);
}

Response leave_event_feedback(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  const auto useful = b.optional_integer("useful", 1, 5);
  const auto organisation = b.optional_integer("organisation", 1, 5);
  if (!useful) throw domain::Error::validation("useful", "Оцените пользу от 1 до 5");
  if (!organisation) throw domain::Error::validation("organisation", "Оцените организацию от 1 до 5");
  app::leave_feedback(ctx.app, *r.caller, r.id(), static_cast<int>(*useful), static_cast<int>(*organisation),
                      b.optional_text("comment", 10000), r.request_id);
  return no_content();
}

Response add_event_material(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  JsonWriter w;
  write_material(w, app::add_event_material(ctx.app, *r.caller, r.id(), b.required_text("title", 500),
                                            b.required_text("url", 2000), r.request_id));
  return json_response(201, std::move(w));
}

}  // namespace metodist::http::handlers
