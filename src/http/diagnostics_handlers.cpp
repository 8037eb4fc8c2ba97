// Diagnostics endpoints: the competency framework, campaigns, the upload of
// results, the heat map, and one person's results (confidential).
#include <cmath>

#include "app/diagnostics.hpp"
#include "domain/competency.hpp"
#include "domain/error.hpp"
#include "domain/route.hpp"
#include "http/handlers.hpp"
#include "http/json.hpp"
#include "io/table.hpp"

namespace metodist::http::handlers {
namespace {

namespace dia = storage::diagnostics;

void write_competency(JsonWriter& w, const dia::CompetencyRow& k) {
  w.begin_object()
      .field("id", k.id)
      .field("code", k.code)
      .field("group", k.group)
      .field("title", k.title)
      .key("threshold");
  if (k.threshold)
    w.value(*k.threshold);
  else
    w.null();
  w.field("is_active", k.is_active).end_object();
}

void write_campaign(JsonWriter& w, const dia::Campaign& k) {
  w.begin_object()
      .field("id", k.id)
      .field("title", k.title)
      .field("kind", k.kind)
      .field("instrument", k.instrument)
      .key("provider")
      .text_or_null(k.provider)
      .field("territory_id", k.territory_id)
      .field("territory_name", k.territory_name)
      .field("starts_on", k.starts_on)
      .field("ends_on", k.ends_on)
      .field("persons", k.persons)
      .end_object();
}

}  // namespace

Response list_competencies(const Request&, Context& ctx) {
  JsonWriter w;
  w.begin_object().key("groups");
  write_terms(w, domain::competency_groups());
  w.field("default_threshold", app::kDefaultDeficitThreshold);
  w.key("items").begin_array();
  for (const auto& k : app::list_competencies(ctx.app)) write_competency(w, k);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response update_competency(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  const auto k =
      app::update_competency(ctx.app, *r.caller, r.id(), b.required_text("title", 300), b.optional_number("threshold"),
                             b.optional_bool("is_active", true), r.request_id);
  JsonWriter w;
  write_competency(w, k);
  return json_response(200, std::move(w));
}

Response list_campaigns(const Request& r, Context& ctx) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& k : app::list_campaigns(ctx.app, *r.caller)) write_campaign(w, k);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response create_campaign(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  dia::Campaign d;
  d.title = b.required_text("title", 300);
  d.kind = b.required_text("kind", 32);
  d.instrument = b.required_text("instrument", 300);
  d.provider = b.optional_text("provider", 300);
  d.territory_id = b.required_id("territory_id");
  d.starts_on = b.required_text("starts_on", 10);
  d.ends_on = b.required_text("ends_on", 10);
  const auto k = app::create_campaign(ctx.app, *r.caller, std::move(d), r.request_id);
  JsonWriter w;
  write_campaign(w, k);
  auto resp = json_response(201, std::move(w));
  resp.headers.emplace_back("Location", "/api/v1/diagnostics/campaigns/" + std::to_string(k.id));
  return resp;
}

Response get_campaign(const Request& r, Context& ctx) {
  JsonWriter w;
  write_campaign(w, app::get_campaign(ctx.app, *r.caller, r.id()));
  return json_response(200, std::move(w));
}

Response import_campaign_results(const Request& r, Context& ctx) {
  const QueryReader q(r);
  const bool dry_run = q.boolean("dry_run").value_or(false);
  return report_response(app::import_results(ctx.app, *r.caller, r.id(), upload_table(r), dry_run, r.request_id));
}

Response campaign_heatmap(const Request& r, Context& ctx) {
  const QueryReader q(r);
  const auto by = q.text("by", 16);
  if (!by.empty() && by != "organisation" && by != "municipality")
    throw domain::Error::bad_request("Параметр «by»: organisation или municipality", "by");
  const auto map = app::deficit_heatmap(ctx.app, *r.caller, r.id(), by == "municipality");
  JsonWriter w;
  w.begin_object()
      .field("by", by.empty() ? std::string("organisation") : by)
      .field("min_cell_persons", app::kMinCellPersons);
  w.key("cells").begin_array();
  for (const auto& c : map.cells) {
    w.begin_object().field("unit_id", c.unit_id).field("unit_name", c.unit_name).field("competency", c.competency_code);
    if (c.tested < 0) {
      w.key("tested").null().key("deficits").null().field("withheld", true);
    } else {
      w.field("tested", c.tested).field("deficits", c.deficits).field("withheld", false);
    }
    w.end_object();
  }
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response person_diagnostics(const Request& r, Context& ctx) {
  const auto d = app::person_diagnostics(ctx.app, *r.caller, r.id());
  JsonWriter w;
  w.begin_object().key("results").begin_array();
  for (std::size_t i = 0; i < d.results.size(); ++i) {
    const auto& x = d.results[i];
    w.begin_object()
        .field("campaign_id", x.campaign_id)
        .field("campaign_title", x.campaign_title)
        .field("kind", x.kind)
        .key("competency")
        .text_or_null(x.competency_code)
        .key("competency_title")
        .text_or_null(x.competency_title)
        .field("raw_score", x.raw_score)
        .field("max_score", x.max_score)
        .field("percent", x.percent)
        .field("level", d.levels[i].band.code)
        .field("level_title", d.levels[i].band.title)
        .field("level_index", static_cast<std::int64_t>(d.levels[i].index))
        .field("levels_count", static_cast<std::int64_t>(d.levels[i].of))
        .field("measured_on", x.measured_on)
        .end_object();
  }
  w.end_array().key("deficits").begin_array();
  for (const auto& c : d.deficits) w.value(c);
  w.end_array().key("dynamics").begin_array();
  for (const auto& c : d.dynamics)
    w.begin_object()
        .field("competency", c.competency)
        .field("before", c.before)
        .field("after", c.after)
        .field("delta", c.delta())
        .end_object();
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

namespace {

Response levels_response(const app::RegionLevels& l) {
  JsonWriter w;
  w.begin_object()
      .field("region_id", l.region_id)
      .field("region_name", l.region_name)
      .field("standard", l.standard)
      .field("can_edit", l.can_edit)
      .key("levels")
      .begin_array();
  for (const auto& b : l.bands)
    w.begin_object().field("code", b.code).field("title", b.title).field("from_percent", b.from_percent).end_object();
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

void write_dynamics_cell(JsonWriter& w, const storage::diagnostics::DynamicsCell& c, bool with_unit) {
  w.begin_object();
  if (with_unit) w.field("unit_id", c.unit_id).field("unit_name", c.unit_name);
  w.field("competency", c.competency_code);
  if (c.persons < 0) {
    w.key("persons").null().key("before").null().key("after").null().key("delta").null();
    w.key("deficits_before").null().key("deficits_after").null().field("withheld", true);
  } else {
    // Means to a tenth, as the person's results are.
    const auto tenth = [](double v) { return std::round(v * 10) / 10; };
    w.field("persons", c.persons)
        .field("before", tenth(c.before))
        .field("after", tenth(c.after))
        .field("delta", tenth(c.after) - tenth(c.before))
        .field("deficits_before", c.deficits_before)
        .field("deficits_after", c.deficits_after)
        .field("withheld", false);
  }
  w.end_object();
}

}  // namespace

Response get_region_levels(const Request& r, Context& ctx) {
  return levels_response(app::region_levels(ctx.app, *r.caller, r.id()));
}

Response put_region_levels(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  std::vector<domain::LevelBand> bands;
  for (const auto& b : BodyReader(body).object_list("levels")) {
    const auto from = b.optional_number("from_percent");
    if (!from)
      throw domain::Error::validation("levels", "У каждого уровня — нижняя граница в процентах (from_percent)");
    bands.push_back({b.required_text("code", 64), b.required_text("title", 400), *from});
  }
  return levels_response(app::set_region_levels(ctx.app, *r.caller, r.id(), std::move(bands), r.request_id));
}

Response diagnostics_dynamics(const Request& r, Context& ctx) {
  const QueryReader q(r);
  const auto before = q.id("before"), after = q.id("after");
  if (!before) throw domain::Error::validation("before", "Укажите кампанию «до» (before)");
  if (!after) throw domain::Error::validation("after", "Укажите кампанию «после» (after)");
  const auto by = q.text("by", 16);
  if (!by.empty() && by != "organisation" && by != "municipality")
    throw domain::Error::validation("by", "Группировка: organisation или municipality");
  const auto d = app::group_dynamics(ctx.app, *r.caller, *before, *after, by == "municipality");
  JsonWriter w;
  w.begin_object()
      .key("before")
      .begin_object()
      .field("id", d.before.id)
      .field("title", d.before.title)
      .field("starts_on", d.before.starts_on)
      .field("ends_on", d.before.ends_on)
      .end_object()
      .key("after")
      .begin_object()
      .field("id", d.after.id)
      .field("title", d.after.title)
      .field("starts_on", d.after.starts_on)
      .field("ends_on", d.after.ends_on)
      .end_object()
      .field("by", by == "municipality" ? "municipality" : "organisation")
      .field("min_persons", app::kMinCellPersons);
  w.key("total").begin_array();
  for (const auto& c : d.total) write_dynamics_cell(w, c, false);
  w.end_array().key("cells").begin_array();
  for (const auto& c : d.cells) write_dynamics_cell(w, c, true);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

}  // namespace metodist::http::handlers
