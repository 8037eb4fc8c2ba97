// Finished answers kept for the next caller who asks the same of the same
// data: a monitoring page's values cut to a scope and ranked, with the
// transport's renderings of them; the staff list's total; the young teachers
// and the data-quality ranking a page is cut from. The key names everything
// an answer depends on, the data version among it, so a change of the data makes new keys and
// the old answers age out of a bounded memory (LruMemory). Under load most
// requests repeat one another; without this each redid the cut, the ranking
// and a 100–300 KB JSON (docs/performance.md).
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "app/lru_memory.hpp"
#include "domain/access.hpp"

namespace metodist::app {

// An answer as the transport wrote it, filled by the first request that
// writes it and reused by the next ones. The app does not read it.
struct Rendered {
  std::mutex mu;
  std::string plain, gzip;
};

class AnswerMemo {
 public:
  explicit AnswerMemo(std::size_t max_bytes) : memory_(max_bytes) {}

  std::shared_ptr<const void> find(const std::string& key) {
    std::lock_guard lock(mu_);
    const auto* found = memory_.find(key);
    return found ? *found : nullptr;
  }
  // `bytes`: the answer's size with room for its renderings.
  void keep(const std::string& key, std::shared_ptr<const void> answer, std::size_t bytes) {
    std::lock_guard lock(mu_);
    memory_.put(key, std::move(answer), bytes);
  }
  // The answer kept under `key`, or the one make() returns, kept then.
  // make() gives {the answer, its size in bytes}. Two first callers at once
  // may both make it; the later one is kept.
  template <class T, class Make>
  std::shared_ptr<const T> find_or_make(const std::string& key, Make&& make) {
    if (auto kept = find(key)) return std::static_pointer_cast<const T>(kept);
    std::pair<std::shared_ptr<const T>, std::size_t> made = make();
    keep(key, made.first, made.second);
    return made.first;
  }

 private:
  std::mutex mu_;
  LruMemory<std::shared_ptr<const void>> memory_;
};

// Who sees what, as a key: callers with the same scope get the same answers.
std::string scope_key(const domain::Scope& scope);

}  // namespace metodist::app
