// The registry's gaps per organisation (app/data_quality.hpp).
#include "app/data_quality.hpp"
#include "http/handlers.hpp"
#include "http/json.hpp"

namespace metodist::http::handlers {
namespace {

void write_quality(JsonWriter& w, const domain::OrganisationQuality& q) {
  const auto fields = domain::quality_fields();
  w.field("staff", q.staff).field("completeness", domain::completeness(q));
  w.key("missing").begin_object();
  for (std::size_t i = 0; i < fields.size() && i < q.missing.size(); ++i)
    w.key_text(fields[i].code).value(q.missing[i]);
  w.end_object().field("age_unknown_teachers", q.age_unknown_teachers);
}

}  // namespace

Response data_quality_organisations(const Request& r, Context& ctx) {
  const QueryReader q(r);
  const auto limit = q.integer("limit", 50, 1, 500);
  const auto offset = q.integer("offset", 0, 0, INT32_MAX);
  const auto report =
      app::data_quality(ctx.app, *r.caller, static_cast<std::size_t>(offset), static_cast<std::size_t>(limit));
  JsonWriter w;
  w.begin_object().key("fields").begin_array();
  for (const auto& f : domain::quality_fields()) {
    w.begin_object()
        .field("code", std::string(f.code))
        .field("title", std::string(f.title))
        .field("why", std::string(f.why))
        .key("indicators")
        .begin_array();
    if (f.decides_age)
      for (const auto& code : report.age_indicators) w.value(code);
    w.end_array().end_object();
  }
  w.end_array().key("overall").begin_object();
  write_quality(w, report.overall);
  w.end_object().key("items").begin_array();
  for (const auto& o : report.items) {
    w.begin_object()
        .field("organisation_id", o.organisation_id)
        .field("code", o.code)
        .field("name", o.name)
        .field("territory_name", o.territory_name);
    write_quality(w, o);
    w.end_object();
  }
  w.end_array()
      .field("total", static_cast<std::int64_t>(report.total))
      .field("limit", limit)
      .field("offset", offset)
      .end_object();
  return json_response(200, std::move(w));
}

}  // namespace metodist::http::handlers
