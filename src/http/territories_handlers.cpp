// The territory registry over HTTP: the list and its export, a territory with
// its history, creating, renaming and merging, and the territory import.
#include "app/export.hpp"
#include "app/import.hpp"
#include "app/registry.hpp"
#include "app/territories.hpp"
#include "domain/territories.hpp"
#include "http/handlers.hpp"
#include "http/json.hpp"

namespace metodist::http::handlers {
namespace {

JsonWriter& territory_fields(JsonWriter& w, const domain::Territory& t) {
  w.begin_object()
      .field("id", t.id)
      .key("parent_id")
      .id_or_null(t.parent_id)
      .field("level", t.level)
      .field("code", t.code)
      .field("name", t.name)
      .key("oktmo")
      .text_or_null(t.oktmo)
      .key("subject_number");
  if (t.subject_number)
    w.value(*t.subject_number);
  else
    w.null();
  return w.key("municipality_kind")
      .text_or_null(t.municipality_kind)
      .key("abolished_on")
      .text_or_null(t.abolished_on)
      .key("merged_into_id")
      .id_or_null(t.merged_into_id)
      .key("time_zone")
      .text_or_null(t.time_zone);
}

void write(JsonWriter& w, const domain::Territory& t) { territory_fields(w, t).end_object(); }

void write(JsonWriter& w, const storage::registry::TerritoryChange& x) {
  w.begin_object()
      .field("change", x.change)
      .field("happened_on", x.happened_on)
      .key("old_name")
      .text_or_null(x.old_name)
      .key("new_name")
      .text_or_null(x.new_name)
      .key("old_code")
      .text_or_null(x.old_code)
      .key("new_code")
      .text_or_null(x.new_code)
      .key("old_oktmo")
      .text_or_null(x.old_oktmo)
      .key("new_oktmo")
      .text_or_null(x.new_oktmo)
      .field("territory_id", x.territory_id)
      .key("into_territory_id")
      .id_or_null(x.into_territory_id)
      .key("into_name")
      .text_or_null(x.into_name)
      .key("organisations_moved")
      .id_or_null(x.organisations_moved)
      .field("recorded_at", x.recorded_at)
      .end_object();
}

Response territory_response(app::App& app, const app::Caller& caller, const domain::Territory& t, int status = 200) {
  JsonWriter w;
  territory_fields(w, t).key("history").begin_array();
  for (const auto& x : app::territory_history(app, caller, t.id)) write(w, x);
  w.end_array().end_object();
  return json_response(status, std::move(w));
}

// The filters of the territory list, shared by the page and its export.
storage::registry::TerritoryFilter territory_filter(const QueryReader& q) {
  storage::registry::TerritoryFilter f;
  f.parent_id = q.id("parent_id");
  f.level = q.term("level", domain::territory_levels());
  f.query = q.text("q", 200);
  f.include_abolished = q.boolean("abolished").value_or(true);
  return f;
}

// The fields of POST and PUT /territories (level and parent only on POST).
domain::Territory territory_from_body(const BodyReader& b, bool creating) {
  domain::Territory t;
  if (creating) {
    t.level = b.required_term("level", domain::territory_levels());
    t.parent_id = b.optional_id("parent_id");
    t.code = b.optional_text("code", 40);
  } else {
    t.code = b.required_text("code", 40);
  }
  t.name = b.required_text("name", 300);
  t.oktmo = b.optional_text("oktmo", 20);
  if (auto n = b.optional_integer("subject_number", 1, 99)) t.subject_number = static_cast<int>(*n);
  t.municipality_kind = b.optional_term("municipality_kind", domain::municipality_kinds());  // code or title
  t.time_zone = b.optional_text("time_zone", 40);  // absent: unchanged; «inherit»: as the territory above
  return t;
}

}  // namespace

Response list_territories(const Request& r, Context& ctx) {
  const auto f = territory_filter(QueryReader(r));
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& t : app::list_territories(ctx.app, *r.caller, f)) write(w, t);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response export_territories(const Request& r, Context& ctx) {
  const QueryReader q(r);
  return file_response(app::export_territories(ctx.app, *r.caller, territory_filter(q), file_format(q)));
}

Response get_territory(const Request& r, Context& ctx) {
  return territory_response(ctx.app, *r.caller, app::get_territory(ctx.app, *r.caller, r.id()));
}

Response create_territory(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  auto created = app::create_territory(ctx.app, *r.caller, territory_from_body(b, true),
                                       b.optional_text("created_on", 10), r.request_id);
  auto resp = territory_response(ctx.app, *r.caller, created, 201);
  resp.headers.emplace_back("Location", "/api/v1/territories/" + std::to_string(created.id));
  return resp;
}

Response update_territory(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  auto updated = app::update_territory(ctx.app, *r.caller, r.id(), territory_from_body(b, false),
                                       b.optional_text("changed_on", 10), r.request_id);
  return territory_response(ctx.app, *r.caller, updated);
}

Response merge_territory(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  const auto result = app::merge_territory(ctx.app, *r.caller, r.id(), b.required_id("into_id"),
                                           b.required_text("merged_on", 10), r.request_id);
  JsonWriter w;
  w.begin_object().key("merged");
  write(w, result.merged);
  w.key("into");
  write(w, result.into);
  w.field("organisations_moved", result.moved.organisations)
      .field("role_assignments_moved", result.moved.role_assignments)
      .end_object();
  return json_response(200, std::move(w));
}

Response import_territories(const Request& r, Context& ctx) {
  app::ImportOptions options;
  options.dry_run = QueryReader(r).boolean("dry_run").value_or(false);
  return report_response(
      app::import_table(ctx.app, *r.caller, "territories", upload_table(r), options, {}, r.request_id));
}

Response import_template_territories(const Request& r, Context&) {
  return file_response(app::import_template("territories", file_format(QueryReader(r))));
}

}  // namespace metodist::http::handlers
