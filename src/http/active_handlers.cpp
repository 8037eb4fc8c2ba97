// The methodical active: selections, applications, orders, members, school
// teams, support assignments, the methodist's cabinet and the activity report.
#include "app/active.hpp"
#include "http/handlers.hpp"
#include "http/json.hpp"

namespace metodist::http::handlers {
namespace {

namespace act = storage::active;

void write_selection(JsonWriter& w, const act::Selection& s) {
  w.begin_object()
      .field("id", s.id)
      .field("level", s.level)
      .field("territory_id", s.territory_id)
      .field("territory_name", s.territory_name)
      .field("title", s.title)
      .field("description", s.description)
      .field("applications_from", s.applications_from)
      .field("applications_to", s.applications_to)
      .field("status", s.status)
      .key("order_id")
      .id_or_null(s.order_id)
      .field("applications", s.applications)
      .end_object();
}

void write_application(JsonWriter& w, const app::ApplicationView& v) {
  const auto& a = v.application;
  w.begin_object()
      .field("id", a.id)
      .field("selection_id", a.selection_id)
      .field("person_id", a.person_id)
      .field("person_name", a.person_name)
      .field("organisation_name", a.organisation_name)
      .field("nominated_by", a.nominated_by)
      .field("direction", a.direction)
      .key("subject_area")
      .text_or_null(a.subject_area)
      .field("portfolio", a.portfolio)
      .field("ege_expert", a.ege_expert)
      .field("community_leader", a.community_leader)
      .field("high_results", a.high_results)
      .field("status", a.status)
      .field("decision_note", a.decision_note)
      .field("eligible", v.eligibility.eligible)
      .field("preferred_met", v.eligibility.preferred_met);
  w.key("checks").begin_array();
  for (const auto& r : v.eligibility.results)
    w.begin_object().field("passed", r.passed).field("required", r.required).field("reason", r.reason).end_object();
  w.end_array().key("scores").begin_object();
  for (const auto& [stage, score] : a.scores) w.key_text(stage).value(score);
  w.end_object()
      .field("stages_complete", v.stages.complete)
      .field("stages_passed", v.stages.passed)
      .field("total", v.stages.total);
  w.key("failed_stages").begin_array();
  for (const auto& f : v.stages.failed) w.value(f);
  w.end_array().end_object();
}

void write_member(JsonWriter& w, const act::Member& m) {
  w.begin_object()
      .field("id", m.id)
      .field("level", m.level)
      .field("territory_id", m.territory_id)
      .field("territory_name", m.territory_name)
      .field("person_id", m.person_id)
      .field("person_name", m.person_name)
      .field("organisation_name", m.organisation_name)
      .field("direction", m.direction)
      .key("subject_area")
      .text_or_null(m.subject_area)
      .field("capacity", m.capacity)
      .field("load", m.load)
      .field("starts_on", m.starts_on)
      .key("ends_on")
      .text_or_null(m.ends_on)
      .field("end_reason", m.end_reason)
      .field("order_id", m.order_id)
      .field("order_number", m.order_number)
      .field("order_date", m.order_date)
      .key("end_order_number")
      .text_or_null(m.end_order_number)
      .end_object();
}

void write_assignment(JsonWriter& w, const act::Assignment& a) {
  w.begin_object()
      .field("id", a.id)
      .field("methodist_person_id", a.methodist_person_id)
      .field("methodist_name", a.methodist_name)
      .key("organisation_id")
      .id_or_null(a.organisation_id)
      .key("person_id")
      .id_or_null(a.person_id)
      .field("target_name", a.target_name)
      .field("organisation_name", a.organisation_name)
      .field("starts_on", a.starts_on)
      .end_object();
}

void write_order(JsonWriter& w, const act::Order& o) {
  w.begin_object()
      .field("id", o.id)
      .field("number", o.number)
      .field("issued_on", o.issued_on)
      .field("title", o.title)
      .field("territory_name", o.territory_name)
      .end_object();
}

Response application_response(const app::ApplicationView& v, int status = 200) {
  JsonWriter w;
  write_application(w, v);
  return json_response(status, std::move(w));
}

std::int64_t required_query_id(const QueryReader& q, const char* name) {
  const auto id = q.id(name);
  if (!id) throw domain::Error::validation(name, std::string("Укажите ") + name);
  return *id;
}

}  // namespace

Response list_selections(const Request& r, Context& ctx) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& s : app::list_selections(ctx.app, *r.caller)) write_selection(w, s);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

namespace {

Response selection_response(const app::SelectionCard& card, int status) {
  JsonWriter w;
  w.begin_object().key("selection");
  write_selection(w, card.selection);
  w.field("can_manage", card.can_manage).key("rules").begin_array();
  for (const auto& x : card.rules)
    w.begin_object()
        .field("code", x.code)
        .field("title", x.title)
        .field("fact", x.fact)
        .field("op", x.op)
        .field("value", x.value)
        .field("required", x.required)
        .end_object();
  w.end_array().key("stages").begin_array();
  for (const auto& s : card.stages)
    w.begin_object()
        .field("code", s.code)
        .field("title", s.title)
        .field("max_score", s.max_score)
        .field("threshold", s.threshold)
        .end_object();
  w.end_array().key("order");
  if (card.order)
    write_order(w, *card.order);
  else
    w.null();
  w.key("applications").begin_array();
  for (const auto& a : card.applications) write_application(w, a);
  w.end_array().end_object();
  return json_response(status, std::move(w));
}

}  // namespace

Response get_selection(const Request& r, Context& ctx) {
  return selection_response(app::get_selection(ctx.app, *r.caller, r.id()), 200);
}

Response create_selection(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  app::SelectionDraft d;
  d.level = b.required_text("level", 16);
  d.territory_id = b.required_id("territory_id");
  d.title = b.required_text("title", 1000);
  d.description = b.optional_text("description", 20000);
  d.applications_from = b.required_text("applications_from", 10);
  d.applications_to = b.required_text("applications_to", 10);
  try {
    if (const auto it = body.find("rules"); it != body.end() && !it->is_null()) {
      std::vector<domain::EligibilityRule> rules;
      for (const auto& x : *it)
        rules.push_back({x.at("code").get<std::string>(), x.at("title").get<std::string>(),
                         x.at("fact").get<std::string>(), x.at("op").get<std::string>(),
                         x.value("value", std::string()), x.value("required", true)});
      d.rules = std::move(rules);
    }
    if (const auto it = body.find("stages"); it != body.end() && !it->is_null()) {
      std::vector<domain::SelectionStage> stages;
      for (const auto& x : *it)
        stages.push_back({x.at("code").get<std::string>(), x.at("title").get<std::string>(),
                          x.at("max_score").get<double>(), x.at("threshold").get<double>()});
      d.stages = std::move(stages);
    }
  } catch (const nlohmann::json::exception&) {
    throw domain::Error::validation("rules",
                                    "Правила — [{code, title, fact, op, value, required}], этапы — "
                                    "[{code, title, max_score, threshold}]");
  }
  const auto id = app::create_selection(ctx.app, *r.caller, d, r.request_id);
  return selection_response(app::get_selection(ctx.app, *r.caller, id), 201);
}

Response apply_to_selection(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  app::ApplicationDraft d;
  auto person = b.optional_id("person_id");
  if (!person) person = r.caller->person_id;
  if (!person) throw domain::Error::validation("person_id", "Укажите кандидата");
  d.person_id = *person;
  d.direction = b.required_text("direction", 64);
  d.subject_area = b.optional_term("subject_area", domain::subject_areas());
  d.portfolio = b.optional_text("portfolio", 20000);
  d.ege_expert = b.optional_bool("ege_expert", false);
  d.community_leader = b.optional_bool("community_leader", false);
  d.high_results = b.optional_bool("high_results", false);
  return application_response(app::apply_to_selection(ctx.app, *r.caller, r.id(), d, r.request_id), 201);
}

Response score_application(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  const auto score = b.optional_number("score");
  if (!score) throw domain::Error::validation("score", "Укажите балл");
  return application_response(app::score_application(ctx.app, *r.caller, r.id(), b.required_text("stage", 64), *score,
                                                     b.optional_text("comment", 2000), r.request_id));
}

Response decide_application(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  return application_response(app::decide_application(
      ctx.app, *r.caller, r.id(), b.required_value<domain::ApplicationStatus>("status", domain::application_statuses()),
      b.optional_text("note", 2000), r.request_id));
}

Response issue_selection_order(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  const auto order = app::issue_selection_order(ctx.app, *r.caller, r.id(), b.required_text("number", 64),
                                                b.required_text("issued_on", 10), r.request_id);
  JsonWriter w;
  write_order(w, order);
  return json_response(201, std::move(w));
}

Response order_document(const Request& r, Context& ctx) {
  return file_response(app::order_document(ctx.app, *r.caller, r.id()));
}

Response list_active_members(const Request& r, Context& ctx) {
  const QueryReader q(r);
  act::MemberFilter f;
  f.territory_id = q.id("territory_id");
  f.level = q.term("level", domain::active_levels());
  f.current_only = !q.boolean("history").value_or(false);
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& m : app::list_active_members(ctx.app, *r.caller, f)) write_member(w, m);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response add_active_member(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  app::MemberDraft d;
  d.level = b.required_text("level", 16);
  d.territory_id = b.required_id("territory_id");
  d.person_id = b.required_id("person_id");
  d.direction = b.required_text("direction", 64);
  d.subject_area = b.optional_term("subject_area", domain::subject_areas());
  d.capacity = static_cast<int>(b.optional_integer("capacity", 1, 200).value_or(10));
  d.order_number = b.required_text("order_number", 64);
  d.order_date = b.required_text("order_date", 10);
  JsonWriter w;
  write_member(w, app::add_active_member(ctx.app, *r.caller, d, r.request_id));
  return json_response(201, std::move(w));
}

Response end_active_member(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  JsonWriter w;
  write_member(w, app::end_active_member(ctx.app, *r.caller, r.id(), b.required_text("ends_on", 10),
                                         b.required_text("order_number", 64), b.required_text("order_date", 10),
                                         b.optional_text("reason", 1000), r.request_id));
  return json_response(200, std::move(w));
}

Response school_teams(const Request& r, Context& ctx) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& t : app::school_teams(ctx.app, *r.caller, required_query_id(QueryReader(r), "territory_id"))) {
    w.begin_object()
        .field("organisation_id", t.organisation_id)
        .field("name", t.name)
        .field("shnor", t.shnor)
        .field("complete", t.problems.empty());
    w.key("members").begin_array();
    for (const auto& m : t.members)
      w.begin_object()
          .field("person_id", m.person_id)
          .field("person_name", m.person_name)
          .field("position", m.position)
          .key("subject_area")
          .text_or_null(m.subject_area)
          .end_object();
    w.end_array().key("problems").begin_array();
    for (const auto& p : t.problems) w.value(p);
    w.end_array().end_object();
  }
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response list_assignments(const Request& r, Context& ctx) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& a : app::list_assignments(ctx.app, *r.caller, required_query_id(QueryReader(r), "territory_id")))
    write_assignment(w, a);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response create_assignments(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const auto it = body.find("items");
  if (it == body.end() || !it->is_array())
    throw domain::Error::validation("items", "Передайте список закреплений items");
  std::vector<app::AssignmentDraft> drafts;
  for (const auto& x : *it) {
    if (!x.is_object()) throw domain::Error::validation("items", "Закрепление — объект");
    const BodyReader b(x);
    drafts.push_back({b.required_id("methodist_person_id"), b.optional_id("organisation_id"),
                      b.optional_id("person_id"), b.optional_text("starts_on", 10), b.optional_text("ends_on", 10)});
  }
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& a : app::assign_methodists(ctx.app, *r.caller, drafts, r.request_id)) write_assignment(w, a);
  w.end_array().end_object();
  return json_response(201, std::move(w));
}

Response end_assignment(const Request& r, Context& ctx) {
  app::end_assignment(ctx.app, *r.caller, r.id(), r.request_id);
  return no_content();
}

Response assignment_proposal(const Request& r, Context& ctx) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& p :
       app::propose_assignments(ctx.app, *r.caller, required_query_id(QueryReader(r), "territory_id"))) {
    w.begin_object()
        .field("kind", p.target.kind)
        .field("target_id", p.target.id)
        .field("target_name", p.target.name)
        .field("shnor", p.target.shnor)
        .field("deficits", p.target.deficits)
        .key("methodist_person_id")
        .id_or_null(p.methodist)
        .key("methodist_name")
        .text_or_null(p.methodist_name);
    w.key("reasons").begin_array();
    for (const auto& x : p.reasons) w.value(x);
    w.end_array().end_object();
  }
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response record_activity(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  act::Activity a;
  a.function = b.required_text("function", 64);
  a.happened_on = b.required_text("happened_on", 10);
  a.title = b.required_text("title", 2000);
  a.organisation_id = b.optional_id("organisation_id");
  a.participants = b.optional_integer("participants", 0, 100000);
  a.evidence = b.optional_text("evidence", 2000);
  const auto saved = app::record_activity(ctx.app, *r.caller, std::move(a), r.request_id);
  JsonWriter w;
  w.begin_object()
      .field("id", saved.id)
      .field("function", saved.function)
      .field("happened_on", saved.happened_on)
      .field("title", saved.title)
      .end_object();
  return json_response(201, std::move(w));
}

Response methodist_cabinet(const Request& r, Context& ctx) {
  const auto cab = app::methodist_cabinet(ctx.app, *r.caller);
  JsonWriter w;
  w.begin_object().field("year_from", cab.year_from).field("year_to", cab.year_to).key("memberships").begin_array();
  for (const auto& m : cab.memberships) write_member(w, m);
  w.end_array().key("supported").begin_array();
  for (const auto& v : cab.supported) {
    w.begin_object().key("assignment");
    write_assignment(w, v.assignment);
    w.key("deficits");
    if (v.deficits >= 0)
      w.value(v.deficits);
    else
      w.null();
    w.key("route_status").text_or_null(v.route_status ? domain::code_of(*v.route_status) : "");
    w.field("route_sent", v.route_sent).field("unread", v.unread).key("tasks").begin_array();
    for (auto task : v.tasks) w.value(domain::code_of(task));
    w.end_array().end_object();
  }
  w.end_array().key("my_events").begin_array();
  for (const auto& e : cab.my_events)
    w.begin_object()
        .field("id", e.id)
        .field("title", e.title)
        .field("kind", e.kind)
        .field("starts_at", e.starts_at)
        .field("registered", e.registered)
        .field("status", e.status)
        .end_object();
  w.end_array().key("my_routes").begin_array();
  for (const auto& r : cab.my_routes)
    w.begin_object()
        .field("id", r.id)
        .field("person_id", r.person_id)
        .field("person_name", r.person_name)
        .field("status", r.status)
        .field("period_from", r.period_from)
        .field("period_to", r.period_to)
        .end_object();
  w.end_array().key("feedback").begin_array();
  for (const auto& f : cab.feedback)
    w.begin_object().field("rating", f.rating).field("comment", f.comment).field("given_on", f.given_on).end_object();
  w.end_array().key("feedback_average");
  if (cab.feedback.empty())
    w.null();
  else
    w.value(cab.feedback_average);
  w.key("activities").begin_array();
  for (const auto& a : cab.activities)
    w.begin_object()
        .field("id", a.id)
        .field("function", a.function)
        .field("happened_on", a.happened_on)
        .field("title", a.title)
        .key("participants")
        .id_or_null(a.participants)
        .field("evidence", a.evidence)
        .field("organisation_name", a.organisation_name)
        .end_object();
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response activity_report(const Request& r, Context& ctx) {
  const QueryReader q(r);
  auto format = q.text("format", 8);
  if (format.empty()) format = "pdf";
  return file_response(app::activity_report(ctx.app, *r.caller, required_query_id(q, "territory_id"),
                                            q.text("level", 16), q.text("from", 10), q.text("to", 10), format));
}

Response support_thread(const Request& r, Context& ctx) {
  const auto t = app::support_thread(ctx.app, *r.caller, r.id());
  JsonWriter w;
  w.begin_object()
      .field("methodist_person_id", t.methodist_person_id)
      .field("person_id", t.person_id)
      .key("items")
      .begin_array();
  for (const auto& m : t.messages)
    w.begin_object()
        .field("id", m.id)
        .field("from_methodist", m.from_methodist)
        .field("body", m.body)
        .field("created_at", m.created_at)
        .key("read_at")
        .text_or_null(m.read_at)
        .end_object();
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response send_support_message(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const auto m = app::send_support_message(ctx.app, *r.caller, r.id(), BodyReader(body).required_text("body", 20000));
  JsonWriter w;
  w.begin_object()
      .field("id", m.id)
      .field("from_methodist", m.from_methodist)
      .field("body", m.body)
      .field("created_at", m.created_at)
      .end_object();
  return json_response(201, std::move(w));
}

Response my_supporters(const Request& r, Context& ctx) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& s : app::my_supporters(ctx.app, *r.caller))
    w.begin_object()
        .field("methodist_person_id", s.methodist_person_id)
        .field("name", s.name)
        .field("directly", s.directly)
        .end_object();
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response give_support_feedback(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  const auto rating = b.optional_integer("rating", 1, 5);
  if (!rating) throw domain::Error::validation("rating", "Оцените сопровождение от 1 до 5");
  app::give_support_feedback(ctx.app, *r.caller, b.required_id("methodist_person_id"), static_cast<int>(*rating),
                             b.optional_text("comment", 5000), r.request_id);
  return no_content();
}

namespace {
void write_plan_item(JsonWriter& w, const act::PlanItem& p) {
  w.begin_object()
      .field("id", p.id)
      .field("level", p.level)
      .field("territory_id", p.territory_id)
      .field("school_year", p.school_year)
      .field("title", p.title)
      .field("direction", p.direction)
      .key("function")
      .text_or_null(p.function)
      .field("term", p.term)
      .field("responsible", p.responsible)
      .field("status", p.status)
      .field("report", p.report)
      .end_object();
}
}  // namespace

Response active_plan(const Request& r, Context& ctx) {
  const QueryReader q(r);
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& v : app::active_plan(ctx.app, *r.caller, required_query_id(q, "territory_id"),
                                        q.term("level", domain::active_levels()), q.text("school_year", 9))) {
    w.begin_object().key("item");
    write_plan_item(w, v.item);
    w.key("due_on")
        .text_or_null(v.due_on)
        .field("term_flagged", v.term_flagged)
        .field("overdue", v.overdue)
        .end_object();
  }
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response add_plan_item(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  act::PlanItem p;
  p.level = b.required_text("level", 16);
  p.territory_id = b.required_id("territory_id");
  p.school_year = b.required_text("school_year", 9);
  p.title = b.required_text("title", 2000);
  p.direction = b.required_text("direction", 64);
  p.function = b.optional_text("function", 64);
  p.term = b.required_text("term", 200);
  p.responsible = b.optional_text("responsible", 500);
  JsonWriter w;
  write_plan_item(w, app::add_plan_item(ctx.app, *r.caller, std::move(p), r.request_id));
  return json_response(201, std::move(w));
}

Response update_plan_item(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  JsonWriter w;
  write_plan_item(
      w, app::update_plan_item(ctx.app, *r.caller, r.id(),
                               b.required_value<domain::PlanItemStatus>("status", domain::plan_item_statuses()),
                               b.optional_text("report", 5000), r.request_id));
  return json_response(200, std::move(w));
}

}  // namespace metodist::http::handlers
