// Recognised sessions kept by one app server, so that a signed-in request
// costs one read of the access version instead of the session, the account,
// its roles and a methodist's support. An entry holds while the version
// holds: a logout, a block, a password change or a role change on any server
// moves it (triggers, migration 0027), and the next request reads the session
// again. Entries also lapse at the session's end and after a minute (a
// methodist's support follows the calendar).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace metodist::app {

struct Caller;

class SessionCache {
  using Value = std::shared_ptr<const Caller>;

 public:
  explicit SessionCache(std::size_t max_entries = 100'000) : max_entries_(max_entries) {}

  std::optional<Value> find(const std::string& digest, std::int64_t version, const std::string& now_iso) {
    std::lock_guard lock(mu_);
    auto it = entries_.find(digest);
    if (it == entries_.end()) return std::nullopt;
    const auto& e = it->second;
    if (e.version != version || e.expires_at <= now_iso || std::chrono::steady_clock::now() - e.stored > kLifetime) {
      entries_.erase(it);
      return std::nullopt;
    }
    return e.value;
  }
  void put(const std::string& digest, std::int64_t version, std::string expires_at, Value value) {
    std::lock_guard lock(mu_);
    if (entries_.size() >= max_entries_) entries_.clear();  // a burst of sign-ins: start over, no scan
    entries_.insert_or_assign(
        digest, Entry{std::move(value), version, std::move(expires_at), std::chrono::steady_clock::now()});
  }

 private:
  static constexpr auto kLifetime = std::chrono::seconds(60);
  struct Entry {
    Value value;
    std::int64_t version = 0;
    std::string expires_at;  // UTC ISO: compares as text
    std::chrono::steady_clock::time_point stored;
  };
  const std::size_t max_entries_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace metodist::app
