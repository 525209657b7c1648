#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "domain/rate_limiter.h"
#include "greenlane/core/clock.h"
#include "greenlane/redis/pool.h"

namespace greenlane::api {

/// Pushes the RateLimiter's local counts to Redis (INCRBY per client and window, in one
/// pipeline) and feeds the shared totals back, on its own thread every `interval`.
class RateLimitSync {
 public:
  RateLimitSync(RateLimiter& limiter, redis::Pool& redis, const core::Clock& clock, std::chrono::milliseconds interval)
      : limiter_(limiter), redis_(redis), clock_(clock), interval_(interval) {}
  ~RateLimitSync() { Stop(); }

  void Start();
  void Stop();
  /// One sync now (the thread calls it; tests call it directly).
  void SyncOnce();

 private:
  RateLimiter& limiter_;
  redis::Pool& redis_;
  const core::Clock& clock_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace greenlane::api
