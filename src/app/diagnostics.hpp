// Diagnostics use cases: the competency framework, campaigns, the
// import of results from external platforms, one person's results with their
// levels, deficits and dynamics, and the deficit heat map.
//
// Confidentiality: one person's rows go only to the person and their school's
// administrator (Action::read_diagnostics); everyone else gets aggregates, in
// which a cell of fewer than kMinCellPersons people is withheld so that no
// one's result can be read off a small school.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"
#include "app/import.hpp"
#include "domain/diagnostics.hpp"
#include "io/table.hpp"
#include "storage/diagnostics_repository.hpp"

namespace metodist::app {

constexpr std::int64_t kMinCellPersons = 3;
// Below this % of the maximum a competency is a deficit unless the region set
// a threshold for it.
constexpr double kDefaultDeficitThreshold = 50;

std::vector<storage::diagnostics::CompetencyRow> list_competencies(App& app);

// A person's deficits on a day (competency codes, in code order), from their
// stored results and the framework's thresholds. For use cases that already
// checked access (routes, enrolments); runs inside the caller's transaction.
std::vector<std::string> deficits_of(storage::Connection& c, std::int64_t person_id, const domain::Date& on);
// The caller administers the person's diagnostics (their school, the
// methodist who supports them — not the person themself), or reads them (the
// person too). Inside the caller's transaction; the routes follow the same rule.
bool administers_diagnostics_of(storage::Connection& c, const Caller& caller, std::int64_t person_id);
bool reads_diagnostics_of(storage::Connection& c, const Caller& caller, std::int64_t person_id);
// The ids of competencies given by code (a program's, an event's, a
// practice's), each once; Error::validation naming `field` for a code not in
// the framework.
std::vector<std::int64_t> competency_ids(storage::Connection& c, const std::vector<std::string>& codes,
                                         const char* field = "competencies");
// The region-level administrators own the framework (a regional installation
// has one framework; the federal operator keeps the default).
bool owns_framework(const Caller& caller);
// The federal operator and the regional ministry or institute edit the
// framework (title, threshold, in use); audited.
storage::diagnostics::CompetencyRow update_competency(App& app, const Caller& caller, std::int64_t id,
                                                      const std::string& title, std::optional<double> threshold,
                                                      bool is_active, const std::string& request_id = {});

std::vector<storage::diagnostics::Campaign> list_campaigns(App& app, const Caller& caller);
storage::diagnostics::Campaign get_campaign(App& app, const Caller& caller, std::int64_t id);
// A campaign in a territory the caller administers; returns it as stored.
storage::diagnostics::Campaign create_campaign(App& app, const Caller& caller, storage::diagnostics::Campaign draft,
                                               const std::string& request_id = {});

// Results from a platform's file: one row per person and competency (one per
// person for functional literacy). Every row is checked (the person exists
// and works in the campaign's territory; the competency is known; the score
// fits the maximum; the date is inside the campaign) and reported by row and
// column; a dry run stops there, otherwise the persons' results in this
// campaign are replaced in one transaction. `created` counts persons.
ImportReport import_results(App& app, const Caller& caller, std::int64_t campaign_id, const io::Table& table,
                            bool dry_run, const std::string& request_id = {});

struct ResultLevel {
  domain::LevelBand band;
  std::size_t index = 0, of = 0;  // its place on the scale (0: the lowest) and the scale's size
};
struct PersonDiagnostics {
  std::vector<storage::diagnostics::PersonResult> results;  // oldest first
  std::vector<ResultLevel> levels;                          // parallel: on the scale of the campaign's region
  std::vector<std::string> deficits;                        // competency codes, as of today
  std::vector<domain::CompetencyChange> dynamics;           // the last two campaigns with competency results
};
// 404 unless the caller may read this person's individual results.
PersonDiagnostics person_diagnostics(App& app, const Caller& caller, std::int64_t person_id);

// A region's level scale: its own, or the standard one. Read by
// everyone who sees the region; set by those who own the framework there
// (the federal operator, the regional ministry or institute). Empty bands
// go back to the standard scale. Audited.
struct RegionLevels {
  std::int64_t region_id = 0;
  std::string region_name;
  std::vector<domain::LevelBand> bands;
  bool standard = true;
  bool can_edit = false;
};
RegionLevels region_levels(App& app, const Caller& caller, std::int64_t region_id);
RegionLevels set_region_levels(App& app, const Caller& caller, std::int64_t region_id,
                               std::vector<domain::LevelBand> bands, const std::string& request_id = {});
// The scale in force for a territory (its region's), inside a transaction.
domain::LevelScale level_scale_for(storage::Connection& c, std::int64_t territory_id);

// How a group changed between two campaigns with competency results, per
// unit (organisation or municipality) and competency, and in total over the
// caller's scope; a cell of fewer than kMinCellPersons persons measured both
// times is withheld (persons = -1), as in the heat map.
struct GroupDynamics {
  storage::diagnostics::Campaign before, after;
  std::vector<storage::diagnostics::DynamicsCell> cells;  // by unit
  std::vector<storage::diagnostics::DynamicsCell> total;  // unit_id 0
};
GroupDynamics group_dynamics(App& app, const Caller& caller, std::int64_t before_campaign, std::int64_t after_campaign,
                             bool by_municipality);

struct Heatmap {
  std::vector<storage::diagnostics::HeatCell> cells;  // withheld cells have tested = deficits = -1
};
Heatmap deficit_heatmap(App& app, const Caller& caller, std::int64_t campaign_id, bool by_municipality);

}  // namespace metodist::app
