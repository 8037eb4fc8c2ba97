#include "storage/diagnostics_repository.hpp"

#include "domain/date.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::storage::diagnostics {
namespace {

Value optional_real(const std::optional<double>& v) { return v ? Value{*v} : Value{nullptr}; }

CompetencyRow competency_from(const Row& r) {
  return {r.int64("id"),   r.text("code"),          r.text("group_code"),
          r.text("title"), r.opt_real("threshold"), r.flag("is_active")};
}
const char* const kCompetencyColumns = "id, code, group_code, title, threshold, is_active";

const char* const kCampaignSelect =
    "SELECT dc.id, dc.title, di.kind, di.title AS instrument_title, di.provider, dc.territory_id, t.name, dc.starts_on,"
    " dc.ends_on, (SELECT COUNT(DISTINCT r.person_id) FROM diagnostic_results r WHERE r.campaign_id = dc.id) AS participants"
    " FROM diagnostic_campaigns dc JOIN diagnostic_instruments di ON di.id = dc.instrument_id"
    " JOIN territories t ON t.id = dc.territory_id";

Campaign campaign_from(const Row& r) {
  return {r.int64("id"),      r.text("title"),         r.text("kind"), r.text("instrument_title"),
          r.text("provider"), r.int64("territory_id"), r.text("name"), r.text("starts_on"),
          r.text("ends_on"),  r.int64("participants")};
}

}  // namespace

void seed_framework_if_empty(Connection& c, std::span<const domain::Competency> framework) {
  if (c.scalar("SELECT COUNT(*) FROM competencies") > 0) return;
  std::int64_t order = 0;
  for (const auto& k : framework)
    c.execute(
        "INSERT INTO competencies (code, group_code, title, is_active, sort_order) VALUES ($1, $2, $3, 1, $4)"
        " ON CONFLICT (code) DO NOTHING",  // two servers starting at once both seed
        {std::string(k.code), std::string(k.group), std::string(k.title), ++order});
}

std::vector<CompetencyRow> list_competencies(Connection& c) {
  std::vector<CompetencyRow> out;
  c.run(std::string("SELECT ") + kCompetencyColumns + " FROM competencies ORDER BY sort_order, id", {},
        [&](const Row& r) { out.push_back(competency_from(r)); });
  return out;
}

std::optional<CompetencyRow> find_competency(Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string("SELECT ") + kCompetencyColumns + " FROM competencies WHERE id = $1", {id});
  if (!row) return std::nullopt;
  return competency_from(*row);
}

void update_competency(Connection& c, const CompetencyRow& row) {
  c.execute("UPDATE competencies SET title = $1, threshold = $2, is_active = $3 WHERE id = $4",
            {row.title, optional_real(row.threshold), flag(row.is_active), row.id});
}

std::int64_t insert_campaign(Connection& c, const Campaign& campaign) {
  const auto now = domain::utc_timestamp_now();
  const auto instrument = c.scalar(
      "INSERT INTO diagnostic_instruments (title, kind, provider, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
      {campaign.instrument, campaign.kind, text_or_null(campaign.provider), now});
  return c.scalar(
      "INSERT INTO diagnostic_campaigns (instrument_id, title, territory_id, starts_on, ends_on, created_at)"
      " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      {instrument, campaign.title, campaign.territory_id, campaign.starts_on, campaign.ends_on, now});
}

std::optional<Campaign> find_campaign(Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string(kCampaignSelect) + " WHERE dc.id = $1", {id});
  if (!row) return std::nullopt;
  return campaign_from(*row);
}

std::vector<Campaign> list_campaigns(Connection& c, const domain::Scope& scope) {
  Params params;
  const std::string where = registry::territory_scope(scope, params, "t");
  std::vector<Campaign> out;
  c.run(std::string(kCampaignSelect) + " WHERE " + where + " ORDER BY dc.starts_on DESC, dc.id DESC", params,
        [&](const Row& r) { out.push_back(campaign_from(r)); });
  return out;
}

void replace_results(Connection& c, std::int64_t campaign_id, std::span<const std::int64_t> persons,
                     std::span<const Result> rows) {
  constexpr std::size_t kBatch = 500;
  for (std::size_t from = 0; from < persons.size(); from += kBatch) {
    Params params{campaign_id};
    const auto batch = persons.subspan(from, std::min(kBatch, persons.size() - from));
    c.execute("DELETE FROM diagnostic_results WHERE campaign_id = $1 AND person_id IN " +
                  registry::placeholders(params, batch),
              params);
  }
  registry::in_batches<Result>(rows, [&](std::span<const Result> batch) {
    Params params;
    params.reserve(batch.size() * 7);
    for (const auto& r : batch)
      params.insert(params.end(), {campaign_id, r.person_id, id_or_null(r.competency_id), r.raw_score, r.max_score,
                                   r.percent, std::string_view(r.measured_on)});
    c.execute(
        "INSERT INTO diagnostic_results (campaign_id, person_id, competency_id, raw_score, max_score, percent,"
        " measured_on) VALUES " +
            registry::values_rows(batch.size(), 7),
        params);
  });
}

std::vector<PersonResult> results_of_person(Connection& c, std::int64_t person_id) {
  std::vector<PersonResult> out;
  c.run(
      "SELECT r.campaign_id, dc.title AS campaign_title, di.kind, r.competency_id, COALESCE(k.code, '') AS code,"
      " COALESCE(k.title, '') AS competency_title,"
      " k.threshold, r.raw_score, r.max_score, r.percent, r.measured_on"
      " FROM diagnostic_results r JOIN diagnostic_campaigns dc ON dc.id = r.campaign_id"
      " JOIN diagnostic_instruments di ON di.id = dc.instrument_id LEFT JOIN competencies k ON k.id = r.competency_id"
      " WHERE r.person_id = $1 ORDER BY r.measured_on, r.campaign_id, k.sort_order",
      {person_id}, [&](const Row& r) {
        out.push_back({r.int64("campaign_id"), r.text("campaign_title"), r.text("kind"), r.opt_int64("competency_id"),
                       r.text("code"), r.text("competency_title"), r.opt_real("threshold"), r.real("raw_score"),
                       r.real("max_score"), r.real("percent"), r.text("measured_on")});
      });
  return out;
}

std::vector<HeatCell> deficit_heatmap(Connection& c, std::int64_t campaign_id, bool by_municipality,
                                      const domain::Scope& scope, double default_threshold, double coped_from) {
  Params params;
  const std::string campaign = registry::placeholder(params, campaign_id);
  const std::string coped = registry::placeholder(params, coped_from);
  const std::string fallback = registry::placeholder(params, default_threshold);
  const std::string unit = by_municipality ? "u" : "o";
  // The name a list shows (a school's short one) and where the unit is, to tell namesakes apart.
  const std::string name = by_municipality ? "u.name" : "COALESCE(NULLIF(o.short_name, ''), o.name)";
  const std::string sql = "SELECT " + unit + ".id, " + name +
                          " AS name, pl.name AS place, COALESCE(k.code, 'functional_literacy') AS competency_code,"
                          " COUNT(DISTINCT r.person_id) AS tested,"
                          " COUNT(DISTINCT CASE WHEN r.percent < (CASE WHEN r.competency_id IS NULL THEN " +
                          coped + " ELSE COALESCE(k.threshold, " + fallback +
                          ") END) THEN r.person_id END) AS deficits"
                          " FROM diagnostic_results r LEFT JOIN competencies k ON k.id = r.competency_id"
                          " JOIN positions ps ON ps.person_id = r.person_id AND " +
                          registry::current_workplace("ps") + " JOIN organisations o ON o.id = ps.organisation_id" +
                          (by_municipality ? " JOIN territories u ON u.id = o.territory_id"
                                             " LEFT JOIN territories pl ON pl.id = u.parent_id"
                                           : " JOIN territories pl ON pl.id = o.territory_id") +
                          " WHERE r.campaign_id = " + campaign + " AND " +
                          registry::organisation_scope(scope, params, "o") + " GROUP BY " + unit + ".id, " + name +
                          ", pl.name, COALESCE(k.code, 'functional_literacy')"
                          " ORDER BY 2, 1";
  std::vector<HeatCell> out;
  c.run(sql, params, [&](const Row& r) {
    out.push_back({r.int64("id"), r.text("name"), r.opt_text("place").value_or(""), r.text("competency_code"),
                   r.int64("tested"), r.int64("deficits")});
  });
  return out;
}

std::vector<DynamicsCell> group_dynamics(Connection& c, std::int64_t before_campaign, std::int64_t after_campaign,
                                         DynamicsUnit unit, const domain::Scope& scope, double default_threshold) {
  Params params;
  const std::string before = registry::placeholder(params, before_campaign);
  const std::string after = registry::placeholder(params, after_campaign);
  const std::string fallback = registry::placeholder(params, default_threshold);
  const char* unit_columns = unit == DynamicsUnit::organisation   ? "o.id AS unit_id, o.name AS unit_name"
                             : unit == DynamicsUnit::municipality ? "u.id AS unit_id, u.name AS unit_name"
                                                                  : "0 AS unit_id, '' AS unit_name";
  // A person once per unit, however many posts they hold there. Only those
  // with a result in the earlier campaign can count: without that condition a
  // federal operator's comparison of one region's two campaigns first lists
  // every worker of the country (1.5–2 s on the federal demo).
  const std::string workers =
      std::string("SELECT DISTINCT ps.person_id AS person_id, ") + unit_columns +
      " FROM positions ps JOIN organisations o ON o.id = ps.organisation_id" +
      (unit == DynamicsUnit::municipality ? " JOIN territories u ON u.id = o.territory_id" : "") + " WHERE " +
      registry::current_workplace("ps") + " AND " + registry::organisation_scope(scope, params, "o") +
      " AND ps.person_id IN (SELECT r.person_id FROM diagnostic_results r WHERE r.campaign_id = " + before + ")";
  const std::string below = " < COALESCE(k.threshold, " + fallback + ") THEN 1 ELSE 0 END)";
  const std::string sql =
      "SELECT w.unit_id, w.unit_name, k.code, COUNT(*) AS persons, AVG(a.percent) AS before_percent,"
      " AVG(b.percent) AS after_percent,"
      " SUM(CASE WHEN a.percent" +
      below + " AS deficits_before, SUM(CASE WHEN b.percent" + below + " AS deficits_after FROM (" + workers +
      ") w"
      " JOIN diagnostic_results a ON a.person_id = w.person_id AND a.campaign_id = " +
      before +
      " AND a.competency_id IS NOT NULL"
      " JOIN diagnostic_results b ON b.person_id = a.person_id AND b.competency_id = a.competency_id"
      " AND b.campaign_id = " +
      after +
      " JOIN competencies k ON k.id = a.competency_id"
      " GROUP BY w.unit_id, w.unit_name, k.code, k.sort_order ORDER BY w.unit_name, w.unit_id, k.sort_order";
  std::vector<DynamicsCell> out;
  c.run(sql, params, [&](const Row& r) {
    out.push_back({r.int64("unit_id"), r.text("unit_name"), r.text("code"), r.int64("persons"),
                   r.real("before_percent"), r.real("after_percent"), r.int64("deficits_before"),
                   r.int64("deficits_after")});
  });
  return out;
}

std::optional<std::string> level_scale_of(Connection& c, std::int64_t region_id) {
  auto row = c.query_one("SELECT bands FROM level_scales WHERE region_id = $1", {region_id});
  if (!row) return std::nullopt;
  return row->text("bands");
}

void put_level_scale(Connection& c, std::int64_t region_id, const std::string& bands_json) {
  c.execute(
      "INSERT INTO level_scales (region_id, bands, updated_at) VALUES ($1, $2, $3)"
      " ON CONFLICT (region_id) DO UPDATE SET bands = excluded.bands, updated_at = excluded.updated_at",
      {region_id, bands_json, domain::utc_timestamp_now()});
}

void delete_level_scale(Connection& c, std::int64_t region_id) {
  c.execute("DELETE FROM level_scales WHERE region_id = $1", {region_id});
}

}  // namespace metodist::storage::diagnostics
