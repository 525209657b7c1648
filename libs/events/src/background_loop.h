#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace greenlane::events::internal {

/// Calls a step function over and over on its own thread until stopped; the step says how long to
/// pause before the next call, and Stop() cuts a pause short. Shared by Relay and Consumer.
class BackgroundLoop {
 public:
  using Step = std::function<std::chrono::milliseconds()>;

  BackgroundLoop() = default;
  ~BackgroundLoop() { Stop(); }
  BackgroundLoop(const BackgroundLoop&) = delete;
  BackgroundLoop& operator=(const BackgroundLoop&) = delete;

  /// Starts the thread; does nothing if it already runs. `step` must not throw.
  void Start(Step step);
  /// Lets the current step finish, then joins. Idempotent.
  void Stop();

 private:
  std::mutex control_;  // serialises Start and Stop, so a Start cannot revive a loop being joined
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

/// Exponential pause after failures: 100 ms doubling up to 5 s, reset by a success.
class Backoff {
 public:
  std::chrono::milliseconds Next();
  void Reset() { next_ = kFirst; }

 private:
  static constexpr std::chrono::milliseconds kFirst{100};
  static constexpr std::chrono::milliseconds kMax{5000};
  std::chrono::milliseconds next_ = kFirst;
};

}  // namespace greenlane::events::internal
