#include "app/shared_results.hpp"

#include <algorithm>

#include <malloc.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <random>

#include "domain/date.hpp"
#include "domain/error.hpp"
#include "storage/computed_results_repository.hpp"
#include "storage/data_version.hpp"

namespace metodist::app {
namespace {

namespace computed = storage::computed;

// Long enough for the federal computation (≈ 2–4 s) many times over; a
// server that died holding a lease delays the key's first result by at most this.
constexpr std::int64_t kLeaseMs = 120'000;
constexpr auto kPoll = std::chrono::milliseconds(100);
// A stored result nobody recomputed for a week goes (checked once an hour).
constexpr auto kKeptFor = std::chrono::hours(24 * 7);

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string random_instance() {
  std::random_device rd;
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 4; ++i)
    for (auto x = rd(), k = 0u; k < 4; ++k, x >>= 8) {
      out += hex[(x >> 4) & 15];
      out += hex[x & 15];
    }
  return out;
}

}  // namespace

bool SharedResults::time_to_tidy() {
  std::lock_guard lock(mu_);
  const auto now = std::chrono::steady_clock::now();
  if (now - last_tidy_ < std::chrono::hours(1)) return false;
  last_tidy_ = now;
  return true;
}

// A district's or a region's computation (tens of milliseconds) is redone in
// the request when the data changed; the federation's (≈ 2–4 s) is answered
// from the last result while it is redone.
SharedResults::SharedResults(std::size_t max_bytes, std::int64_t quick_ms)
    : quick_ms_(quick_ms), instance_(random_instance()), memory_(max_bytes) {}

SharedResults::~SharedResults() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    queue_.clear();
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

std::optional<SharedResults::Remembered> SharedResults::remembered(const std::string& key) {
  std::lock_guard lock(mu_);
  const auto* found = memory_.find(key);
  if (!found) return std::nullopt;
  return *found;
}

void SharedResults::remember(const std::string& key, const Remembered& r) {
  std::lock_guard lock(mu_);
  if (const auto* kept = memory_.find(key); kept && kept->freshness.data_version > r.freshness.data_version)
    return;  // a newer one came first
  memory_.put(key, r, r.decoded.bytes);
}

namespace {
std::string part_key(const Computation& job, const std::string& part) { return job.key + "#" + part; }
}  // namespace

SharedAnswer SharedResults::get(storage::Database& db, const Computation& job, const std::string& part) {
  return get(db, job, part, db.read(job.version));
}

SharedAnswer SharedResults::get(storage::Database& db, const Computation& job, const std::string& part,
                                std::int64_t version) {
  const auto key = part_key(job, part);
  auto mine = remembered(key);
  if (mine && mine->freshness.data_version == version) {
    std::lock_guard lock(mu_);
    ++stats_.memory_hits;
    return {mine->decoded.value, mine->freshness};
  }
  // Another server (or this one before a restart) may have stored a newer one.
  const auto header = db.read([&](storage::Connection& c) { return computed::find_header(c, key); });
  if (header && (!mine || header->data_version > mine->freshness.data_version))
    if (auto stored = db.read([&](storage::Connection& c) { return computed::find(c, key); })) {
      const Freshness f{stored->data_version, stored->computed_at, false};
      mine = Remembered{job.decode(stored->body), f, stored->compute_ms};
      remember(key, *mine);
      std::lock_guard lock(mu_);
      ++stats_.stored_hits;
    }
  if (mine && mine->freshness.data_version == version) return {mine->decoded.value, mine->freshness};
  // Changed since. A quick computation (a district's, a region's) is redone
  // here, in memory only: no lease and no stored copy — under a steady stream
  // of writes those were two write transactions per request, slower than the
  // computation itself (bench/load_bench.sh). A long one is answered at once
  // from the last result, marked, and redone behind it. A key never computed
  // anywhere is computed under the lease and stored, so its duration is known.
  std::optional<std::int64_t> took;
  if (mine) took = mine->compute_ms;
  if (header) took = std::max(took.value_or(0), header->compute_ms);
  if (took && *took < quick_ms_) return compute_here(db, job, part);
  if (mine) {
    schedule(db, job, part);
    std::lock_guard lock(mu_);
    ++stats_.stale;
    return {mine->decoded.value, Freshness{mine->freshness.data_version, mine->freshness.computed_at, true}};
  }
  return compute_or_wait(db, job, part, version);
}

// One computation in one snapshot, with the version that snapshot read.
SharedResults::Run SharedResults::run(storage::Database& db, const Computation& job) {
  const auto started = std::chrono::steady_clock::now();
  Run r;
  r.parts = db.read_snapshot([&](storage::Connection& c) {
    r.freshness.data_version = job.version(c);
    return job.compute(c);
  });
  r.freshness.computed_at = domain::utc_timestamp_now();
  r.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  return r;
}

// Keeps every part in memory and answers with the one asked for.
SharedAnswer SharedResults::keep(const Computation& job, const Run& r, const std::string& part) {
  SharedAnswer answer{nullptr, r.freshness};
  for (const auto& p : r.parts) {
    remember(part_key(job, p.name), Remembered{p.decoded, r.freshness, r.took});
    if (p.name == part) answer.value = p.decoded.value;
  }
  std::lock_guard lock(mu_);
  ++stats_.computed;
  return answer;
}

SharedAnswer SharedResults::compute_here(storage::Database& db, const Computation& job, const std::string& part) {
  return keep(job, run(db, job), part);
}

std::optional<SharedAnswer> SharedResults::compute_and_store(storage::Database& db, const Computation& job,
                                                             const std::string& part) {
  std::string holder;
  {
    std::lock_guard lock(mu_);
    holder = instance_ + "/" + std::to_string(++attempts_);
  }
  const bool taken = db.write(
      [&](storage::Connection& c) { return computed::take_lease(c, job.key, holder, now_ms(), now_ms() + kLeaseMs); });
  if (!taken) return std::nullopt;
  try {
    auto r = run(db, job);
    const bool tidy = time_to_tidy();
    db.write([&](storage::Connection& c) {
      for (auto& p : r.parts)  // moved: memory keeps the decoded value only
        computed::put(c, part_key(job, p.name),
                      {r.freshness.data_version, r.freshness.computed_at, r.took, std::move(p.body)});
      computed::release_lease(c, job.key, holder);
      if (tidy) computed::forget_older_than(c, domain::utc_timestamp(std::chrono::system_clock::now() - kKeptFor));
    });
    // The facts a computation read (≈ 1–2 GB for the federation) are freed by
    // now; hand the pages back rather than keep the peak resident (glibc).
    malloc_trim(0);
    return keep(job, r, part);
  } catch (...) {
    try {
      db.write([&](storage::Connection& c) { computed::release_lease(c, job.key, holder); });
    } catch (const std::exception& e) {
      spdlog::warn("Не удалось снять отметку о вычислении «{}»: {}", job.key, e.what());
    }
    throw;
  }
}

SharedAnswer SharedResults::compute_or_wait(storage::Database& db, const Computation& job, const std::string& part,
                                            std::int64_t version) {
  const auto key = part_key(job, part);
  for (;;) {
    if (auto done = compute_and_store(db, job, part)) return *done;
    // Another server computes it: its result, once it covers `version`, is ours too.
    {
      std::lock_guard lock(mu_);
      ++stats_.waited;
    }
    for (;;) {
      std::this_thread::sleep_for(kPoll);
      const bool leased = db.read([&](storage::Connection& c) { return computed::leased(c, job.key, now_ms()); });
      const auto header = db.read([&](storage::Connection& c) { return computed::find_header(c, key); });
      if (header && header->data_version >= version)
        if (auto stored = db.read([&](storage::Connection& c) { return computed::find(c, key); })) {
          const Remembered r{job.decode(stored->body), Freshness{stored->data_version, stored->computed_at, false},
                             stored->compute_ms};
          remember(key, r);
          return {r.decoded.value, r.freshness};
        }
      if (!leased) {
        // Finished without this part (the computation has none such), or failed: see for ourselves.
        if (header && header->data_version >= version) continue;
        break;
      }
    }
  }
}

void SharedResults::schedule(storage::Database& db, const Computation& job, const std::string& part) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    // The key asked last goes first: it is the view somebody is looking at
    // now (the page asks again every few seconds), and after a burst of
    // writes it would otherwise wait behind every other key's recomputation.
    if (!queued_.insert(job.key).second) {
      const auto waiting = std::find_if(queue_.begin(), queue_.end(),
                                        [&](const auto& queued) { return std::get<1>(queued).key == job.key; });
      if (waiting != queue_.end() && waiting != queue_.begin()) {
        auto asked = std::move(*waiting);
        queue_.erase(waiting);
        queue_.push_front(std::move(asked));
      }
      return;  // waiting already, or running (asked again when it ends)
    }
    queue_.emplace_front(&db, job, part);
    if (!worker_.joinable()) worker_ = std::thread([this] { work(); });
  }
  wake_.notify_one();
}

void SharedResults::work() {
  std::unique_lock lock(mu_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    auto [db, job, part] = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    try {
      compute_and_store(*db, job, part);  // nullopt: another server computes it
    } catch (const std::exception& e) {
      spdlog::warn("Пересчёт «{}» не удался: {}", job.key, e.what());
    }
    lock.lock();
    busy_ = false;
    queued_.erase(job.key);
    if (queue_.empty()) idle_.notify_all();
  }
}

void SharedResults::wait_idle() {
  std::unique_lock lock(mu_);
  idle_.wait(lock, [&] { return stopping_ || (queue_.empty() && !busy_); });
}

SharedResultsStats SharedResults::stats() const {
  std::lock_guard lock(mu_);
  auto s = stats_;
  s.entries = memory_.size();
  s.bytes = memory_.bytes();
  return s;
}

}  // namespace metodist::app
