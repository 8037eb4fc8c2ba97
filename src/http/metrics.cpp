#include "http/metrics.hpp"

#include <fmt/format.h>

namespace metodist::http {

std::size_t Metrics::add_endpoint(std::string method, std::string path) {
  auto r = std::make_unique<Endpoint>();
  r->method = std::move(method);
  r->path = std::move(path);
  endpoints_.push_back(std::move(r));
  return endpoints_.size() - 1;
}

void Metrics::record(std::size_t endpoint, int status, double seconds) noexcept {
  if (endpoint >= endpoints_.size()) return;
  Endpoint& r = *endpoints_[endpoint];
  const int cls = status / 100;
  if (cls >= 1 && cls <= 5) r.by_class[static_cast<std::size_t>(cls)].fetch_add(1, std::memory_order_relaxed);
  std::size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  r.buckets[b].fetch_add(1, std::memory_order_relaxed);
  r.count.fetch_add(1, std::memory_order_relaxed);
  r.micros.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::string Metrics::render(const storage::PoolStats& db, double uptime, std::size_t queue_depth) const {
  std::string out;
  out += "# HELP metodist_http_requests_total HTTP requests by endpoint and status class.\n";
  out += "# TYPE metodist_http_requests_total counter\n";
  for (const auto& r : endpoints_)
    for (int cls = 1; cls <= 5; ++cls)
      if (auto n = r->by_class[static_cast<std::size_t>(cls)].load(); n > 0)
        out += fmt::format("metodist_http_requests_total{{method=\"{}\",route=\"{}\",code=\"{}xx\"}} {}\n", r->method,
                           r->path, cls, n);
  out += "# HELP metodist_http_request_duration_seconds Time from request to response.\n";
  out += "# TYPE metodist_http_request_duration_seconds histogram\n";
  for (const auto& r : endpoints_) {
    const auto count = r->count.load();
    if (count == 0) continue;
    const auto labels = fmt::format("method=\"{}\",route=\"{}\"", r->method, r->path);
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += r->buckets[b].load();
      const std::string le = b < kBuckets.size() ? fmt::format("{}", kBuckets[b]) : "+Inf";
      out += fmt::format("metodist_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels, le, cumulative);
    }
    out += fmt::format("metodist_http_request_duration_seconds_sum{{{}}} {:.6f}\n", labels, r->micros.load() / 1e6);
    out += fmt::format("metodist_http_request_duration_seconds_count{{{}}} {}\n", labels, count);
  }
  out += "# TYPE metodist_http_in_flight gauge\n";
  out += fmt::format("metodist_http_in_flight {}\n", in_flight.load());
  out += "# TYPE metodist_worker_queue_depth gauge\n";
  out += fmt::format("metodist_worker_queue_depth {}\n", queue_depth);
  out += "# TYPE metodist_worker_queue_rejections_total counter\n";
  out += fmt::format("metodist_worker_queue_rejections_total {}\n", queue_rejections.load());
  out += "# TYPE metodist_db_connections_open gauge\n";
  out += fmt::format("metodist_db_connections_open {}\n", db.open);
  out += "# TYPE metodist_db_connections_in_use gauge\n";
  out += fmt::format("metodist_db_connections_in_use {}\n", db.in_use);
  out += "# TYPE metodist_db_pool_waits_total counter\n";
  out += fmt::format("metodist_db_pool_waits_total {}\n", db.waits);
  out += "# TYPE metodist_db_pool_timeouts_total counter\n";
  out += fmt::format("metodist_db_pool_timeouts_total {}\n", db.timeouts);
  out += "# TYPE metodist_uptime_seconds gauge\n";
  out += fmt::format("metodist_uptime_seconds {:.0f}\n", uptime);
  return out;
}

}  // namespace metodist::http
