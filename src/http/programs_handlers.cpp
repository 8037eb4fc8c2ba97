// Programs (ДПП ПК), cohorts and enrolments.
#include <cmath>

#include "app/programs.hpp"
#include "domain/programs.hpp"
#include "http/handlers.hpp"
#include "http/json.hpp"

namespace metodist::http::handlers {
namespace {

namespace prg = storage::programs;

void write_program(JsonWriter& w, const prg::Program& p) {
  w.begin_object()
      .field("id", p.id)
      .field("title", p.title)
      .field("provider", p.provider)
      .field("hours", p.hours)
      .field("format", p.format)
      .field("audience", p.audience)
      .field("in_federal_registry", p.in_federal_registry)
      .key("federal_number")
      .text_or_null(p.federal_number)
      .field("territory_id", p.territory_id)
      .field("territory_name", p.territory_name)
      .field("cohorts", p.cohorts);
  w.key("competencies").begin_array();
  for (const auto& c : p.competencies) w.value(c);
  w.end_array().end_object();
}

void write_cohort(JsonWriter& w, const prg::Cohort& k) {
  w.begin_object()
      .field("id", k.id)
      .field("program_id", k.program_id)
      .field("title", k.title)
      .field("starts_on", k.starts_on)
      .field("ends_on", k.ends_on)
      .key("capacity")
      .id_or_null(k.capacity)
      .field("enrolled", k.enrolled)
      .key("cascade_stage")
      .text_or_null(k.cascade_stage)
      .end_object();
}

void write_enrolment(JsonWriter& w, const prg::Enrolment& e, bool deficit_mark) {
  w.begin_object()
      .field("id", e.id)
      .field("cohort_id", e.cohort_id)
      .field("cohort_title", e.cohort_title)
      .field("program_id", e.program_id)
      .field("program_title", e.program_title)
      .field("person_id", e.person_id)
      .field("person_name", e.person_name)
      .field("status", e.status)
      .field("applied_on", e.applied_on)
      .key("certificate_number")
      .text_or_null(e.certificate_number)
      .key("completed_on")
      .text_or_null(e.completed_on)
      .key("cascade_stage")
      .text_or_null(e.cascade_stage)
      .field("support_records", e.support_records)
      .key("chosen_from_deficit");
  if (deficit_mark)
    w.value(e.chosen_from_deficit);
  else
    w.null();
  w.end_object();
}

void write_support_record(JsonWriter& w, const prg::SupportRecord& s) {
  w.begin_object()
      .field("id", s.id)
      .field("enrolment_id", s.enrolment_id)
      .field("happened_on", s.happened_on)
      .field("kind", s.kind)
      .field("note", s.note)
      .field("author_name", s.author_name)
      .field("created_at", s.created_at)
      .end_object();
}

Response enrolment_response(const prg::Enrolment& e, int status) {
  JsonWriter w;
  write_enrolment(w, e, true);  // the one who just applied or moved it sees the mark
  return json_response(status, std::move(w));
}

}  // namespace

Response list_programs(const Request& r, Context& ctx) {
  const QueryReader q(r);
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& p : app::list_programs(ctx.app, *r.caller, q.text("competency", 64))) write_program(w, p);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response get_program(const Request& r, Context& ctx) {
  const auto card = app::get_program(ctx.app, *r.caller, r.id());
  JsonWriter w;
  w.begin_object().key("program");
  write_program(w, card.program);
  w.field("can_manage", card.can_manage).key("cohorts").begin_array();
  for (const auto& k : card.cohorts) write_cohort(w, k);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response create_program(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  domain::Problems problems;  // the whole form at once
  const BodyReader b(body, problems);
  prg::Program p;
  p.title = b.optional_text("title", 500);
  p.provider = b.optional_text("provider", 300);
  const auto hours = b.optional_number("hours");
  // The range first: converting a number beyond int64 would be undefined.
  if (!hours || std::abs(*hours) > 1e9 || *hours != static_cast<double>(static_cast<std::int64_t>(*hours)))
    problems.add("hours", "Укажите объём программы в часах целым числом");
  else
    p.hours = static_cast<std::int64_t>(*hours);
  p.format = b.optional_text("format", 32);
  p.audience = b.optional_text("audience", 32);
  p.in_federal_registry = b.optional_bool("in_federal_registry", false);
  p.federal_number = b.optional_text("federal_number", 100);
  p.territory_id = b.optional_id("territory_id").value_or(0);
  const auto competencies = b.string_list("competencies", 64);
  problems.check([&] { app::check_program(p, competencies); });
  problems.raise();
  const auto id = app::create_program(ctx.app, *r.caller, std::move(p), competencies, r.request_id);
  const auto card = app::get_program(ctx.app, *r.caller, id);
  JsonWriter w;
  write_program(w, card.program);
  auto resp = json_response(201, std::move(w));
  resp.headers.emplace_back("Location", "/api/v1/programs/" + std::to_string(id));
  return resp;
}

Response create_cohort(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  prg::Cohort k;
  k.program_id = r.id();
  k.title = b.required_text("title", 300);
  k.starts_on = b.required_text("starts_on", 10);
  k.ends_on = b.required_text("ends_on", 10);
  k.cascade_stage = b.optional_text("cascade_stage", 32);
  if (const auto capacity = b.optional_number("capacity")) {
    if (*capacity != static_cast<double>(static_cast<std::int64_t>(*capacity)))
      throw domain::Error::validation("capacity", "Число мест — целое число");
    k.capacity = static_cast<std::int64_t>(*capacity);
  }
  const auto id = app::create_cohort(ctx.app, *r.caller, std::move(k), r.request_id);
  for (const auto& cohort : app::get_program(ctx.app, *r.caller, r.id()).cohorts)
    if (cohort.id == id) {
      JsonWriter w;
      write_cohort(w, cohort);
      return json_response(201, std::move(w));
    }
  throw domain::Error::not_found("Группа не найдена");
}

Response list_cohort_enrolments(const Request& r, Context& ctx) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& e : app::cohort_enrolments(ctx.app, *r.caller, r.id())) write_enrolment(w, e, true);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response create_enrolment(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  return enrolment_response(app::enrol(ctx.app, *r.caller, r.id(), b.required_id("person_id"), r.request_id,
                                       b.optional_text("applied_on", 10)),
                            201);
}

Response change_enrolment_status(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  return enrolment_response(
      app::change_enrolment(
          ctx.app, *r.caller, r.id(), b.required_value<domain::EnrolmentStatus>("status", domain::enrolment_statuses()),
          b.optional_text("certificate_number", 100), r.request_id, b.optional_text("completed_on", 10)),
      200);
}

Response person_enrolments(const Request& r, Context& ctx) {
  const auto list = app::person_enrolments(ctx.app, *r.caller, r.id());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& e : list.items) write_enrolment(w, e, list.shows_deficit_mark);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response enrolment_support(const Request& r, Context& ctx) {
  const auto s = app::enrolment_support(ctx.app, *r.caller, r.id());
  JsonWriter w;
  w.begin_object()
      .field("enrolment_id", s.enrolment.id)
      .field("status", s.enrolment.status)
      .field("can_record", s.can_record)
      .key("items")
      .begin_array();
  for (const auto& x : s.records) write_support_record(w, x);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response create_enrolment_support(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  prg::SupportRecord draft;
  draft.happened_on = b.required_text("happened_on", 10);
  draft.kind = b.required_text("kind", 32);
  draft.note = b.required_text("note", 8000);
  JsonWriter w;
  write_support_record(w, app::record_support(ctx.app, *r.caller, r.id(), std::move(draft), r.request_id));
  return json_response(201, std::move(w));
}

}  // namespace metodist::http::handlers
