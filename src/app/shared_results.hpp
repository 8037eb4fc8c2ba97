// Results computed once per data version and shared by every app server.
//
// A computation (monitoring values of a set, level and period, in parts; the
// start page's counts) is stored in the database with the data version its
// snapshot read (storage/data_version.hpp). A request is answered:
//  - from this server's memory or the stored result when its version is the
//    current one — no computation, whichever server made it;
//  - when the data changed since: a quick computation (under a second: a
//    district's, a region's) is redone in the request and kept in this
//    server's memory only (no lease, no stored copy: under a stream of writes
//    that bookkeeping cost more than the computation); a long one (the
//    federation's) is answered at once from the last result, marked stale
//    with the time it was computed, while one recomputation runs in the
//    background (the page asks again);
//  - with nothing stored yet: computed in the request — by one server at a
//    time per key (a lease row in the database); the others wait for its
//    result rather than compute the same.
// Memory is bounded: the least recently used results go first.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "app/lru_memory.hpp"
#include "storage/data_version.hpp"
#include "storage/database.hpp"

namespace metodist::app {

// How current an answer is.
struct Freshness {
  std::int64_t data_version = 0;  // of the data the result was computed from
  std::string computed_at;        // UTC, ISO 8601
  bool stale = false;             // the data changed since; a recomputation is under way
};

// A result as this server keeps it: the decoded value and its size.
struct Decoded {
  std::shared_ptr<const void> value;
  std::size_t bytes = 0;
};

// One computation yields parts (monitoring: one per region, one for the whole
// country), stored and remembered apart, so a request reads only its part.
struct Part {
  std::string name;
  std::string body;  // as stored
  Decoded decoded;
};

struct Computation {
  std::string key;
  // Runs inside one snapshot (the version is read in the same one): every
  // part, each as stored and decoded.
  std::function<std::vector<Part>(storage::Connection&)> compute;
  // From a stored body (another server's, or this one's before a restart).
  std::function<Decoded(const std::string& body)> decode;
  // The counter whose value the result is kept under: the monitoring version
  // by default; a result that reads less may name a narrower one
  // (storage/data_version.hpp), which fewer writes move.
  std::int64_t (*version)(storage::Connection&) = storage::monitoring_version;
};

struct SharedAnswer {
  std::shared_ptr<const void> value;
  Freshness freshness;
};

struct SharedResultsStats {
  std::size_t entries = 0, bytes = 0;
  std::uint64_t memory_hits = 0, stored_hits = 0, stale = 0, computed = 0, waited = 0;
};

class SharedResults {
 public:
  // `quick_ms`: a computation that took less is redone in the request when the
  // data changed; a longer one is answered stale and redone behind it.
  explicit SharedResults(std::size_t max_bytes = std::size_t{256} << 20, std::int64_t quick_ms = 1000);
  ~SharedResults();  // finishes the computation under way, drops the queue
  SharedResults(const SharedResults&) = delete;
  SharedResults& operator=(const SharedResults&) = delete;

  // The part `part` of the computation's result (value null when the
  // computation yields no such part).
  SharedAnswer get(storage::Database& db, const Computation& job, const std::string& part);
  // The same with the current value of the job's counter (Computation::version)
  // already read by the caller.
  SharedAnswer get(storage::Database& db, const Computation& job, const std::string& part, std::int64_t version);

  // Blocks until the background queue is empty (tests, the bench).
  void wait_idle();
  SharedResultsStats stats() const;

 private:
  struct Remembered {
    Decoded decoded;
    Freshness freshness;
    std::int64_t compute_ms = 0;
  };
  std::optional<Remembered> remembered(const std::string& key);
  void remember(const std::string& key, const Remembered& r);
  // Computes under the lease and stores; nullopt when another server holds the lease.
  std::optional<SharedAnswer> compute_and_store(storage::Database& db, const Computation& job, const std::string& part);
  struct Run {
    std::vector<Part> parts;
    Freshness freshness;
    std::int64_t took = 0;  // ms
  };
  Run run(storage::Database& db, const Computation& job);
  SharedAnswer keep(const Computation& job, const Run& r, const std::string& part);
  // Computes in this request and keeps the result in memory only (a quick one).
  SharedAnswer compute_here(storage::Database& db, const Computation& job, const std::string& part);
  SharedAnswer compute_or_wait(storage::Database& db, const Computation& job, const std::string& part,
                               std::int64_t version);
  void schedule(storage::Database& db, const Computation& job, const std::string& part);
  void work();
  bool time_to_tidy();

  const std::int64_t quick_ms_;
  const std::string instance_;  // this server among others, for lease holders
  mutable std::mutex mu_;
  LruMemory<Remembered> memory_;
  SharedResultsStats stats_;
  std::uint64_t attempts_ = 0;
  std::chrono::steady_clock::time_point last_tidy_{};

  std::deque<std::tuple<storage::Database*, Computation, std::string>> queue_;
  std::unordered_set<std::string> queued_;  // keys waiting or running
  std::condition_variable wake_, idle_;
  bool busy_ = false, stopping_ = false;
  std::thread worker_;
};

}  // namespace metodist::app
