#include "storage/pool.hpp"

#include <algorithm>

namespace metodist::storage {

Database::Lease ConnectionPool::acquire() {
  std::unique_lock lock(mu_);
  bool waited = false;
  while (true) {
    if (!idle_.empty()) {
      Connection* c = idle_.back();
      idle_.pop_back();
      if (c->healthy()) return Database::Lease(c, [this](Connection* x) { release(x); });
      // A broken connection is dropped; the loop opens a fresh one.
      std::erase_if(all_, [c](const auto& p) { return p.get() == c; });
      continue;
    }
    if (all_.size() + opening_ < size_) {
      ++opening_;
      lock.unlock();
      std::unique_ptr<Connection> fresh;
      try {
        fresh = factory_();
      } catch (...) {
        lock.lock();
        --opening_;
        cv_.notify_one();
        throw;
      }
      lock.lock();
      --opening_;
      Connection* c = fresh.get();
      all_.push_back(std::move(fresh));
      return Database::Lease(c, [this](Connection* x) { release(x); });
    }
    if (!waited) {
      waited = true;
      ++waits_;
    }
    if (!cv_.wait_for(lock, timeout_, [&] { return !idle_.empty() || all_.size() + opening_ < size_; })) {
      ++timeouts_;
      throw Error(ErrorKind::busy, "База данных перегружена: нет свободного соединения, повторите запрос позже");
    }
  }
}

void ConnectionPool::release(Connection* c) {
  std::lock_guard lock(mu_);
  if (c->healthy()) {
    idle_.push_back(c);
  } else {
    // One dead connection usually means the server restarted: the idle ones
    // opened before it are dead as well, only they do not know it until used.
    // Dropping them lets the caller's retry run on a fresh connection instead
    // of on the next dead one (seen as a 503 after a restart of PostgreSQL).
    std::erase_if(all_, [&](const auto& p) {
      return p.get() == c || std::find(idle_.begin(), idle_.end(), p.get()) != idle_.end();
    });
    idle_.clear();
  }
  cv_.notify_all();
}

PoolStats ConnectionPool::stats() const {
  std::lock_guard lock(mu_);
  return PoolStats{all_.size(), all_.size() - idle_.size(), waits_, timeouts_};
}

}  // namespace metodist::storage
