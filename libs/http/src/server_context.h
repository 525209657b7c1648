#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>

#include "greenlane/core/worker_pool.h"
#include "greenlane/http/router.h"
#include "greenlane/http/server.h"

namespace greenlane::http::detail {

/// What every connection of one server shares. Owned by the server and outlives its sessions.
struct ServerContext {
  ServerContext(ServerOptions options_in, const Router& router_in, Hooks hooks_in, core::WorkerPool& workers_in)
      : options(std::move(options_in)), router(router_in), hooks(std::move(hooks_in)), workers(workers_in) {}

  const ServerOptions options;
  const Router& router;
  const Hooks hooks;
  core::WorkerPool& workers;

  std::atomic<std::size_t> open_connections{0};
  std::atomic<std::uint64_t> accepted_connections{0};
  std::atomic<std::uint64_t> refused_connections{0};

  /// Answers still owed (handlers queued or running on the worker pool, started routes not yet
  /// answered): the server waits for them when it stops, because delivering an answer uses the
  /// hooks and the I/O context.
  void TaskQueued() {
    std::lock_guard lock(tasks_mutex_);
    ++tasks_;
  }
  void TaskDone() {
    std::lock_guard lock(tasks_mutex_);
    if (--tasks_ == 0) tasks_idle_.notify_all();
  }
  void WaitForTasks() {
    std::unique_lock lock(tasks_mutex_);
    tasks_idle_.wait(lock, [this] { return tasks_ == 0; });
  }

 private:
  std::mutex tasks_mutex_;
  std::condition_variable tasks_idle_;
  std::size_t tasks_ = 0;
};

}  // namespace greenlane::http::detail
