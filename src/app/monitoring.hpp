// Monitoring use cases: live values of an indicator set for every
// unit of a level within the caller's scope, for a period and the one before
// it (dynamics), with the target's traffic light and a ranking; the persons
// behind a number for those who may see personal data; the справка.
//
// Every call reads the facts once (storage/monitoring_repository) and counts
// every indicator of the set for every unit in one pass (domain/monitoring_engine).
// Aggregates are for those who administer territories or organisations:
// a territory's bodies see its units and those below; a school, itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"
#include "app/export.hpp"
#include "app/shared_results.hpp"
#include "domain/monitoring.hpp"
#include "storage/monitoring_campaigns_repository.hpp"

namespace metodist::app {

struct UnitValue {
  std::int64_t unit_id = 0;
  std::string unit_name;
  std::optional<std::int64_t> parent_id;
  domain::Value current, previous;
  std::optional<domain::Target> target;  // the unit's region's target (a region may set its own)
  std::optional<int> rank;               // among the units listed, by value (best first); none without data
  bool locked = false;                   // from a closed campaign: the period's values never change
  bool confirmed = false;                // the municipality confirmed it in a campaign
  std::string evidence;                  // … with this link
  // Persons the value could not count for missing data (teachers without a
  // birth date or start of experience, for the young-teacher indicators).
  std::int64_t left_out = 0;
};
struct IndicatorValues {
  domain::Indicator indicator;  // a copy: a region's own indicators live only as long as the computation
  std::vector<UnitValue> units;
};
struct MonitoringValues {
  std::string set;
  domain::Period period, previous;
  domain::UnitLevel level = domain::UnitLevel::municipality;
  std::vector<IndicatorValues> indicators;
  // The data the values were computed from, and whether it changed since
  // (a recomputation is under way; app/shared_results.hpp).
  Freshness freshness;
};

// A region's own indicator as the engine reads it (set «reg»).
domain::Indicator indicator_of(const storage::monitoring::CustomIndicator& custom);

// Values of a set for one region's units of `level` (and the region itself
// at the region level), live — what closing a campaign stores.
MonitoringValues live_values(App& app, const std::string& set, domain::UnitLevel level, const domain::Period& period,
                             std::int64_t region_id);

// Whether the caller may read monitoring aggregates at all (the interface
// offers the section by it; every call checks it again).
bool reads_monitoring(const Caller& caller);

// `set`: fed | rmms | rma | reg (the regions' own) | "" (the built-in ones); `period`: as domain::parse_period reads
// it; `parent`: only units below this territory. 422 naming the parameter
// when one is wrong; 403 for callers who administer nothing.
MonitoringValues monitoring_values(App& app, const Caller& caller, const std::string& set, const std::string& level,
                                   const std::string& period, std::optional<std::int64_t> parent = {});

// The same as one answer shared with every caller who asks the same of the
// same data (app/answer_memo.hpp), with room for its rendering.
struct MonitoringAnswer {
  MonitoringValues values;
  std::shared_ptr<Rendered> rendered = std::make_shared<Rendered>();
};
std::shared_ptr<const MonitoringAnswer> monitoring_answer(App& app, const Caller& caller, const std::string& set,
                                                          const std::string& level, const std::string& period,
                                                          std::optional<std::int64_t> parent = {});

struct CountedPerson {
  std::int64_t id = 0;
  std::string name, organisations;
};
// The persons counted in an indicator's numerator (or denominator) for one
// unit: only for those who see that unit's personal data; persons only.
std::vector<CountedPerson> monitoring_persons(App& app, const Caller& caller, const std::string& code,
                                              const std::string& level, std::int64_t unit_id, const std::string& period,
                                              bool denominator);

// The official report (справка) for a territory the caller sees: PDF with a
// table, a chart and a conclusion per indicator, or XLSX with the same rows.
// Its values come from the kept answers while they hold (monitoring_answer);
// when the data moved past them, from a computation of its own.
ExportFile monitoring_report(App& app, const Caller& caller, const std::string& set, const std::string& period,
                             std::int64_t territory_id, const std::string& format);

}  // namespace metodist::app
