// Request counters and latency histograms per endpoint, exposed as Prometheus
// text at /metrics. Endpoints are registered once at start; recording is
// lock-free (atomics), so it costs nothing measurable on the hot path.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace metodist::http {

class Metrics {
 public:
  // Returns the index to pass to record(); call before serving.
  std::size_t add_endpoint(std::string method, std::string path);
  void record(std::size_t endpoint, int status, double seconds) noexcept;

  std::atomic<std::int64_t> in_flight{0};
  std::atomic<std::int64_t> queue_rejections{0};

  std::string render(const storage::PoolStats& db, double uptime_seconds, std::size_t queue_depth) const;

 private:
  static constexpr std::array<double, 11> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5};
  struct Endpoint {
    std::string method, path;
    std::array<std::atomic<std::uint64_t>, 6> by_class{};  // 1xx..5xx, index 1..5
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets{};
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> micros{0};
  };
  std::vector<std::unique_ptr<Endpoint>> endpoints_;
};

}  // namespace metodist::http
