// The HTTP server: runs until SIGINT/SIGTERM, then drains and stops.
#pragma once

#include <string>
#include <vector>

#include "app/app.hpp"

namespace metodist::http {

struct EndpointInfo {
  std::string method;
  std::string path;  // as in docs/openapi.yaml, e.g. /api/v1/organisations/{id}
};

// Every endpoint the server registers (the OpenAPI test compares against it).
std::vector<EndpointInfo> endpoint_table();

// Serves the API and the web UI on the configured address. Blocks until a
// termination signal; in-flight requests are finished before it returns.
void run_server(app::App& app);

}  // namespace metodist::http
