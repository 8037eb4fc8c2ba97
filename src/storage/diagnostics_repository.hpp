// SQL for diagnostics: the competency framework, instruments,
// campaigns, results, and the aggregates built from them. Functions take an
// open Connection; the caller owns the transaction and the access checks
// (scopes are passed in and applied in SQL).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/access.hpp"
#include "domain/competency.hpp"
#include "storage/database.hpp"

namespace metodist::storage::diagnostics {

struct CompetencyRow {
  std::int64_t id = 0;
  std::string code, group, title;
  std::optional<double> threshold;  // none: the default threshold
  bool is_active = true;
};
// Fills an empty framework with the default one (start-up, idempotent).
void seed_framework_if_empty(Connection& c, std::span<const domain::Competency> framework);
std::vector<CompetencyRow> list_competencies(Connection& c);
std::optional<CompetencyRow> find_competency(Connection& c, std::int64_t id);
// Title, threshold and whether it is in use; the code and group stay.
void update_competency(Connection& c, const CompetencyRow& row);

struct Campaign {
  std::int64_t id = 0;
  std::string title;
  std::string kind;  // "competencies" | "functional_literacy" (of the instrument)
  std::string instrument, provider;
  std::int64_t territory_id = 0;
  std::string territory_name;
  std::string starts_on, ends_on;
  std::int64_t persons = 0;  // with at least one result (read only)
};
// Creates the instrument and the campaign; returns the campaign id.
std::int64_t insert_campaign(Connection& c, const Campaign& campaign);
std::optional<Campaign> find_campaign(Connection& c, std::int64_t id);
// Campaigns whose territory the scope sees (its own, below it, or above it).
std::vector<Campaign> list_campaigns(Connection& c, const domain::Scope& scope);

struct Result {
  std::int64_t person_id = 0;
  std::optional<std::int64_t> competency_id;  // none: a functional-literacy total
  double raw_score = 0, max_score = 0, percent = 0;
  std::string measured_on;
};
// Replaces the results of the given persons in the campaign with `rows`.
void replace_results(Connection& c, std::int64_t campaign_id, std::span<const std::int64_t> persons,
                     std::span<const Result> rows);

struct PersonResult {
  std::int64_t campaign_id = 0;
  std::string campaign_title, kind;
  std::optional<std::int64_t> competency_id;
  std::string competency_code, competency_title;  // "" for functional literacy
  std::optional<double> threshold;
  double raw_score = 0, max_score = 0, percent = 0;
  std::string measured_on;
};
// Every result of one person, oldest first.
std::vector<PersonResult> results_of_person(Connection& c, std::int64_t person_id);

// A cell of the deficit heat map: persons tested in a competency within a
// unit (an organisation or a municipality), and those below its threshold.
struct HeatCell {
  std::int64_t unit_id = 0;
  std::string unit_name;        // a school's short name when it has one
  std::string unit_place;       // a school's municipality, a municipality's region
  std::string competency_code;  // "functional_literacy" for that kind
  std::int64_t tested = 0, deficits = 0;
};
// By current workplace, within the organisation scope; `by_municipality`
// groups the organisations by their territory. A person is counted once per
// unit. Functional literacy: «deficit» is «did not cope» (below `coped_from`).
std::vector<HeatCell> deficit_heatmap(Connection& c, std::int64_t campaign_id, bool by_municipality,
                                      const domain::Scope& scope, double default_threshold, double coped_from);

// The change between two campaigns per unit and competency: the
// persons measured in both, their mean % before and after, and how many were
// below the threshold each time. Units as in the heat map, or one total over
// the whole scope (unit_id 0) in which a person counts once.
enum class DynamicsUnit { organisation, municipality, total };
struct DynamicsCell {
  std::int64_t unit_id = 0;
  std::string unit_name;
  std::string competency_code;
  std::int64_t persons = 0;
  double before = 0, after = 0;
  std::int64_t deficits_before = 0, deficits_after = 0;
};
std::vector<DynamicsCell> group_dynamics(Connection& c, std::int64_t before_campaign, std::int64_t after_campaign,
                                         DynamicsUnit unit, const domain::Scope& scope, double default_threshold);

// A region's own level scale, as the JSON of its bands; none: the standard one.
std::optional<std::string> level_scale_of(Connection& c, std::int64_t region_id);
void put_level_scale(Connection& c, std::int64_t region_id, const std::string& bands_json);
void delete_level_scale(Connection& c, std::int64_t region_id);

}  // namespace metodist::storage::diagnostics
