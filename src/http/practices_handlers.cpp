// The bank of practices: the bank, a practice's card and files, submission,
// experts and their reviews, decisions, the region's criteria and roster.
#include "app/practices.hpp"
#include "domain/practices.hpp"
#include "http/handlers.hpp"
#include "http/json.hpp"

namespace metodist::http::handlers {
namespace {

namespace pr = storage::practices;

void write_practice(JsonWriter& w, const pr::Practice& p) {
  w.begin_object()
      .field("id", p.id)
      .field("title", p.title)
      .field("authors", p.authors)
      .field("organisation_id", p.organisation_id)
      .field("organisation_name", p.organisation_name)
      .field("region_id", p.region_id)
      .field("region_name", p.region_name)
      .key("subject_area")
      .text_or_null(p.subject_area)
      .field("level", p.level)
      .field("description", p.description)
      .field("status", p.status)
      .field("round", p.round)
      .key("result_percent");
  if (p.result_percent)
    w.value(*p.result_percent);
  else
    w.null();
  w.key("decision_comment")
      .text_or_null(p.decision_comment)
      .key("submitted_at")
      .text_or_null(p.submitted_at)
      .key("decided_at")
      .text_or_null(p.decided_at)
      .field("files", p.files)
      .field("updated_at", p.updated_at);
  w.key("competencies").begin_array();
  for (const auto& k : p.competencies) w.value(k);
  w.end_array().end_object();
}

void write_review(JsonWriter& w, const pr::Review& r, bool named) {
  w.begin_object().field("id", r.id).field("practice_id", r.practice_id).field("round", r.round);
  if (named) w.field("expert_person_id", r.expert_person_id).field("expert_name", r.expert_name);
  w.field("practice_title", r.practice_title)
      .field("practice_status", r.practice_status)
      .field("assigned_at", r.assigned_at)
      .key("due_on")
      .text_or_null(r.due_on)
      .key("scores")
      .raw_json(r.scores)
      .key("total");
  if (r.total)
    w.value(*r.total);
  else
    w.null();
  w.field("max_total", r.max_total)
      .key("conclusion")
      .text_or_null(r.conclusion)
      .key("comment")
      .text_or_null(r.comment)
      .key("submitted_at")
      .text_or_null(r.submitted_at)
      .end_object();
}

void write_rules(JsonWriter& w, const domain::ExpertiseRules& r) {
  w.begin_object()
      .field("accept_from", r.accept_from)
      .field("reject_below", r.reject_below)
      .field("min_experts", r.min_experts)
      .field("review_days", r.review_days)
      .end_object();
}

// The practice form read whole: every problem it has at once.
app::PracticeDraft draft_from(const Json& body, bool creating) {
  domain::Problems problems;
  const BodyReader b(body, problems);
  app::PracticeDraft d;
  d.title = b.optional_text("title", 2000);
  d.description = b.optional_text("description", 200000);
  d.level = b.optional_text("level", 32);
  d.subject_area = b.optional_term("subject_area", domain::subject_areas());
  d.authors_text = b.optional_text("authors", 2000);
  if (creating) d.organisation_id = b.optional_id("organisation_id").value_or(0);
  d.author_ids = b.id_list("author_ids");
  if (b.has("competencies")) d.competencies = b.string_list("competencies", 64);
  problems.check([&] { app::check_practice_text(d, creating); });
  problems.raise();
  return d;
}

}  // namespace

Response list_practices(const Request& r, Context& ctx) {
  const QueryReader q(r);
  app::PracticeQuery pq{q.text("q", 300), q.text("view", 16), q.text("status", 16), q.text("level", 32),
                        q.term("subject_area", domain::subject_areas())};
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& p : app::list_practices(ctx.app, *r.caller, pq)) write_practice(w, p);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response create_practice(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const auto id = app::create_practice(ctx.app, *r.caller, draft_from(body, true), r.request_id);
  JsonWriter w;
  w.begin_object().field("id", id).end_object();
  auto resp = json_response(201, std::move(w));
  resp.headers.emplace_back("Location", "/api/v1/practices/" + std::to_string(id));
  return resp;
}

Response get_practice(const Request& r, Context& ctx) {
  const auto card = app::get_practice(ctx.app, *r.caller, r.id());
  JsonWriter w;
  w.begin_object().key("practice");
  write_practice(w, card.practice);
  w.key("authors").begin_array();
  for (const auto& a : card.authors)
    w.begin_object().field("person_id", a.person_id).field("name", a.name).end_object();
  w.end_array().key("files").begin_array();
  for (const auto& f : card.files)
    w.begin_object()
        .field("id", f.id)
        .field("file_name", f.file_name)
        .field("content_type", f.content_type)
        .field("size", f.size)
        .field("added_at", f.added_at)
        .end_object();
  w.end_array().key("reviews").begin_array();
  for (const auto& rv : card.reviews) write_review(w, rv, card.reviews_named);
  w.end_array()
      .field("can_edit", card.can_edit)
      .field("can_submit", card.can_submit)
      .field("can_keep", card.can_keep)
      .key("my_review")
      .id_or_null(card.my_review)
      .key("proposed")
      .text_or_null(card.proposed.value_or(""))
      .key("rules");
  write_rules(w, card.rules);
  w.end_object();
  return json_response(200, std::move(w));
}

Response update_practice(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  app::update_practice(ctx.app, *r.caller, r.id(), draft_from(body, false), r.request_id);
  return no_content();
}

Response add_practice_file(const Request& r, Context& ctx) {
  const auto f =
      app::add_practice_file(ctx.app, *r.caller, r.id(), r.body, QueryReader(r).text("name", 500), r.request_id);
  JsonWriter w;
  w.begin_object()
      .field("id", f.id)
      .field("file_name", f.file_name)
      .field("content_type", f.content_type)
      .field("size", f.size)
      .end_object();
  return json_response(201, std::move(w));
}

Response download_practice_file(const Request& r, Context& ctx) {
  return download_response(app::practice_file(ctx.app, *r.caller, r.id(0), r.id(1)));
}

Response submit_practice(const Request& r, Context& ctx) {
  app::submit_practice(ctx.app, *r.caller, r.id(), r.request_id);
  return no_content();
}

Response assign_practice_expert(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const auto review =
      app::assign_expert(ctx.app, *r.caller, r.id(), BodyReader(body).required_id("expert_person_id"), r.request_id);
  JsonWriter w;
  write_review(w, review, true);
  return json_response(201, std::move(w));
}

Response withdraw_practice_expert(const Request& r, Context& ctx) {
  app::withdraw_expert(ctx.app, *r.caller, r.id(), r.request_id);
  return no_content();
}

Response submit_practice_review(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  std::vector<std::optional<int>> scores;
  for (const auto& v : b.optional_integer_list("scores", 0, 100))
    scores.push_back(v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt);
  const auto review = app::submit_review(ctx.app, *r.caller, r.id(), scores, b.required_text("conclusion", 16),
                                         b.optional_text("comment", 40000), r.request_id);
  JsonWriter w;
  write_review(w, review, false);
  return json_response(200, std::move(w));
}

Response my_practice_reviews(const Request& r, Context& ctx) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& rv : app::my_reviews(ctx.app, *r.caller)) write_review(w, rv, false);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response decide_practice(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  app::decide_practice(ctx.app, *r.caller, r.id(), b.required_text("decision", 16), b.optional_text("comment", 40000),
                       r.request_id);
  return no_content();
}

Response get_expertise_settings(const Request& r, Context& ctx) {
  const auto s = app::expertise_settings(ctx.app, *r.caller, r.id());
  JsonWriter w;
  w.begin_object().key("criteria").begin_array();
  for (const auto& k : s.criteria)
    w.begin_object().field("title", k.title).field("max_score", k.max_score).end_object();
  w.end_array().key("rules");
  write_rules(w, s.rules);
  w.field("can_edit", s.can_edit).end_object();
  return json_response(200, std::move(w));
}

Response put_expertise_settings(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  app::ExpertiseSettings s;
  for (const auto& k : b.object_list("criteria"))
    s.criteria.push_back(
        {k.required_text("title", 500), static_cast<int>(k.optional_integer("max_score", 1, 100).value_or(0))});
  s.rules.accept_from = b.optional_number("accept_from").value_or(s.rules.accept_from);
  s.rules.reject_below = b.optional_number("reject_below").value_or(s.rules.reject_below);
  s.rules.min_experts = static_cast<int>(b.optional_integer("min_experts", -1000, 1000).value_or(s.rules.min_experts));
  s.rules.review_days = static_cast<int>(b.optional_integer("review_days", -1000, 1000).value_or(s.rules.review_days));
  app::set_expertise_settings(ctx.app, *r.caller, r.id(), s, r.request_id);
  return no_content();
}

Response list_practice_experts(const Request& r, Context& ctx) {
  const QueryReader q(r);
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& e : app::list_experts(ctx.app, *r.caller, r.id(), !q.boolean("all").value_or(false)))
    w.begin_object()
        .field("id", e.id)
        .field("person_id", e.person_id)
        .field("person_name", e.person_name)
        .key("organisation_name")
        .text_or_null(e.organisation_name)
        .key("subject_area")
        .text_or_null(e.subject_area)
        .key("training")
        .text_or_null(e.training)
        .key("trained_on")
        .text_or_null(e.trained_on)
        .key("certificate")
        .text_or_null(e.certificate)
        .field("included_on", e.included_on)
        .key("excluded_on")
        .text_or_null(e.excluded_on)
        .field("open_reviews", e.open_reviews)
        .end_object();
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response add_practice_expert(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  pr::Expert e;
  e.region_id = r.id();
  e.person_id = b.required_id("person_id");
  e.subject_area = b.optional_term("subject_area", domain::subject_areas());
  e.training = b.optional_text("training", 1000);
  e.trained_on = b.optional_text("trained_on", 10);
  e.certificate = b.optional_text("certificate", 200);
  e.included_on = b.optional_text("included_on", 10);
  const auto id = app::add_expert(ctx.app, *r.caller, e, r.request_id);
  JsonWriter w;
  w.begin_object().field("id", id).end_object();
  return json_response(201, std::move(w));
}

Response end_practice_expert(const Request& r, Context& ctx) {
  app::end_expert(ctx.app, *r.caller, r.id(), r.request_id);
  return no_content();
}

}  // namespace metodist::http::handlers
