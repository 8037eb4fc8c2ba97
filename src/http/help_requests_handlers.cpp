// Requests for methodical help: asking, assigning, answering, closing, statistics.
#include "app/help_requests.hpp"
#include "domain/date.hpp"
#include "domain/help_requests.hpp"
#include "http/handlers.hpp"
#include "http/json.hpp"

namespace metodist::http::handlers {
namespace {

void write_request(JsonWriter& w, const app::HelpRequestView& v) {
  const auto& q = v.request;
  w.begin_object()
      .field("id", q.id)
      .field("organisation_id", q.organisation_id)
      .field("organisation_name", q.organisation_name)
      .field("territory_name", q.territory_name)
      .key("person_id")
      .id_or_null(q.person_id)
      .key("person_name")
      .text_or_null(q.person_name)
      .field("topic", q.topic)
      .key("subject_area")
      .text_or_null(q.subject_area)
      .field("description", q.description)
      .field("urgency", q.urgency)
      .field("status", domain::code_of(q.status))
      .field("due_on", q.due_on)
      .field("overdue", v.overdue)
      .key("methodist_person_id")
      .id_or_null(q.methodist_person_id)
      .key("methodist_name")
      .text_or_null(q.methodist_name)
      .key("assigned_at")
      .text_or_null(q.assigned_at)
      .key("response_kind")
      .text_or_null(q.response_kind)
      .field("response", q.response)
      .key("answered_at")
      .text_or_null(q.answered_at)
      .key("rating")
      .id_or_null(q.rating ? std::optional<std::int64_t>(*q.rating) : std::nullopt)
      .field("rating_comment", q.rating_comment)
      .key("closed_at")
      .text_or_null(q.closed_at)
      .field("created_at", q.created_at)
      .field("can_assign", v.can_assign)
      .field("can_answer", v.can_answer)
      .field("can_close", v.can_close)
      .field("can_cancel", v.can_cancel)
      .end_object();
}

Response request_response(const app::HelpRequestView& v, int status = 200) {
  JsonWriter w;
  write_request(w, v);
  return json_response(status, std::move(w));
}

}  // namespace

Response list_help_requests(const Request& r, Context& ctx) {
  const QueryReader q(r);
  storage::help_requests::RequestFilter f;
  f.status = q.text("status", 16);
  f.methodist = q.id("methodist_person_id");
  f.limit = q.integer("limit", 50, 1, 500);
  f.offset = q.integer("offset", 0, 0, INT32_MAX);
  const auto page = app::list_help_requests(ctx.app, *r.caller, f);
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& v : page.items) write_request(w, v);
  w.end_array().field("total", page.total).field("limit", f.limit).field("offset", f.offset).end_object();
  return json_response(200, std::move(w));
}

Response create_help_request(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  app::NewHelpRequest in;
  in.organisation_id = b.optional_id("organisation_id");
  in.topic = b.optional_text("topic", 2000);  // an empty topic is named with the other problems
  in.subject_area = b.optional_term("subject_area", domain::subject_areas());
  in.description = b.optional_text("description", 20000);
  in.urgency = b.optional_text("urgency", 16);
  const auto created = app::create_help_request(ctx.app, *r.caller, in, r.request_id);
  auto resp = request_response(app::get_help_request(ctx.app, *r.caller, created.id), 201);
  resp.headers.emplace_back("Location", "/api/v1/help-requests/" + std::to_string(created.id));
  return resp;
}

Response get_help_request(const Request& r, Context& ctx) {
  return request_response(app::get_help_request(ctx.app, *r.caller, r.id()));
}

Response help_request_methodists(const Request& r, Context& ctx) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& m : app::help_request_methodists(ctx.app, *r.caller, r.id()))
    w.begin_object()
        .field("person_id", m.person_id)
        .field("name", m.name)
        .field("open_requests", m.open_requests)
        .end_object();
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response assign_help_request(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  return request_response(app::assign_help_request(ctx.app, *r.caller, r.id(),
                                                   BodyReader(body).required_id("methodist_person_id"), r.request_id));
}

Response answer_help_request(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  return request_response(app::answer_help_request(ctx.app, *r.caller, r.id(), b.required_text("response_kind", 32),
                                                   b.required_text("response", 40000), r.request_id));
}

Response close_help_request(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  const auto rating = b.optional_integer("rating", 1, 5);
  if (!rating) throw domain::Error::validation("rating", "Оцените помощь от 1 до 5");
  return request_response(app::close_help_request(ctx.app, *r.caller, r.id(), static_cast<int>(*rating),
                                                  b.optional_text("comment", 5000), r.request_id));
}

Response reopen_help_request(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  return request_response(app::reopen_help_request(ctx.app, *r.caller, r.id(),
                                                   BodyReader(body).optional_text("comment", 5000), r.request_id));
}

Response cancel_help_request(const Request& r, Context& ctx) {
  return request_response(app::cancel_help_request(ctx.app, *r.caller, r.id(), r.request_id));
}

Response help_statistics(const Request& r, Context& ctx) {
  const QueryReader q(r);
  const auto today = domain::Date::today();
  auto from = q.text("from", 10), to = q.text("to", 10);
  if (from.empty()) from = std::to_string(today.year()) + "-01-01";
  if (to.empty()) to = today.iso();
  JsonWriter w;
  w.begin_object().field("from", from).field("to", to).key("items").begin_array();
  for (const auto& s : app::help_statistics(ctx.app, *r.caller, from, to)) {
    w.begin_object()
        .field("territory_id", s.territory_id)
        .field("territory_name", s.territory_name)
        .field("total", s.total)
        .field("open", s.open)
        .field("overdue", s.overdue)
        .field("answered", s.answered)
        .field("closed", s.closed)
        .field("answered_in_time", s.answered_in_time)
        .field("rated", s.rated)
        .key("rating_average");
    if (s.rated)
      w.value(s.rating_average);
    else
      w.null();
    w.end_object();
  }
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

}  // namespace metodist::http::handlers
