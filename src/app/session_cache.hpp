// Recognised sessions kept by one app server, so that a signed-in request
// costs one read of the access version instead of the session, the account,
// its roles and a methodist's support. An entry holds while the version
// holds: a logout, a block, a password change or a role change on any server
// moves it (triggers, migration 0027), and the next request reads the session
// again. Entries also lapse at the session's end and after a minute (a
// methodist's support follows the calendar).
//
// On SQLite even that read is spared while nothing is committed: the cache
// remembers the version it last read together with the database's commit
// token read just before (storage/commit_signal.hpp); while the token stands,
// so does the version.
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
  // The session as of the version last read, when no commit came since.
  std::optional<Value> find_uncommitted(const std::string& digest, std::uint64_t commits, const std::string& now_iso) {
    std::int64_t version = 0;
    {
      std::lock_guard lock(mu_);
      if (!read_at_ || *read_at_ != commits) return std::nullopt;
      version = last_read_;
    }
    return find(digest, version, now_iso);
  }
  // `commits` must have been read before `version`: a commit in between then
  // shows as a changed token at the next request. Tokens have no order: a
  // slower request may store an older pair, which only costs the next request
  // a read of the version.
  void version_read(std::uint64_t commits, std::int64_t version) {
    std::lock_guard lock(mu_);
    read_at_ = commits;
    last_read_ = version;
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
  std::optional<std::uint64_t> read_at_;  // the commit token read before last_read_
  std::int64_t last_read_ = 0;
};

}  // namespace metodist::app
