// A bounded pool of connections of one backend. Internal to storage.
//
// Connections are opened lazily up to `size`, handed out one lease at a time,
// and replaced when they report themselves broken (PostgreSQL restarted, a
// network drop), so the app survives the database going away and back. A
// broken one takes the idle connections with it: after a restart they are all
// dead, and the caller's single retry must get a fresh one.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "storage/database.hpp"

namespace metodist::storage {

// Hash for unordered maps keyed by std::string but looked up by string_view,
// so the statement caches find prepared SQL without allocating a key.
struct SqlHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

class ConnectionPool {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;

  ConnectionPool(Factory factory, std::size_t size, std::chrono::milliseconds acquire_timeout)
      : factory_(std::move(factory)), size_(size), timeout_(acquire_timeout) {}

  Database::Lease acquire();
  PoolStats stats() const;

 private:
  void release(Connection* c);

  Factory factory_;
  const std::size_t size_;
  const std::chrono::milliseconds timeout_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> all_;
  std::vector<Connection*> idle_;
  std::size_t opening_ = 0;
  std::uint64_t waits_ = 0, timeouts_ = 0;
};

}  // namespace metodist::storage
