#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>

namespace greenlane::core {

using TimePoint = std::chrono::system_clock::time_point;

/// The time source of domain code, injectable so rules about time are testable.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

/// The real wall clock (UTC).
class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
  /// A shared instance for production wiring.
  static const SystemClock& Instance();
};

/// A clock that only moves when told; for tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
  TimePoint Now() const override { return TimePoint(TimePoint::duration(now_.load())); }
  void Advance(std::chrono::system_clock::duration by) { now_ += by.count(); }
  void Set(TimePoint to) { now_ = to.time_since_epoch().count(); }

 private:
  std::atomic<TimePoint::rep> now_;
};

/// RFC 3339 in UTC with `fraction_digits` (0 to 9) digits of seconds, e.g. "2026-11-22T08:15:30.250Z"
/// with the default 3. Digits past the clock's resolution are zeros; the time is truncated, never rounded.
std::string FormatRfc3339(TimePoint time, int fraction_digits = 3);

/// Parses RFC 3339 ("2026-11-22T08:15:30Z", fractional seconds and "+hh:mm" offsets allowed), years
/// 1678 to 2261 (what a TimePoint holds); nullopt otherwise.
std::optional<TimePoint> ParseRfc3339(const std::string& text);

/// Seconds since the Unix epoch.
inline std::int64_t ToUnixSeconds(TimePoint time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

}  // namespace greenlane::core
