// Mentoring: programs, pairs, young teachers, mentor suggestions.
#include "app/mentoring.hpp"
#include "http/handlers.hpp"
#include "http/json.hpp"

namespace metodist::http::handlers {
namespace {

namespace mt = storage::mentoring;

void write_program(JsonWriter& w, const mt::Program& p) {
  w.begin_object()
      .field("id", p.id)
      .field("organisation_id", p.organisation_id)
      .field("organisation_name", p.organisation_name)
      .field("title", p.title)
      .key("curator_person_id")
      .id_or_null(p.curator_person_id)
      .key("curator_name")
      .text_or_null(p.curator_name)
      .field("starts_on", p.starts_on)
      .field("ends_on", p.ends_on)
      .field("active_pairs", p.active_pairs)
      .field("pairs", p.pairs)
      .end_object();
}

void write_pair(JsonWriter& w, const mt::Pair& p) {
  w.begin_object()
      .field("id", p.id)
      .field("program_id", p.program_id)
      .field("mentor_person_id", p.mentor_person_id)
      .field("mentor_name", p.mentor_name)
      .field("mentee_person_id", p.mentee_person_id)
      .field("mentee_name", p.mentee_name)
      .field("form", p.form)
      .field("plan", p.plan)
      .field("starts_on", p.starts_on)
      .key("ends_on")
      .text_or_null(p.ends_on)
      .field("status", domain::code_of(p.status))
      .field("result", p.result)
      .end_object();
}

Response pairs_response(const std::vector<mt::Pair>& pairs) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& p : pairs) write_pair(w, p);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response program_response(const app::MentoringProgramCard& card, int status) {
  JsonWriter w;
  w.begin_object().key("program");
  write_program(w, card.program);
  w.field("can_manage", card.can_manage).key("pairs").begin_array();
  for (const auto& p : card.pairs) write_pair(w, p);
  w.end_array().end_object();
  return json_response(status, std::move(w));
}

}  // namespace

Response list_mentoring_programs(const Request& r, Context& ctx) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& p : app::list_mentoring_programs(ctx.app, *r.caller, QueryReader(r).id("organisation_id")))
    write_program(w, p);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response create_mentoring_program(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  domain::Problems problems;  // the whole form at once
  const BodyReader b(body, problems);
  mt::Program p;
  p.organisation_id = b.optional_id("organisation_id").value_or(0);
  p.title = b.optional_text("title", 500);
  p.curator_person_id = b.optional_id("curator_person_id");
  p.starts_on = b.optional_text("starts_on", 10);
  p.ends_on = b.optional_text("ends_on", 10);
  problems.check([&] { app::check_mentoring_program(p); });
  problems.raise();
  const auto id = app::create_mentoring_program(ctx.app, *r.caller, std::move(p), r.request_id);
  return program_response(app::get_mentoring_program(ctx.app, *r.caller, id), 201);
}

Response get_mentoring_program(const Request& r, Context& ctx) {
  return program_response(app::get_mentoring_program(ctx.app, *r.caller, r.id()), 200);
}

Response create_mentoring_pair(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  domain::Problems problems;  // the whole form at once
  const BodyReader b(body, problems);
  mt::Pair p;
  p.program_id = r.id();
  p.mentor_person_id = b.optional_id("mentor_person_id").value_or(0);
  p.mentee_person_id = b.optional_id("mentee_person_id").value_or(0);
  p.form = b.optional_text("form", 32);
  p.plan = b.optional_text("plan", 10000);
  p.starts_on = b.optional_text("starts_on", 10);
  p.ends_on = b.optional_text("ends_on", 10);
  problems.check([&] { app::check_mentoring_pair(p); });
  problems.raise();
  JsonWriter w;
  write_pair(w, app::create_mentoring_pair(ctx.app, *r.caller, std::move(p), r.request_id));
  return json_response(201, std::move(w));
}

Response update_mentoring_pair(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  mt::Pair p;
  p.plan = b.optional_text("plan", 10000);
  p.ends_on = b.optional_text("ends_on", 10);
  p.status = b.required_value<domain::PairStatus>("status", domain::mentoring_pair_statuses());
  p.result = b.optional_text("result", 10000);
  JsonWriter w;
  write_pair(w, app::update_mentoring_pair(ctx.app, *r.caller, r.id(), std::move(p), r.request_id));
  return json_response(200, std::move(w));
}

Response person_mentoring(const Request& r, Context& ctx) {
  return pairs_response(app::person_mentoring(ctx.app, *r.caller, r.id()));
}

Response list_young_teachers(const Request& r, Context& ctx) {
  const QueryReader q(r);
  const auto limit = static_cast<std::size_t>(q.integer("limit", 50, 1, 500));
  const auto offset = static_cast<std::size_t>(q.integer("offset", 0, 0, INT32_MAX));
  const auto page = app::young_teachers(ctx.app, *r.caller, q.id("organisation_id"), q.text("on", 10), limit, offset);
  JsonWriter w;
  w.begin_object()
      .field("max_age", ctx.app.config.young_teacher_max_age)
      .field("max_years", ctx.app.config.young_teacher_max_years)
      .field("total", page.total)
      .field("limit", static_cast<std::int64_t>(limit))
      .field("offset", static_cast<std::int64_t>(offset))
      .key("items")
      .begin_array();
  for (const auto& y : page.items) {
    w.begin_object()
        .field("person_id", y.person.person_id)
        .field("name", y.person.name)
        .field("organisation_id", y.person.organisation_id)
        .field("organisation_name", y.person.organisation_name)
        .field("subjects", y.person.subjects)
        .field("age", y.age)
        .field("experience_years", y.experience_years)
        .field("mentored", y.person.mentored > 0)
        .field("routes", y.person.routes)
        .field("trainings", y.person.trainings)
        .field("events", y.person.events)
        .field("communities", y.person.communities);
    w.key("missing").begin_array();
    for (const auto& m : y.missing) w.value(m);
    w.end_array().end_object();
  }
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response mentor_suggestions(const Request& r, Context& ctx) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& s : app::suggest_mentors(ctx.app, *r.caller, r.id())) {
    w.begin_object()
        .field("person_id", s.candidate.person_id)
        .field("name", s.candidate.name)
        .field("score", s.score)
        .field("same_organisation", s.candidate.same_organisation)
        .field("active_mentees", s.candidate.active_mentees);
    w.key("reasons").begin_array();
    for (const auto& reason : s.reasons) w.value(reason);
    w.end_array().end_object();
  }
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

}  // namespace metodist::http::handlers
