// Values kept in memory under a byte budget; when it is exceeded the least
// recently used go first. A value larger than the whole budget is not kept
// (it would push out everything else). Not thread-safe: the owner locks.
#pragma once

#include <cstddef>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>

namespace metodist::app {

template <class T>
class LruMemory {
 public:
  explicit LruMemory(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // The value under `key`, now the most recently used; null when absent.
  T* find(const std::string& key) {
    auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    return &it->second.value;
  }

  // Keeps `value` (replacing one under the same key), `bytes` its size.
  void put(const std::string& key, T value, std::size_t bytes) {
    if (bytes > max_bytes_) return;
    if (auto it = entries_.find(key); it != entries_.end()) {
      bytes_ -= it->second.bytes;
      lru_.erase(it->second.lru);
      entries_.erase(it);
    }
    lru_.push_front(key);
    entries_.emplace(key, Entry{std::move(value), bytes, lru_.begin()});
    bytes_ += bytes;
    while (bytes_ > max_bytes_ && !lru_.empty()) {
      auto last = entries_.find(lru_.back());
      bytes_ -= last->second.bytes;
      entries_.erase(last);
      lru_.pop_back();
    }
  }

  std::size_t size() const { return entries_.size(); }
  std::size_t bytes() const { return bytes_; }

 private:
  struct Entry {
    T value;
    std::size_t bytes = 0;
    std::list<std::string>::iterator lru;
  };
  const std::size_t max_bytes_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> lru_;  // most recent first
  std::size_t bytes_ = 0;
};

}  // namespace metodist::app
