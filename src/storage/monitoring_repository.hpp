// Reads what monitoring counts: one plain scan of each table
// involved, into the engine's facts (domain/monitoring_engine.hpp). No
// aggregation in SQL: the engine counts every indicator for every unit in
// one pass, which is what makes live values affordable on the federal data.
#pragma once

#include <string>
#include <vector>

#include "domain/monitoring_engine.hpp"
#include "storage/database.hpp"

namespace metodist::storage::monitoring {

// In the caller's transaction: one snapshot. (Two readers side by side were
// measured slower on 2 cores — 1.75 s against 1.17 s on the federal demo —
// so the scans run one after another; docs/performance.md.)
domain::monitor::Facts load_facts(Connection& c);

// The scans load_facts runs, for the benchmark's «one plain scan of the
// tables involved» (bench/monitoring_bench).
const std::vector<std::string>& fact_queries();

}  // namespace metodist::storage::monitoring
