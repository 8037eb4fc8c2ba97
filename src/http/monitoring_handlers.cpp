// Monitoring: indicator passports, live values per unit, the persons behind
// a number, and the справка (PDF, XLSX).
#include "app/monitoring.hpp"
#include "http/handlers.hpp"
#include "http/json.hpp"
#include "http/monitoring_json.hpp"

namespace metodist::http {
namespace {

void write_period(JsonWriter& w, const domain::Period& p) {
  w.begin_object().field("code", p.code).field("title", p.title).field("from", p.from.iso()).field("to", p.to.iso()).end_object();
}

void write_population(JsonWriter& w, const domain::Population& p) {
  w.begin_object().field("title", p.title()).key("counts").begin_array();
  for (auto c : p.all) w.value(std::string(domain::count_code(c)));
  w.end_array().end_object();
}

void write_number(JsonWriter& w, const std::optional<double>& v) {
  if (v) w.value(*v);
  else w.null();
}

}  // namespace

void write_indicator(JsonWriter& w, const domain::Indicator& ind) {
  w.begin_object()
      .field("code", ind.code)
      .field("set", ind.set)
      .field("name", ind.name)
      .field("unit", ind.unit)
      .key("numerator");
  write_population(w, ind.numerator);
  w.key("denominator");
  if (ind.denominator) write_population(w, *ind.denominator);
  else w.null();
  w.field("window", std::string(ind.window == domain::Window::cumulative ? "cumulative" : "period"))
      .field("periodicity", ind.periodicity)
      .key("target");
  if (ind.target) w.begin_object().field("op", ind.target->op).field("value", ind.target->value).field("text", ind.target->text()).end_object();
  else w.null();
  w.field("level", std::string(domain::unit_level_code(ind.level)))
      .field("source", ind.source)
      .field("responsible", ind.responsible)
      .field("basis", ind.basis)
      .end_object();
}

void write_monitoring_values(JsonWriter& w, const app::MonitoringValues& v) {
  w.begin_object().field("set", v.set).field("unit", std::string(domain::unit_level_code(v.level))).key("period");
  write_period(w, v.period);
  w.key("previous");
  write_period(w, v.previous);
  w.key("indicators").begin_array();
  for (const auto& i : v.indicators) write_indicator(w, *i.indicator);
  w.end_array().key("items").begin_array();
  for (const auto& i : v.indicators)
    for (const auto& u : i.units) {
      w.begin_object()
          .field("code", i.indicator->code)
          .field("unit_id", u.unit_id)
          .field("unit_name", u.unit_name)
          .key("parent_id").id_or_null(u.parent_id)
          .field("numerator", u.current.numerator)
          .key("denominator").id_or_null(u.current.denominator)
          .key("value");
      write_number(w, u.current.value);
      w.key("target");
      write_number(w, i.indicator->target ? std::optional(i.indicator->target->value) : std::nullopt);
      w.key("met");
      if (u.current.met) w.value(*u.current.met);
      else w.null();
      w.key("previous_value");
      write_number(w, u.previous.value);
      w.key("rank");
      if (u.rank) w.value(*u.rank);
      else w.null();
      w.end_object();
    }
  w.end_array().end_object();
}

namespace handlers {

Response monitoring_indicators(const Request& r, Context&) {
  const auto set = QueryReader(r).text("set", 16);
  JsonWriter w;
  w.begin_object().key("sets").begin_array();
  for (auto s : domain::indicator_sets())
    w.begin_object().field("code", std::string(s)).field("title", std::string(domain::indicator_set_title(s))).end_object();
  w.end_array().key("items").begin_array();
  for (const auto* i : domain::indicators_of_set(set)) write_indicator(w, *i);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response monitoring_values(const Request& r, Context& ctx) {
  const QueryReader q(r);
  const auto v = app::monitoring_values(ctx.app, *r.caller, q.text("set", 16), q.text("unit", 16), q.text("period", 32),
                                        q.id("parent_id"));
  JsonWriter w;
  write_monitoring_values(w, v);
  return json_response(200, std::move(w));
}

Response monitoring_persons(const Request& r, Context& ctx) {
  const QueryReader q(r);
  const auto unit_id = q.id("unit_id");
  if (!unit_id) throw domain::Error::validation("unit_id", "Укажите единицу мониторинга (unit_id)");
  const auto which = q.text("which", 16);
  if (!which.empty() && which != "numerator" && which != "denominator")
    throw domain::Error::validation("which", "which: numerator или denominator");
  const auto list = app::monitoring_persons(ctx.app, *r.caller, q.text("code", 16), q.text("unit", 16), *unit_id,
                                            q.text("period", 32), which == "denominator");
  JsonWriter w;
  w.begin_object().field("total", list.size()).key("items").begin_array();
  for (const auto& p : list) w.begin_object().field("id", p.id).field("name", p.name).field("organisations", p.organisations).end_object();
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response monitoring_report(const Request& r, Context& ctx) {
  const QueryReader q(r);
  const auto territory = q.id("territory_id");
  if (!territory) throw domain::Error::validation("territory_id", "Укажите территорию справки (territory_id)");
  const auto format = q.text("format", 8);
  return file_response(app::monitoring_report(ctx.app, *r.caller, q.text("set", 16), q.text("period", 32), *territory,
                                              format.empty() ? "pdf" : format));
}

}  // namespace handlers
}  // namespace metodist::http
