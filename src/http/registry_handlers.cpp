#include "app/registry.hpp"
#include "http/handlers.hpp"
#include "http/json.hpp"

namespace metodist::http::handlers {
namespace {

Json to_json(const domain::Territory& t) {
  return {{"id", t.id},
          {"parent_id", t.parent_id ? Json(*t.parent_id) : Json(nullptr)},
          {"level", t.level},
          {"code", t.code},
          {"name", t.name}};
}

Json to_json(const domain::Organisation& o) {
  auto or_null = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); };
  return {{"id", o.id},
          {"code", o.code},
          {"name", o.name},
          {"short_name", or_null(o.short_name)},
          {"kind", o.kind},
          {"territory_id", o.territory_id},
          {"inn", or_null(o.inn)},
          {"address", or_null(o.address)},
          {"is_shnor", o.is_shnor},
          {"has_staff_plan", o.has_staff_plan},
          {"has_mentoring_model", o.has_mentoring_model}};
}

Json pairs_json(const std::vector<std::pair<std::string, std::int64_t>>& pairs) {
  Json out = Json::array();
  for (const auto& [code, count] : pairs) out.push_back({{"code", code}, {"count", count}});
  return out;
}

}  // namespace

Response list_territories(const Request& r, Context& ctx) {
  QueryReader q(r);
  storage::registry::TerritoryFilter f;
  f.parent_id = q.id("parent_id");
  f.level = q.term("level", domain::territory_levels());
  Json items = Json::array();
  for (const auto& t : app::list_territories(ctx.app, f)) items.push_back(to_json(t));
  return json_response(200, {{"items", items}});
}

Response get_territory(const Request& r, Context& ctx) {
  return json_response(200, to_json(app::get_territory(ctx.app, r.id())));
}

Response list_organisations(const Request& r, Context& ctx) {
  QueryReader q(r);
  storage::registry::OrganisationFilter f;
  f.query = q.text("q", 200);
  f.territory = q.id("territory_id");
  f.kind = q.term("kind", domain::organisation_kinds());
  f.shnor = q.boolean("shnor");
  if (auto sort = q.text("sort", 32); !sort.empty()) {
    if (!storage::registry::is_organisation_sort_key(sort))
      throw domain::Error::bad_request("Параметр «sort» принимает name, code, kind или territory (с «-» — по убыванию)",
                                       "sort");
    f.sort = sort;
  }
  f.limit = q.integer("limit", 50, 1, 500);
  f.offset = q.integer("offset", 0, 0, INT32_MAX);
  const auto page = app::list_organisations(ctx.app, f);
  Json items = Json::array();
  for (const auto& o : page.items) items.push_back(to_json(o));
  return json_response(200, {{"items", items}, {"total", page.total}, {"limit", f.limit}, {"offset", f.offset}});
}

Response get_organisation(const Request& r, Context& ctx) {
  return json_response(200, to_json(app::get_organisation(ctx.app, r.id())));
}

Response create_organisation(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  BodyReader b(body);
  domain::Organisation o;
  o.code = b.required_text("code", 64);
  o.name = b.required_text("name", 500);
  o.short_name = b.optional_text("short_name", 200);
  o.kind = b.required_term("kind", domain::organisation_kinds());
  o.territory_id = b.required_id("territory_id");
  o.inn = b.optional_text("inn", 12);
  o.address = b.optional_text("address", 500);
  o.is_shnor = b.optional_bool("is_shnor", false);
  o.has_staff_plan = b.optional_bool("has_staff_plan", false);
  o.has_mentoring_model = b.optional_bool("has_mentoring_model", false);
  auto created = app::create_organisation(ctx.app, std::move(o));
  auto resp = json_response(201, to_json(created));
  resp.headers.emplace_back("Location", "/api/v1/organisations/" + std::to_string(created.id));
  return resp;
}

Response summary(const Request& r, Context& ctx) {
  QueryReader q(r);
  const auto s = app::summary(ctx.app, q.id("territory_id"));
  return json_response(200, {{"municipalities", s.municipalities},
                             {"organisations", s.organisations},
                             {"educational_organisations", s.educational_organisations},
                             {"shnor", s.shnor},
                             {"pedagogical_workers", s.pedagogical_workers},
                             {"workers_by_category", pairs_json(s.workers_by_category)},
                             {"organisations_by_kind", pairs_json(s.organisations_by_kind)}});
}

}  // namespace metodist::http::handlers
