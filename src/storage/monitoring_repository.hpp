// Reads what monitoring counts (issue 8): one plain scan of each table
// involved, into the engine's facts (domain/monitoring_engine.hpp). No
// aggregation in SQL: the engine counts every indicator for every unit in
// one pass, which is what makes live values affordable on the federal data.
#pragma once

#include <string>
#include <vector>

#include "domain/monitoring_engine.hpp"
#include "storage/database.hpp"

namespace metodist::storage::monitoring {

domain::monitor::Facts load_facts(Connection& c);

// The scans load_facts runs, for the benchmark's «one plain scan of the
// tables involved» (bench/monitoring_bench).
const std::vector<std::string>& fact_queries();

}  // namespace metodist::storage::monitoring
