// Threads that run blocking work (database, files) off the I/O threads.
//
// The queue is bounded: when it is full, post() refuses at once and the caller
// answers 503, so overload shows as fast errors rather than growing latency.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace metodist::http {

class WorkerPool {
 public:
  WorkerPool(std::size_t threads, std::size_t max_queue);
  ~WorkerPool();  // finishes queued tasks, then joins
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  bool post(std::function<void()> task);
  std::size_t depth() const;

 private:
  void loop();

  const std::size_t max_queue_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  std::atomic<std::size_t> queued_{0};  // queue_.size(), readable without the lock while spinning
  bool stopping_ = false;
  std::size_t sleeping_ = 0;  // workers blocked on cv_: only they need a wake-up
  std::vector<std::thread> threads_;
};

}  // namespace metodist::http
