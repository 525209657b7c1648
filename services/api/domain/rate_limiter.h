#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "greenlane/core/clock.h"

namespace greenlane::api {

struct RateLimitPolicy {
  std::int64_t limit = 600;  ///< requests per window per client
  std::chrono::seconds window{60};
};

/// Per-client fixed-window rate limiting whose counts live in Redis so that every API instance
/// shares them, without a Redis round trip on the request path: decisions use the last total
/// Redis reported plus what this process counted since, and a syncer (RateLimitSync) pushes
/// local counts to Redis in one pipeline every few milliseconds. Between syncs several instances
/// can together admit slightly more than the limit; that is the price of a hot path without I/O.
///
/// When Redis cannot be reached, limits are not enforced (the API keeps serving) until a sync
/// succeeds again.
class RateLimiter {
 public:
  explicit RateLimiter(RateLimitPolicy policy) : policy_(policy) {}

  struct Decision {
    bool allowed = true;
    bool enforced = true;
    std::int64_t limit = 0;
    std::int64_t remaining = 0;
    std::chrono::seconds retry_after{0};  ///< until the current window ends, when refused
  };
  /// Counts one request for `key` and says whether it may proceed. No I/O; thread-safe.
  Decision Check(const std::string& key, core::TimePoint now);

  /// One key's counts waiting to be added to Redis.
  struct Pending {
    std::string key;
    std::int64_t window_index = 0;
    std::int64_t count = 0;
  };
  /// Hands the counts not yet in Redis to the syncer (they stay counted as in flight), asks for a
  /// fresh total (count 0) for keys active in the current window, and forgets past windows.
  std::vector<Pending> TakePending(core::TimePoint now);
  /// Redis answered `total` for a pending batch: it becomes the known shared count.
  void ApplyTotal(const Pending& sent, std::int64_t total);
  /// The sync failed: the in-flight counts go back to pending and limits stop being enforced.
  void SyncFailed(const std::vector<Pending>& sent);
  /// A sync succeeded: limits are enforced again.
  void SyncSucceeded();
  bool enforced() const;

  const RateLimitPolicy& policy() const { return policy_; }
  std::int64_t WindowIndex(core::TimePoint now) const;

 private:
  struct Counts {
    std::int64_t window_index = 0;
    std::int64_t shared_total = 0;  // last total Redis reported, including our synced counts
    std::int64_t in_flight = 0;     // sent to Redis, answer not yet applied
    std::int64_t pending = 0;       // counted here, not yet sent
  };

  RateLimitPolicy policy_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Counts> counts_;
  bool enforced_ = true;
};

}  // namespace greenlane::api
