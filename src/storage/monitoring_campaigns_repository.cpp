#include "storage/monitoring_campaigns_repository.hpp"

#include <nlohmann/json.hpp>

#include "domain/date.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::storage::monitoring {
namespace {

using CS = domain::CampaignStatus;
using SS = domain::SubmissionStatus;
using registry::literal;

Value real_or_null(std::optional<double> v) { return v ? Value{*v} : Value{nullptr}; }
Value text_opt(const std::optional<std::string>& v) { return v ? Value{*v} : Value{nullptr}; }

const std::string kCampaignSelect =
    "SELECT k.id, k.region_id, t.name, k.title, k.indicator_set, k.period, k.collect_from, k.collect_to,"
    " COALESCE(k.report_due, '') AS report_due, k.status, COALESCE(k.closed_at, '') AS closed_at,"
    " (SELECT COUNT(*) FROM monitoring_submissions s WHERE s.campaign_id = k.id) AS submissions,"
    " (SELECT COUNT(*) FROM monitoring_submissions s WHERE s.campaign_id = k.id AND s.status = " +
    literal(SS::approved) +
    ") AS approved"
    " FROM monitoring_campaigns k JOIN territories t ON t.id = k.region_id";

Campaign campaign_from(const Row& r) {
  return {r.int64("id"),           r.int64("region_id"),
          r.text("name"),          r.text("title"),
          r.text("indicator_set"), r.text("period"),
          r.text("collect_from"),  r.text("collect_to"),
          r.text("report_due"),    domain::stored_value<CS>(domain::campaign_statuses(), r.view("status")),
          r.text("closed_at"),     r.int64("submissions"),
          r.int64("approved")};
}

const char* const kSubmissionSelect =
    "SELECT s.id, s.campaign_id, s.territory_id, t.name, s.status, COALESCE(s.comment, '') AS comment, COALESCE(s.submitted_at, '') AS submitted_at,"
    " COALESCE(s.decided_at, '') AS decided_at FROM monitoring_submissions s JOIN territories t ON t.id = s.territory_id";

Submission submission_from(const Row& r) {
  return {r.int64("id"),
          r.int64("campaign_id"),
          r.int64("territory_id"),
          r.text("name"),
          domain::stored_value<SS>(domain::submission_statuses(), r.view("status")),
          r.text("comment"),
          r.text("submitted_at"),
          r.text("decided_at")};
}

}  // namespace

std::optional<domain::Target> target_of(const StoredTarget& t, const std::string& unit) {
  const auto kind = domain::parse_target_kind(t.kind.empty() ? "value" : t.kind).value_or(domain::TargetKind::value);
  if (kind == domain::TargetKind::value && !t.op) return std::nullopt;
  domain::Target out;
  out.kind = kind;
  out.op = t.op.value_or(">=");
  out.value = t.value.value_or(0);
  out.unit = unit;
  if (!t.by_year.empty()) {
    const auto a = nlohmann::json::parse(t.by_year, nullptr, false);
    if (a.is_array())
      for (const auto& p : a)
        if (p.is_array() && p.size() == 2 && p[0].is_number_integer() && p[1].is_number())
          out.by_year.emplace_back(p[0].get<int>(), p[1].get<double>());
  }
  return out;
}

StoredTarget stored(const std::optional<domain::Target>& t) {
  StoredTarget s;
  if (!t) return s;
  s.kind = std::string(domain::target_kind_code(t->kind));
  if (t->kind == domain::TargetKind::value) {
    s.op = t->op;
    s.value = t->value;
  }
  if (!t->by_year.empty()) {
    auto a = nlohmann::json::array();
    for (const auto& [y, v] : t->by_year) a.push_back({y, v});
    s.by_year = a.dump();
  }
  return s;
}

namespace {

StoredTarget target_from(const Row& r) {
  return {r.opt_text("target_op"), r.opt_real("target_value"), r.text("target_kind"), r.text("targets_by_year")};
}

}  // namespace

std::vector<Setting> settings(Connection& c) {
  std::vector<Setting> out;
  c.run(
      "SELECT region_id, code, target_op, target_value, COALESCE(target_kind, '') AS target_kind,"
      " COALESCE(targets_by_year, '') AS targets_by_year, COALESCE(responsible, '') AS responsible"
      " FROM indicator_settings",
      {}, [&](const Row& r) {
        out.push_back({r.int64("region_id"), r.text("code"), target_from(r), r.text("responsible")});
      });
  return out;
}

void put_setting(Connection& c, const Setting& s) {
  c.execute(
      "INSERT INTO indicator_settings (region_id, code, target_op, target_value, target_kind, targets_by_year,"
      " responsible, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (region_id, code) DO UPDATE SET"
      " target_op = excluded.target_op, target_value = excluded.target_value, target_kind = excluded.target_kind,"
      " targets_by_year = excluded.targets_by_year, responsible = excluded.responsible, updated_at = excluded.updated_at",
      {s.region_id, s.code, text_opt(s.target.op), real_or_null(s.target.value), text_or_null(s.target.kind),
       text_or_null(s.target.by_year), text_or_null(s.responsible), domain::utc_timestamp_now()});
}

void delete_setting(Connection& c, std::int64_t region_id, const std::string& code) {
  c.execute("DELETE FROM indicator_settings WHERE region_id = $1 AND code = $2", {region_id, code});
}

std::vector<CustomIndicator> custom_indicators(Connection& c) {
  std::vector<CustomIndicator> out;
  c.run(
      "SELECT id, region_id, code, name, unit, source, COALESCE(numerator, '') AS numerator,"
      " COALESCE(denominator, '') AS denominator, time_window, periodicity, target_op, target_value,"
      " COALESCE(target_kind, '') AS target_kind, COALESCE(targets_by_year, '') AS targets_by_year,"
      " COALESCE(responsible, '') AS responsible, COALESCE(basis, '') AS basis, value_kind,"
      " COALESCE(measure, '') AS measure FROM custom_indicators ORDER BY region_id, id",
      {}, [&](const Row& r) {
        out.push_back({r.int64("id"), r.int64("region_id"), r.text("code"), r.text("name"), r.text("unit"),
                       r.text("source"), r.text("numerator"), r.text("denominator"), r.text("time_window"),
                       r.text("periodicity"), r.text("value_kind"), r.text("measure"), target_from(r),
                       r.text("responsible"), r.text("basis")});
      });
  return out;
}

namespace {

Params custom_params(const CustomIndicator& i) {
  return {i.region_id,
          i.code,
          i.name,
          i.unit,
          i.source,
          text_or_null(i.numerator),
          text_or_null(i.denominator),
          i.window,
          i.periodicity,
          text_opt(i.target.op),
          real_or_null(i.target.value),
          text_or_null(i.target.kind),
          text_or_null(i.target.by_year),
          text_or_null(i.responsible),
          text_or_null(i.basis),
          i.value_kind,
          text_or_null(i.measure)};
}

}  // namespace

std::int64_t insert_custom_indicator(Connection& c, const CustomIndicator& i) {
  auto params = custom_params(i);
  params.push_back(domain::utc_timestamp_now());
  return c.scalar(
      "INSERT INTO custom_indicators (region_id, code, name, unit, source, numerator, denominator, time_window,"
      " periodicity, target_op, target_value, target_kind, targets_by_year, responsible, basis, value_kind, measure,"
      " created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)"
      " RETURNING id",
      params);
}

void update_custom_indicator(Connection& c, const CustomIndicator& i) {
  auto params = custom_params(i);
  params.push_back(i.id);
  c.execute(
      "UPDATE custom_indicators SET region_id = $1, code = $2, name = $3, unit = $4, source = $5, numerator = $6,"
      " denominator = $7, time_window = $8, periodicity = $9, target_op = $10, target_value = $11, target_kind = $12,"
      " targets_by_year = $13, responsible = $14, basis = $15, value_kind = $16, measure = $17 WHERE id = $18",
      params);
}

void delete_custom_indicator(Connection& c, std::int64_t id) {
  c.execute("DELETE FROM custom_indicators WHERE id = $1", {id});
}

std::vector<std::string> campaigns_using(Connection& c, std::int64_t region_id, const std::string& code) {
  std::vector<std::string> out;
  c.run(
      "SELECT k.title FROM monitoring_campaigns k WHERE k.region_id = $1 AND k.indicator_set = 'reg' AND ("
      " EXISTS (SELECT 1 FROM monitoring_submissions s JOIN monitoring_entries e ON e.submission_id = s.id"
      " WHERE s.campaign_id = k.id AND e.code = $2)"
      " OR EXISTS (SELECT 1 FROM monitoring_snapshots n WHERE n.campaign_id = k.id AND n.code = $2)) ORDER BY k.id",
      {region_id, code}, [&](const Row& r) { out.push_back(r.text("title")); });
  return out;
}

std::int64_t insert_campaign(Connection& c, const Campaign& k, std::optional<std::int64_t> account_id) {
  return c.scalar(
      "INSERT INTO monitoring_campaigns (region_id, title, indicator_set, period, collect_from, collect_to, report_due,"
      " status, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, " +
          literal(CS::open) + ", $8, $9) RETURNING id",
      {k.region_id, k.title, k.set, k.period, k.collect_from, k.collect_to, text_or_null(k.report_due),
       id_or_null(account_id), domain::utc_timestamp_now()});
}

std::optional<Campaign> find_campaign(Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string(kCampaignSelect) + " WHERE k.id = $1", {id});
  if (!row) return std::nullopt;
  return campaign_from(*row);
}

std::vector<Campaign> campaigns_of_regions(Connection& c, const std::vector<std::int64_t>& regions) {
  std::vector<Campaign> out;
  Params params;
  std::string sql = kCampaignSelect;
  if (!regions.empty()) sql += " WHERE k.region_id IN " + registry::placeholders<std::int64_t>(params, regions);
  sql += " ORDER BY k.collect_from DESC, k.id DESC";
  c.run(sql, params, [&](const Row& r) { out.push_back(campaign_from(r)); });
  return out;
}

void close_campaign(Connection& c, std::int64_t id) {
  c.execute("UPDATE monitoring_campaigns SET status = " + literal(CS::closed) + ", closed_at = $2 WHERE id = $1",
            {id, domain::utc_timestamp_now()});
}

std::vector<Campaign> closed_campaigns(Connection& c, const std::string& set, const std::string& period) {
  std::vector<Campaign> out;
  c.run(std::string(kCampaignSelect) + " WHERE k.status = " + literal(CS::closed) +
            " AND k.indicator_set = $1 AND k.period = $2",
        {set, period}, [&](const Row& r) { out.push_back(campaign_from(r)); });
  return out;
}

void insert_submission(Connection& c, std::int64_t campaign_id, std::int64_t territory_id) {
  c.execute("INSERT INTO monitoring_submissions (campaign_id, territory_id, status, updated_at) VALUES ($1, $2, " +
                literal(SS::draft) + ", $3)",
            {campaign_id, territory_id, domain::utc_timestamp_now()});
}

std::vector<std::int64_t> municipalities_of(Connection& c, std::int64_t region_id) {
  std::vector<std::int64_t> out;
  c.run(
      "SELECT id FROM territories WHERE parent_id = $1 AND level = 'municipality' AND abolished_on IS NULL"
      " ORDER BY name, id",
      {region_id}, [&](const Row& r) { out.push_back(r.int64("id")); });
  return out;
}

std::vector<Submission> submissions_of(Connection& c, std::int64_t campaign_id) {
  std::vector<Submission> out;
  c.run(std::string(kSubmissionSelect) + " WHERE s.campaign_id = $1 ORDER BY t.name, s.id", {campaign_id},
        [&](const Row& r) { out.push_back(submission_from(r)); });
  return out;
}

std::optional<Submission> find_submission(Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string(kSubmissionSelect) + " WHERE s.id = $1", {id});
  if (!row) return std::nullopt;
  return submission_from(*row);
}

void set_submission_status(Connection& c, std::int64_t id, domain::SubmissionStatus status,
                           const std::string& comment) {
  const auto now = domain::utc_timestamp_now();
  const bool sent = status == SS::submitted, decided = status == SS::approved || status == SS::returned;
  c.execute(
      "UPDATE monitoring_submissions SET status = $2, comment = $3, updated_at = $4,"
      " submitted_at = CASE WHEN $5 = 1 THEN $4 ELSE submitted_at END,"
      " decided_at = CASE WHEN $6 = 1 THEN $4 ELSE decided_at END WHERE id = $1",
      {id, std::string(domain::code_of(status)), text_or_null(comment), now, std::int64_t{sent},
       std::int64_t{decided}});
}

std::vector<Entry> entries_of(Connection& c, std::int64_t submission_id) {
  std::vector<Entry> out;
  c.run(
      "SELECT code, numerator, denominator, confirmed, COALESCE(evidence, '') AS evidence, COALESCE(note, '') AS note FROM monitoring_entries"
      " WHERE submission_id = $1 ORDER BY code",
      {submission_id}, [&](const Row& r) {
        out.push_back({r.text("code"), r.opt_real("numerator"), r.opt_int64("denominator"), r.flag("confirmed"),
                       r.text("evidence"), r.text("note")});
      });
  return out;
}

void put_entry(Connection& c, std::int64_t submission_id, const Entry& e) {
  c.execute(
      "INSERT INTO monitoring_entries (submission_id, code, numerator, denominator, confirmed, evidence, note, updated_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (submission_id, code) DO UPDATE SET"
      " numerator = excluded.numerator, denominator = excluded.denominator, confirmed = excluded.confirmed,"
      " evidence = excluded.evidence, note = excluded.note, updated_at = excluded.updated_at",
      {submission_id, e.code, real_or_null(e.numerator), id_or_null(e.denominator), flag(e.confirmed),
       text_or_null(e.evidence), text_or_null(e.note), domain::utc_timestamp_now()});
}

std::vector<PlacedEntry> entries_for(Connection& c, const std::string& set, const std::string& period) {
  std::vector<PlacedEntry> out;
  c.run(
      "SELECT s.territory_id, e.code, e.numerator, e.denominator, e.confirmed, COALESCE(e.evidence, '') AS evidence, COALESCE(e.note, '') AS note"
      " FROM monitoring_entries e JOIN monitoring_submissions s ON s.id = e.submission_id"
      " JOIN monitoring_campaigns k ON k.id = s.campaign_id"
      " WHERE k.indicator_set = $1 AND k.period = $2 AND s.status IN (" +
          literal(SS::submitted) + ", " + literal(SS::approved) + ")",
      {set, period}, [&](const Row& r) {
        out.push_back({r.int64("territory_id"),
                       {r.text("code"), r.opt_real("numerator"), r.opt_int64("denominator"), r.flag("confirmed"),
                        r.text("evidence"), r.text("note")}});
      });
  return out;
}

void put_snapshot(Connection& c, std::int64_t campaign_id, const std::vector<SnapshotRow>& rows) {
  for (const auto& r : rows)
    c.execute(
        "INSERT INTO monitoring_snapshots (campaign_id, code, unit_level, unit_id, numerator, denominator)"
        " VALUES ($1, $2, $3, $4, $5, $6)",
        {campaign_id, r.code, r.unit_level, r.unit_id, r.numerator, id_or_null(r.denominator)});
}

std::vector<SnapshotRow> snapshot_of(Connection& c, std::int64_t campaign_id) {
  std::vector<SnapshotRow> out;
  c.run("SELECT code, unit_level, unit_id, numerator, denominator FROM monitoring_snapshots WHERE campaign_id = $1",
        {campaign_id}, [&](const Row& r) {
          out.push_back({r.text("code"), r.text("unit_level"), r.int64("unit_id"), r.real("numerator"),
                         r.opt_int64("denominator")});
        });
  return out;
}

}  // namespace metodist::storage::monitoring
