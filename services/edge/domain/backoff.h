#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace greenlane::edge {

struct BackoffPolicy {
  std::chrono::milliseconds initial{250};  ///< the cap of the first delayed attempt
  std::chrono::milliseconds max{30000};    ///< no wait is ever longer
};

/// A uniform random integer in [0, bound]. Injected so tests can pin the jitter.
using RandomSource = std::function<std::uint64_t(std::uint64_t bound)>;

/// When to try the upload stream again after it broke. The first attempt after a disconnect is
/// immediate (most breaks are a single dropped connection); the following ones wait a uniformly
/// random time up to min(max, initial * 2^(n-1)) ("full jitter"), so that gateways cut off by the
/// same outage do not all reconnect in the same instant when ingest comes back.
class Backoff {
 public:
  Backoff(BackoffPolicy policy, RandomSource random);

  /// The wait before the next attempt; each call counts one more failed attempt.
  std::chrono::milliseconds NextDelay();

  /// The stream worked again: the next disconnect is retried at once.
  void Reset() { failures_ = 0; }

  int failures() const { return failures_; }

 private:
  BackoffPolicy policy_;
  RandomSource random_;
  int failures_ = 0;
};

/// A RandomSource from a generator seeded by std::random_device, for production wiring.
RandomSource SystemRandomSource();

}  // namespace greenlane::edge
