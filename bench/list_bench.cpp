// What a worker thread spends on one list answer, without the HTTP server
// around it: the handler of GET /api/v1/organisations (the caller's scope, the
// SQL, the rows, the JSON) called again and again on a demo database, and its
// use case alone (the same without the JSON).
// bench/http_bench.sh measures the whole request; this splits off its worker's part.
//
// Usage: list_bench <database url with the district demo> <password of «admin»> [answers=100000]
// (the list of bench/http_bench.sh: kind=school, a page of 20)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "app/app.hpp"
#include "app/auth.hpp"
#include "app/registry.hpp"
#include "http/handlers.hpp"
#include "http/worker_pool.hpp"

using namespace metodist;

namespace {

double micros_per(std::chrono::steady_clock::time_point since, long n) {
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - since).count() /
         static_cast<double>(n);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s <database url> <password of admin> [answers]\n", argv[0]);
    return 2;
  }
  const long answers = argc > 3 ? std::atol(argv[3]) : 100000;
  app::Config config;
  config.database_url = argv[1];
  app::App app = app::open_app(config);
  http::Metrics metrics;
  http::WorkerPool workers(1, 1);
  std::atomic<bool> draining{false};
  http::Context ctx{app, metrics, workers, draining};

  http::Request request;
  request.method = "GET";
  request.path = "/api/v1/organisations";
  request.query = {{"kind", "school"}, {"limit", "20"}};
  request.caller = app::login(app, "admin", argv[2], "127.0.0.1").caller;

  const http::Response first = http::handlers::list_organisations(request, ctx);
  if (first.status != 200) {
    std::fprintf(stderr, "the list answered %d: %s\n", first.status, first.body.c_str());
    return 1;
  }
  std::size_t bytes = 0;
  auto t = std::chrono::steady_clock::now();
  for (long i = 0; i < answers; ++i) bytes += http::handlers::list_organisations(request, ctx).body.size();
  const double handler = micros_per(t, answers);

  // The same list without its JSON: what the handler's use case reads.
  storage::registry::OrganisationFilter filter;
  filter.kind = "school";
  filter.page.limit = 20;
  std::size_t rows = 0;
  t = std::chrono::steady_clock::now();
  for (long i = 0; i < answers; ++i) rows += app::list_organisations(app, *request.caller, filter).items.size();
  const double use_case = micros_per(t, answers);
  std::printf("| part | µs per answer |\n|---|---:|\n");
  std::printf("| the handler: scope, SQL, rows, JSON (%zu bytes) | %.1f |\n", first.body.size(), handler);
  std::printf("| its use case alone: scope, SQL, rows (%ld organisations) | %.1f |\n",
              static_cast<long>(rows / answers), use_case);
  std::printf("| so the JSON and the query's reading | %.1f |\n", handler - use_case);
  return bytes > 0 ? 0 : 1;
}
