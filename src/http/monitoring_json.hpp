// Monitoring values and indicator passports as JSON: one writer for the API
// (GET /api/v1/monitoring/values) and the CLI (metodist monitor --format json),
// so both answer alike.
#pragma once

#include "app/monitoring.hpp"
#include "http/json_writer.hpp"

namespace metodist::http {

void write_indicator(JsonWriter& w, const domain::Indicator& ind);
// {set, unit, period, previous, indicators: [passport…], items: [{code, unit_id, …}]}
void write_monitoring_values(JsonWriter& w, const app::MonitoringValues& v);

}  // namespace metodist::http
