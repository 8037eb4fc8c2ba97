// Monitoring: indicator passports, live values per unit, the persons behind
// a number, and the справка (PDF, XLSX).
#include "app/monitoring.hpp"
#include "app/monitoring_campaigns.hpp"
#include "http/gzip.hpp"
#include "http/handlers.hpp"
#include "http/json.hpp"
#include "http/monitoring_json.hpp"

namespace metodist::http {
namespace {

void write_period(JsonWriter& w, const domain::Period& p) {
  w.begin_object()
      .field("code", p.code)
      .field("title", p.title)
      .field("from", p.from.iso())
      .field("to", p.to.iso())
      .end_object();
}

void write_population(JsonWriter& w, const domain::Population& p) {
  w.begin_object().field("title", p.title()).key("counts").begin_array();
  for (auto c : p.all) w.value(std::string(domain::count_code(c)));
  w.end_array().end_object();
}

void write_number(JsonWriter& w, const std::optional<double>& v) {
  if (v)
    w.value(*v);
  else
    w.null();
}

}  // namespace

// A target: its kind, the value (and per year), and the text the справка prints.
void write_target(JsonWriter& w, const domain::Target& t) {
  w.begin_object()
      .field("kind", std::string(domain::target_kind_code(t.kind)))
      .field("op", t.op)
      .field("value", t.value)
      .key("by_year")
      .begin_array();
  for (const auto& [y, v] : t.by_year) w.begin_object().field("year", y).field("value", v).end_object();
  w.end_array().field("text", t.text()).end_object();
}

void write_indicator(JsonWriter& w, const domain::Indicator& ind) {
  w.begin_object()
      .field("code", ind.code)
      .field("set", ind.set)
      .field("name", ind.name)
      .field("unit", ind.unit)
      .field("value_kind", std::string(domain::value_kind_code(ind.kind)))
      .key("measure")
      .text_or_null(std::string(domain::measure_code(ind.measure)))
      .key("numerator");
  write_population(w, ind.numerator);
  w.key("denominator");
  if (ind.denominator)
    write_population(w, *ind.denominator);
  else
    w.null();
  w.field("window", std::string(ind.window == domain::Window::cumulative ? "cumulative" : "period"))
      .field("periodicity", ind.periodicity)
      .key("target");
  if (ind.target)
    write_target(w, *ind.target);
  else
    w.null();
  w.field("level", std::string(domain::unit_level_code(ind.level)))
      .field("source", ind.source)
      .field("responsible", ind.responsible)
      .field("basis", ind.basis)
      .end_object();
}

void write_monitoring_values(JsonWriter& w, const app::MonitoringValues& v) {
  w.begin_object().field("set", v.set).field("unit", std::string(domain::unit_level_code(v.level)));
  w.field("data_version", v.freshness.data_version)
      .key("computed_at")
      .text_or_null(v.freshness.computed_at)
      .field("stale", v.freshness.stale)
      .key("period");
  write_period(w, v.period);
  w.key("previous");
  write_period(w, v.previous);
  w.key("indicators").begin_array();
  for (const auto& i : v.indicators) write_indicator(w, i.indicator);
  w.end_array().key("items").begin_array();
  for (const auto& i : v.indicators)
    for (const auto& u : i.units) {
      w.begin_object()
          .field("code", i.indicator.code)
          .field("unit_id", u.unit_id)
          .field("unit_name", u.unit_name)
          .key("parent_id")
          .id_or_null(u.parent_id)
          .field("numerator", u.current.numerator)
          .key("denominator")
          .id_or_null(u.current.denominator)
          .key("value");
      write_number(w, u.current.value);
      w.key("target");
      // The target of this period's year; a dynamics or relative target has no number.
      const int year = v.period.to.year();
      write_number(w, u.target && u.target->kind == domain::TargetKind::value ? std::optional(u.target->value_for(year))
                                                                              : std::nullopt);
      w.key("target_text").text_or_null(u.target ? u.target->text_for(year) : std::string());
      w.key("met");
      if (u.current.met)
        w.value(*u.current.met);
      else
        w.null();
      w.key("previous_value");
      write_number(w, u.previous.value);
      w.key("rank");
      if (u.rank)
        w.value(*u.rank);
      else
        w.null();
      w.field("locked", u.locked).field("confirmed", u.confirmed).key("evidence").text_or_null(u.evidence);
      w.field("left_out", u.left_out);
      w.end_object();
    }
  w.end_array().end_object();
}

namespace handlers {

Response monitoring_indicators(const Request& r, Context& ctx) {
  const auto set = QueryReader(r).text("set", 16);
  JsonWriter w;
  w.begin_object().key("sets").begin_array();
  for (auto s : domain::indicator_sets())
    w.begin_object()
        .field("code", std::string(s))
        .field("title", std::string(domain::indicator_set_title(s)))
        .end_object();
  w.begin_object().field("code", "reg").field("title", "Показатели региона").end_object();
  // The counting primitives a region composes its own indicators from.
  w.end_array().key("counts").begin_array();
  for (std::size_t k = 0; k < domain::kCountKinds; ++k) {
    const auto c = static_cast<domain::Count>(k);
    const auto subject = domain::subject_of(c);
    w.begin_object()
        .field("code", std::string(domain::count_code(c)))
        .field("title", std::string(domain::count_title(c)))
        .field("subject", std::string(subject == domain::Subject::person         ? "person"
                                      : subject == domain::Subject::organisation ? "organisation"
                                      : subject == domain::Subject::community    ? "community"
                                      : subject == domain::Subject::event        ? "event"
                                      : subject == domain::Subject::municipality ? "municipality"
                                                                                 : "help_request"))
        .end_object();
  }
  // What a computed mean may average.
  w.end_array().key("measures").begin_array();
  for (auto m : {domain::Measure::competency_score, domain::Measure::literacy_score})
    w.begin_object()
        .field("code", std::string(domain::measure_code(m)))
        .field("title", std::string(domain::measure_title(m)))
        .end_object();
  w.end_array().key("items").begin_array();
  if (set != "reg")
    for (const auto* i : domain::indicators_of_set(set)) write_indicator(w, *i);
  if (set.empty() || set == "reg")
    for (const auto& x : app::list_custom_indicators(ctx.app, *r.caller)) {
      // The region's own: the passport plus whose it is.
      JsonWriter one;
      write_indicator(one, app::indicator_of(x));
      auto text = one.take();
      text.pop_back();
      w.raw_json(text + ",\"region_id\":" + std::to_string(x.region_id) + ",\"id\":" + std::to_string(x.id) + "}");
    }
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

namespace {

std::vector<std::string> codes_of(const BodyReader& b, const char* field) { return b.string_list(field, 64); }
std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

void write_campaign(JsonWriter& w, const storage::monitoring::Campaign& k) {
  w.begin_object()
      .field("id", k.id)
      .field("region_id", k.region_id)
      .field("region_name", k.region_name)
      .field("title", k.title)
      .field("set", k.set)
      .field("period", k.period)
      .field("collect_from", k.collect_from)
      .field("collect_to", k.collect_to)
      .key("report_due")
      .text_or_null(k.report_due)
      .field("status", k.status)
      .key("closed_at")
      .text_or_null(k.closed_at)
      .field("submissions", k.submissions)
      .field("approved", k.approved)
      .end_object();
}

}  // namespace

namespace {

// A target from a body: `prefix` "target_" for an indicator's own fields
// (target_kind, target_op, target_value, targets_by_year), "" for a region's
// setting (kind, op, value, by_year).
app::TargetDraft target_draft(const BodyReader& b, const std::string& prefix) {
  app::TargetDraft t;
  t.kind = b.optional_text((prefix + "kind").c_str(), 16);
  t.op = b.optional_text((prefix + "op").c_str(), 4);
  t.value = b.optional_number((prefix + "value").c_str());
  t.by_year = b.optional_text((prefix.empty() ? std::string("by_year") : "targets_by_year").c_str(), 1000);
  return t;
}

storage::monitoring::CustomIndicator custom_from(const BodyReader& b) {
  storage::monitoring::CustomIndicator d;
  d.region_id = b.optional_id("region_id").value_or(0);
  d.code = b.required_text("code", 32);
  d.name = b.required_text("name", 2000);
  d.unit = b.optional_text("unit", 64);
  d.value_kind = b.optional_text("value_kind", 16);
  d.measure = b.optional_text("measure", 32);
  d.source = b.optional_text("source", 16);
  if (d.source.empty()) d.source = "computed";
  d.numerator = joined(codes_of(b, "numerator"));
  d.denominator = joined(codes_of(b, "denominator"));
  d.window = b.optional_text("window", 16);
  if (d.window.empty()) d.window = "period";
  d.periodicity = b.optional_text("periodicity", 200);
  // The unit is settled by the value's kind (app::check_custom), which holds a share's target to 100 %.
  d.target = storage::monitoring::stored(app::target_from(target_draft(b, "target_"), ""));
  d.responsible = b.optional_text("responsible", 300);
  d.basis = b.optional_text("basis", 1000);
  return d;
}

}  // namespace

Response create_custom_indicator(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  auto d = custom_from(BodyReader(body));
  const auto id = app::create_custom_indicator(ctx.app, *r.caller, d, r.request_id);
  JsonWriter w;
  w.begin_object().field("id", id).field("code", d.code).end_object();
  return json_response(201, std::move(w));
}

Response update_custom_indicator(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  auto d = custom_from(BodyReader(body));
  d.id = r.id();
  app::update_custom_indicator(ctx.app, *r.caller, d, r.request_id);
  JsonWriter w;
  w.begin_object().field("id", d.id).field("code", d.code).end_object();
  return json_response(200, std::move(w));
}

Response delete_custom_indicator(const Request& r, Context& ctx) {
  app::delete_custom_indicator(ctx.app, *r.caller, r.id(), r.request_id);
  return no_content();
}

Response get_region_targets(const Request& r, Context& ctx) {
  JsonWriter w;
  w.begin_object().field("region_id", r.id()).key("items").begin_array();
  for (const auto& s : app::region_targets(ctx.app, *r.caller, r.id())) {
    w.begin_object().field("code", s.code).key("op").text_or_null(s.target.op.value_or("")).key("value");
    if (s.target.value)
      w.value(*s.target.value);
    else
      w.null();
    const auto* builtin = domain::find_indicator(s.code);
    const auto target = storage::monitoring::target_of(s.target, builtin ? builtin->unit : "%");
    w.field("kind", s.target.kind.empty() ? std::string("value") : s.target.kind).key("by_year").begin_array();
    if (target)
      for (const auto& [y, v] : target->by_year) w.begin_object().field("year", y).field("value", v).end_object();
    w.end_array().key("text").text_or_null(target ? target->text() : std::string());
    w.key("responsible").text_or_null(s.responsible).end_object();
  }
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response put_region_target(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  app::set_indicator_target(ctx.app, *r.caller, r.id(), b.required_text("code", 32), target_draft(b, ""),
                            b.optional_text("responsible", 300), r.request_id);
  return get_region_targets(r, ctx);
}

Response list_monitoring_campaigns(const Request& r, Context& ctx) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& k : app::list_monitoring_campaigns(ctx.app, *r.caller)) write_campaign(w, k);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response get_monitoring_campaign(const Request& r, Context& ctx) {
  const auto card = app::get_monitoring_campaign(ctx.app, *r.caller, r.id());
  JsonWriter w;
  w.begin_object().key("campaign");
  write_campaign(w, card.campaign);
  w.field("can_manage", card.can_manage).key("indicators").begin_array();
  for (const auto& i : card.indicators) write_indicator(w, i);
  w.end_array().key("submissions").begin_array();
  for (const auto& s : card.submissions) {
    w.begin_object()
        .field("id", s.submission.id)
        .field("territory_id", s.submission.territory_id)
        .field("territory_name", s.submission.territory_name)
        .field("status", s.submission.status)
        .key("comment")
        .text_or_null(s.submission.comment)
        .key("submitted_at")
        .text_or_null(s.submission.submitted_at)
        .key("decided_at")
        .text_or_null(s.submission.decided_at)
        .field("can_edit", s.can_edit)
        .field("can_decide", s.can_decide)
        .key("entries")
        .begin_array();
    for (const auto& e : s.entries) {
      w.begin_object().field("code", e.code).key("numerator");
      write_number(w, e.numerator);
      w.key("denominator")
          .id_or_null(e.denominator)
          .field("confirmed", e.confirmed)
          .key("evidence")
          .text_or_null(e.evidence)
          .key("note")
          .text_or_null(e.note)
          .end_object();
    }
    w.end_array().end_object();
  }
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response create_monitoring_campaign(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  storage::monitoring::Campaign d;
  d.region_id = b.required_id("region_id");
  d.title = b.required_text("title", 1000);
  d.set = b.required_text("set", 8);
  d.period = b.required_text("period", 32);
  d.collect_from = b.required_text("collect_from", 10);
  d.collect_to = b.required_text("collect_to", 10);
  d.report_due = b.optional_text("report_due", 10);
  const auto id = app::create_monitoring_campaign(ctx.app, *r.caller, d, r.request_id);
  Request created = r;
  created.ids = {id};
  auto resp = get_monitoring_campaign(created, ctx);
  resp.status = 201;
  resp.headers.emplace_back("Location", "/api/v1/monitoring/campaigns/" + std::to_string(id));
  return resp;
}

Response put_submission_entries(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  std::vector<storage::monitoring::Entry> entries;
  for (const auto& e : BodyReader(body).object_list("entries")) {
    storage::monitoring::Entry x;
    x.code = e.required_text("code", 32);
    x.numerator = e.optional_number("numerator");  // a count or a mean may be decimal: app checks by the kind
    x.denominator = e.optional_integer("denominator", 0, 1'000'000'000);
    x.confirmed = e.optional_bool("confirmed", false);
    x.evidence = e.optional_text("evidence", 2000);
    x.note = e.optional_text("note", 8000);
    entries.push_back(std::move(x));
  }
  app::save_entries(ctx.app, *r.caller, r.id(), entries, r.request_id);
  JsonWriter w;
  w.begin_object().field("saved", entries.size()).end_object();
  return json_response(200, std::move(w));
}

Response change_submission_status(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  const auto status = b.required_value<domain::SubmissionStatus>("status", domain::submission_statuses());
  app::move_submission(ctx.app, *r.caller, r.id(), status, b.optional_text("comment", 4000), r.request_id);
  JsonWriter w;
  w.begin_object().field("status", status).end_object();
  return json_response(200, std::move(w));
}

Response close_monitoring_campaign(const Request& r, Context& ctx) {
  app::close_monitoring_campaign(ctx.app, *r.caller, r.id(), r.request_id);
  return get_monitoring_campaign(r, ctx);
}

Response monitoring_values(const Request& r, Context& ctx) {
  const QueryReader q(r);
  const auto answer = app::monitoring_answer(ctx.app, *r.caller, q.text("set", 16), q.text("unit", 16),
                                             q.text("period", 32), q.id("parent_id"));
  // Written (and gzipped) once per answer; every caller of the same answer
  // gets those bytes — most requests under load repeat one another.
  auto& rendered = *answer->rendered;
  std::lock_guard lock(rendered.mu);
  if (rendered.plain.empty()) {
    JsonWriter w;
    write_monitoring_values(w, answer->values);
    rendered.plain = w.take();
  }
  Response resp;
  const auto* accept = r.header("accept-encoding");
  const bool wanted = gzip_wanted(accept ? *accept : std::string_view{}, resp.content_type, rendered.plain.size());
  if (wanted && rendered.gzip.empty())
    if (auto zipped = gzip_or_plain(rendered.plain, r.request_id)) rendered.gzip = std::move(*zipped);
  if (wanted && !rendered.gzip.empty()) {
    resp.body = rendered.gzip;
    resp.headers.emplace_back("Content-Encoding", "gzip");
    resp.headers.emplace_back("Vary", "Accept-Encoding");
  } else {
    resp.body = rendered.plain;  // the dispatcher adds Vary as to any answer it could have compressed
  }
  return resp;
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
  for (const auto& p : list)
    w.begin_object().field("id", p.id).field("name", p.name).field("organisations", p.organisations).end_object();
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
