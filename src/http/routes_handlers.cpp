// Individual educational routes (ИОМ).
#include "app/export.hpp"
#include "app/route_suggestions.hpp"
#include "app/routes.hpp"
#include "http/handlers.hpp"
#include "http/json.hpp"

namespace metodist::http::handlers {
namespace {

namespace rts = storage::routes;

void write_route(JsonWriter& w, const rts::Route& r) {
  w.begin_object()
      .field("id", r.id)
      .field("person_id", r.person_id)
      .field("person_name", r.person_name)
      .field("period_from", r.period_from)
      .field("period_to", r.period_to)
      .key("tutor")
      .text_or_null(r.tutor)
      .field("status", r.status)
      .key("author_name")
      .text_or_null(r.author_name)
      .field("updated_at", r.updated_at)
      .key("sent_at")
      .text_or_null(r.sent_at);
  w.key("actions").begin_array();
  for (const auto& a : r.actions) w.value(a);
  w.end_array().key("rows").begin_array();
  for (const auto& row : r.rows)
    w.begin_object()
        .field("id", row.id)
        .field("position", row.position)
        .key("competency")
        .text_or_null(row.competency)
        .field("goal", row.goal)
        .field("activity", row.activity)
        .key("details")
        .text_or_null(row.details)
        .key("program_id")
        .id_or_null(row.program_id)
        .key("practice_id")
        .id_or_null(row.practice_id)
        .key("practice_title")
        .text_or_null(row.practice_title)
        .key("term")
        .text_or_null(row.term)
        .key("expected_result")
        .text_or_null(row.expected_result)
        .key("result_form")
        .text_or_null(row.result_form)
        .field("done", row.done)
        .key("evidence")
        .text_or_null(row.evidence)
        .end_object();
  w.end_array().end_object();
}

Response route_response(const rts::Route& r, int status) {
  JsonWriter w;
  write_route(w, r);
  return json_response(status, std::move(w));
}

// Rows as the form sends them: [{competency?, goal, activity, details?, program_id?, practice_id?, term?,
// expected_result?, result_form?}].
std::vector<rts::Row> rows_from(const Json& body) {
  std::vector<rts::Row> rows;
  const auto it = body.find("rows");
  if (it == body.end() || !it->is_array()) throw domain::Error::validation("rows", "Нужен список строк маршрута");
  if (it->size() > 100) throw domain::Error::validation("rows", "Строк больше 100");
  for (const auto& item : *it) {
    if (!item.is_object()) throw domain::Error::validation("rows", "Каждая строка — объект");
    const BodyReader b(item);
    rts::Row row;
    row.competency = b.optional_text("competency", 64);
    row.goal = b.required_text("goal", 4000);
    row.activity = b.required_text("activity", 32);
    row.details = b.optional_text("details", 4000);
    if (item.contains("program_id") && !item["program_id"].is_null()) row.program_id = b.required_id("program_id");
    if (item.contains("practice_id") && !item["practice_id"].is_null()) row.practice_id = b.required_id("practice_id");
    row.term = b.optional_text("term", 4000);
    row.expected_result = b.optional_text("expected_result", 4000);
    row.result_form = b.optional_text("result_form", 4000);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

Response person_routes(const Request& r, Context& ctx) {
  const auto list = app::person_routes(ctx.app, *r.caller, r.id());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& route : list.routes) write_route(w, route);
  w.end_array().field("can_draft", list.can_draft).end_object();
  return json_response(200, std::move(w));
}

Response create_route(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  app::NewRoute d;
  d.person_id = r.id();
  d.period_from = b.required_text("period_from", 10);
  d.period_to = b.required_text("period_to", 10);
  d.tutor = b.optional_text("tutor", 300);
  d.from_deficits = b.optional_bool("from_deficits", true);
  auto resp = route_response(app::create_route(ctx.app, *r.caller, d, r.request_id), 201);
  return resp;
}

Response get_route(const Request& r, Context& ctx) {
  return route_response(app::get_route(ctx.app, *r.caller, r.id()), 200);
}

Response update_route_rows(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  return route_response(app::update_route_rows(ctx.app, *r.caller, r.id(), rows_from(body), r.request_id), 200);
}

Response change_route_status(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  return route_response(
      app::change_route_status(ctx.app, *r.caller, r.id(),
                               BodyReader(body).required_value<domain::RouteStatus>("status", domain::route_statuses()),
                               r.request_id),
      200);
}

Response send_route(const Request& r, Context& ctx) {
  return route_response(app::send_route(ctx.app, *r.caller, r.id(), r.request_id), 200);
}

Response mark_route_row(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  return route_response(app::mark_route_row(ctx.app, *r.caller, r.id(0), r.id(1), b.optional_bool("done", true),
                                            b.optional_text("evidence", 4000), r.request_id),
                        200);
}

Response export_route(const Request& r, Context& ctx) {
  return file_response(app::export_route(ctx.app, *r.caller, r.id(), file_format(QueryReader(r))));
}

Response draft_campaign_routes(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  const auto out = app::draft_routes_for_campaign(ctx.app, *r.caller, r.id(), b.required_text("period_from", 10),
                                                  b.required_text("period_to", 10), r.request_id);
  JsonWriter w;
  w.begin_object()
      .field("created", out.created)
      .field("already_have", out.already_have)
      .field("without_deficits", out.without_deficits)
      .end_object();
  return json_response(200, std::move(w));
}

Response route_suggestions(const Request& r, Context& ctx) {
  const auto list = app::route_suggestions(ctx.app, *r.caller, r.id(), QueryReader(r).text("until", 10));
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& d : list) {
    w.begin_object().field("competency", d.competency).field("title", d.title).field("percent", d.percent);
    w.key("offers").begin_array();
    for (const auto& o : d.offers) {
      w.begin_object()
          .field("kind", std::string(domain::offer_kind_code(o.facts.kind)))
          .field("id", o.facts.id)
          .field("title", o.facts.title)
          .field("where", o.facts.where)
          .key("cohort_id")
          .id_or_null(o.facts.cohort_id)
          .key("starts_on")
          .text_or_null(o.facts.starts_on ? o.facts.starts_on->iso() : std::string())
          .field("score", static_cast<std::int64_t>(o.score));
      w.key("reasons").begin_array();
      for (const auto& reason : o.reasons) w.value(reason);
      w.end_array().end_object();
    }
    w.end_array().key("listed_elsewhere").begin_array();
    for (const auto& title : d.listed_elsewhere) w.value(title);
    w.end_array().end_object();
  }
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

}  // namespace metodist::http::handlers
