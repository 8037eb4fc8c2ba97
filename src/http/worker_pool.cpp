#include "http/worker_pool.hpp"

namespace metodist::http {

WorkerPool::WorkerPool(std::size_t threads, std::size_t max_queue) : max_queue_(max_queue) {
  for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { loop(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

bool WorkerPool::post(std::function<void()> task) {
  bool wake = false;
  {
    std::lock_guard lock(mu_);
    if (stopping_ || queue_.size() >= max_queue_) return false;
    queue_.push_back(std::move(task));
    queued_.store(queue_.size(), std::memory_order_release);
    wake = sleeping_ > 0;
  }
  // A futex wake costs a system call (dear on virtual machines): skip it when
  // every worker is busy or spinning and will see the task anyway.
  if (wake) cv_.notify_one();
  return true;
}

std::size_t WorkerPool::depth() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

void WorkerPool::loop() {
  while (true) {
    // Under load the next task arrives within microseconds: poll briefly
    // before sleeping, which saves the sleep and the wake-up system calls.
    for (int spin = 0; spin < 200 && queued_.load(std::memory_order_acquire) == 0; ++spin) __builtin_ia32_pause();
    std::function<void()> task;
    {
      std::unique_lock lock(mu_);
      ++sleeping_;
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      --sleeping_;
      if (queue_.empty()) return;  // stopping and drained
      task = std::move(queue_.front());
      queue_.pop_front();
      queued_.store(queue_.size(), std::memory_order_release);
    }
    task();  // tasks catch their own exceptions (see router.cpp)
  }
}

}  // namespace metodist::http
