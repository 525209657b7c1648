#pragma once

#include <chrono>

#include "domain/rate_limiter.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/periodic_task.h"
#include "greenlane/redis/pool.h"

namespace greenlane::api {

/// Pushes the RateLimiter's local counts to Redis (INCRBY per client and window, in one
/// pipeline) and feeds the shared totals back, on its own thread every `interval`.
class RateLimitSync {
 public:
  RateLimitSync(RateLimiter& limiter, redis::Pool& redis, const core::Clock& clock, std::chrono::milliseconds interval)
      : limiter_(limiter), redis_(redis), clock_(clock), task_("rate-limit-sync", interval, [this] { SyncOnce(); }) {}

  void Start() { task_.Start(); }
  void Stop() { task_.Stop(); }
  /// One sync now (the thread calls it; tests call it directly).
  void SyncOnce();

 private:
  RateLimiter& limiter_;
  redis::Pool& redis_;
  const core::Clock& clock_;
  core::PeriodicTask task_;  // last: it calls SyncOnce, which uses the members above
};

}  // namespace greenlane::api
