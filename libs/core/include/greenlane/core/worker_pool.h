#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "greenlane/core/error.h"

namespace greenlane::core {

/// A fixed set of threads for blocking work (SQL, Redis, crypto), so that gRPC's and Beast's I/O
/// threads never block. The queue is bounded: when it is full, TrySubmit says so and the caller
/// answers "unavailable" instead of queuing without limit.
class WorkerPool {
 public:
  WorkerPool(std::string name, std::size_t threads, std::size_t queue_capacity);
  ~WorkerPool();  ///< Runs what is queued, then joins.
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  /// Queues `task`; false when the queue is full or the pool is stopping.
  bool TrySubmit(std::function<void()> task);
  /// What a caller answers when TrySubmit refused: kUnavailable, retry with backoff.
  static Error QueueFullError();
  /// Stops taking work, finishes what is queued and joins the threads. Idempotent.
  void Stop();

  std::size_t QueueDepth() const;
  std::size_t Threads() const { return threads_.size(); }

 private:
  void Run();

  std::string name_;
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace greenlane::core
