// The straightforward way to compute the monitoring indicators: one SQL
// GROUP BY query per indicator and period, with a predicate (EXISTS …) per
// counting primitive — what one would write without the engine. The
// benchmark times it against the engine, and checks that both give the same
// numbers for every municipality (an independent cross-check of the engine).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "domain/monitoring.hpp"
#include "storage/database.hpp"

namespace metodist::bench {

// (municipality id) → (numerator, denominator) of one indicator.
using Counts = std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>>;
Counts sql_counts(storage::Connection& c, const domain::Indicator& ind, const domain::Period& period,
                  int young_max_age = 35, int young_max_years = 3, double coped_from = 70);

}  // namespace metodist::bench
