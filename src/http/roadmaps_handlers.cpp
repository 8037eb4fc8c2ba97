// Roadmaps: list, card with items, items, reports, import and export.
#include <map>

#include "app/roadmaps.hpp"
#include "domain/roadmap.hpp"
#include "http/handlers.hpp"
#include "http/json.hpp"
#include "io/table.hpp"

namespace metodist::http::handlers {
namespace {

namespace rm = storage::roadmaps;

void write_roadmap(JsonWriter& w, const rm::Roadmap& r) {
  w.begin_object()
      .field("id", r.id)
      .field("title", r.title)
      .field("owner_level", r.owner_level)
      .field("territory_id", r.territory_id)
      .field("territory_name", r.territory_name)
      .field("period_from", r.period_from)
      .field("period_to", r.period_to)
      .key("approved_by")
      .text_or_null(r.approved_by)
      .key("remarks")
      .text_or_null(r.remarks)
      .field("items", r.items)
      .field("done", r.done)
      .field("overdue", r.overdue_candidates)
      .end_object();
}

void write_item(JsonWriter& w, const rm::Item& i, const domain::Executors& e) {
  w.field("id", i.id)
      .field("roadmap_id", i.roadmap_id)
      .field("position", i.position)
      .key("section")
      .text_or_null(i.section)
      .key("number")
      .text_or_null(i.number)
      .field("heading", i.heading)
      .field("name", i.name)
      .key("participants")
      .text_or_null(i.participants)
      .key("executors")
      .text_or_null(i.executors);
  w.key("responsible").text_or_null(e.responsible).key("co_executors").begin_array();
  for (const auto& co : e.co) w.value(co);
  w.end_array()
      .key("term")
      .text_or_null(i.term)
      .field("term_kind", i.term_kind)
      .key("term_from")
      .text_or_null(i.term_from)
      .key("term_to")
      .text_or_null(i.term_to)
      .key("term_parts");
  if (i.term_parts.empty())
    w.null();
  else
    w.raw_json(i.term_parts);  // stored by app/roadmaps as [["from","to"],…]
  w.key("expected_result")
      .text_or_null(i.expected_result)
      .key("indicator_codes")
      .text_or_null(i.indicator_codes)
      .field("status", i.status)
      .field("reports", i.reports)
      .field("updated_at", i.updated_at)
      .key("due_on")
      .text_or_null(i.due_on)
      .key("extra_columns")
      .begin_array();
  if (!i.extra_columns.empty()) {
    // Stored by app/roadmaps as [["header","value"],…].
    const auto extra = Json::parse(i.extra_columns, nullptr, false);
    if (extra.is_array())
      for (const auto& p : extra)
        if (p.is_array() && p.size() == 2 && p[0].is_string() && p[1].is_string())
          w.begin_object()
              .field("header", p[0].get<std::string>())
              .field("value", p[1].get<std::string>())
              .end_object();
  }
  w.end_array();
}

std::string_view due_state_code(domain::DueState s) {
  switch (s) {
    case domain::DueState::met:
      return "met";
    case domain::DueState::met_late:
      return "met_late";
    case domain::DueState::missed:
      return "missed";
    case domain::DueState::current:
      return "current";
    case domain::DueState::upcoming:
      return "upcoming";
  }
  return "upcoming";
}

void write_report(JsonWriter& w, const rm::Report& r) {
  w.begin_object()
      .field("id", r.id)
      .field("status", r.status)
      .field("body", r.body)
      .key("evidence_url")
      .text_or_null(r.evidence_url)
      .field("author_name", r.author_name)
      .field("created_at", r.created_at)
      .end_object();
}

// The roadmap form read whole: every problem it has at once.
rm::Roadmap roadmap_from(const Json& body, bool creating) {
  domain::Problems problems;
  const BodyReader b(body, problems);
  rm::Roadmap r;
  r.title = b.optional_text("title", 2000);
  r.owner_level = b.optional_text("owner_level", 16);
  r.territory_id = b.optional_id("territory_id").value_or(0);
  r.period_from = b.optional_text("period_from", 10);
  r.period_to = b.optional_text("period_to", 10);
  r.approved_by = b.optional_text("approved_by", 1000);
  problems.check([&] { app::check_roadmap_text(r, creating); });
  problems.raise();
  return r;
}

// An item's form read whole.
app::ItemDraft item_from(const Json& body) {
  domain::Problems problems;
  const BodyReader b(body, problems);
  app::ItemDraft d;
  d.section = b.optional_text("section", 100);
  d.number = b.optional_text("number", 32);
  d.name = b.optional_text("name", 5000);
  d.participants = b.optional_text("participants", 2000);
  d.executors = b.optional_text("executors", 2000);
  d.term = b.optional_text("term", 200);
  d.expected_result = b.optional_text("expected_result", 5000);
  d.indicator_codes = b.optional_text("indicator_codes", 500);
  d.heading = b.optional_bool("heading", false);
  problems.check([&] { app::check_roadmap_item(d); });
  problems.raise();
  return d;
}

// A saved item: its id and how its term was understood.
Response item_response(const rm::Item& item, int status) {
  JsonWriter w;
  w.begin_object()
      .field("id", item.id)
      .field("term_kind", item.term_kind)
      .key("term_from")
      .text_or_null(item.term_from)
      .key("term_to")
      .text_or_null(item.term_to)
      .end_object();
  return json_response(status, std::move(w));
}

}  // namespace

Response list_roadmaps(const Request& r, Context& ctx) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& m : app::list_roadmaps(ctx.app, *r.caller)) write_roadmap(w, m);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response create_roadmap(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const auto id = app::create_roadmap(ctx.app, *r.caller, roadmap_from(body, true), r.request_id);
  JsonWriter w;
  w.begin_object().field("id", id).end_object();
  auto resp = json_response(201, std::move(w));
  resp.headers.emplace_back("Location", "/api/v1/roadmaps/" + std::to_string(id));
  return resp;
}

Response get_roadmap(const Request& r, Context& ctx) {
  const auto card = app::get_roadmap(ctx.app, *r.caller, r.id());
  JsonWriter w;
  w.begin_object().key("roadmap");
  write_roadmap(w, card.roadmap);
  w.field("can_manage", card.can_manage).field("can_report", card.can_report).key("items").begin_array();
  for (const auto& v : card.items) {
    w.begin_object();
    write_item(w, v.item, v.executors);
    w.field("depth", v.depth).field("overdue", v.overdue).field("flagged", v.flagged).key("dues").begin_array();
    for (const auto& d : v.dues)
      w.begin_object()
          .field("from", d.cycle.from.iso())
          .field("due", d.cycle.to.iso())
          .field("state", due_state_code(d.state))
          .end_object();
    w.end_array().end_object();
  }
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response update_roadmap(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  auto changes = roadmap_from(body, false);
  changes.id = r.id();
  app::update_roadmap(ctx.app, *r.caller, changes, r.request_id);
  return no_content();
}

Response add_roadmap_item(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  return item_response(app::add_roadmap_item(ctx.app, *r.caller, r.id(), item_from(body), r.request_id), 201);
}

Response update_roadmap_item(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  return item_response(app::update_roadmap_item(ctx.app, *r.caller, r.id(), item_from(body), r.request_id), 200);
}

Response list_item_reports(const Request& r, Context& ctx) {
  const auto reports = app::item_reports(ctx.app, *r.caller, r.id());
  JsonWriter w;
  w.begin_object().field("status", reports.item.status).key("items").begin_array();
  for (const auto& p : reports.reports) write_report(w, p);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response add_item_report(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  const auto rep = app::report_on_item(
      ctx.app, *r.caller, r.id(), b.required_value<domain::ItemStatus>("status", domain::roadmap_item_statuses()),
      b.required_text("body", 40000), b.optional_text("evidence_url", 2000), r.request_id);
  JsonWriter w;
  write_report(w, rep);
  return json_response(201, std::move(w));
}

Response import_roadmap(const Request& r, Context& ctx) {
  const QueryReader q(r);
  const auto report =
      app::import_roadmap(ctx.app, *r.caller, r.id(), upload_table(r), q.boolean("dry_run").value_or(false),
                          q.boolean("replace").value_or(false), r.request_id);
  JsonWriter w;
  w.begin_object()
      .field("dry_run", report.dry_run)
      .field("applied", report.applied)
      .field("format", report.format)
      .field("items", report.items)
      .field("headings", report.headings)
      .field("flagged_terms", report.flagged_terms)
      .field("reports", report.reports)
      .field("source_rows", report.rows.size());
  w.key("sections").begin_array();
  for (const auto& s : report.sections) w.value(s);
  w.end_array().key("extra_columns").begin_array();
  for (const auto& s : report.extra_columns) w.value(s);
  w.end_array().key("remarks").begin_array();
  for (const auto& s : report.remarks) w.value(s);
  // What every source row became, and how many of each: they add up to source_rows.
  std::map<std::string_view, std::size_t> counts;
  w.end_array().key("rows").begin_array();
  for (const auto& a : report.rows) {
    ++counts[domain::row_role_code(a.role)];
    w.begin_object().field("row", a.row).field("role", domain::row_role_code(a.role));
    w.key("number").text_or_null(a.number).end_object();
  }
  w.end_array().key("row_counts").begin_object();
  for (const auto& [role, n] : counts) w.key_text(role).value(n);
  w.end_object().key("executors").begin_array();
  for (const auto& e : report.executors) {
    w.begin_object().field("executors", e.executors).field("responsible", e.parts.responsible).key("co_executors");
    w.begin_array();
    for (const auto& co : e.parts.co) w.value(co);
    w.end_array().end_object();
  }
  w.end_array().key("issues").begin_array();
  for (const auto& i : report.issues)
    w.begin_object().field("row", i.row).field("column", i.column).field("message", i.message).end_object();
  w.end_array().end_object();
  return json_response(report.applied ? 201 : 200, std::move(w));
}

Response export_roadmap(const Request& r, Context& ctx) {
  const QueryReader q(r);
  return file_response(app::export_roadmap(ctx.app, *r.caller, r.id(), file_format(q)));
}

}  // namespace metodist::http::handlers
