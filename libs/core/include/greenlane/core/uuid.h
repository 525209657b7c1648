#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "greenlane/core/clock.h"

namespace greenlane::core {

/// A 128-bit UUID. Greenlane makes version 7 (RFC 9562): time-ordered, so ids sort by creation
/// and index well in PostgreSQL.
class Uuid {
 public:
  Uuid() = default;
  explicit Uuid(std::array<std::uint8_t, 16> bytes) : bytes_(bytes) {}

  /// A new UUIDv7 at the clock's time. Ids from one process are strictly increasing, even within
  /// one millisecond (RFC 9562 §6.2 method 1: a counter in rand_a).
  static Uuid NewV7(const Clock& clock = SystemClock::Instance());
  /// Parses the 36-character hyphenated form.
  static std::optional<Uuid> Parse(const std::string& text);

  std::string ToString() const;
  const std::array<std::uint8_t, 16>& bytes() const { return bytes_; }
  int version() const { return bytes_[6] >> 4; }

  auto operator<=>(const Uuid&) const = default;

 private:
  std::array<std::uint8_t, 16> bytes_{};
};

}  // namespace greenlane::core
