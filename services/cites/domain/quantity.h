#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "greenlane/core/error.h"

namespace greenlane::cites {

/// A legal quantity (box 11, box 14, quotas) as an exact decimal with up to six fraction digits, so
/// that sums of endorsed quantities and quota drawdowns never drift the way binary floats do.
class Quantity {
 public:
  static constexpr int kFractionDigits = 6;
  static constexpr std::int64_t kScale = 1'000'000;
  /// Twelve integer digits keep every realistic sum far from int64 overflow.
  static constexpr int kMaxIntegerDigits = 12;

  constexpr Quantity() = default;

  /// Parses "12", "0.125" or "-3.5" (no exponent, no thousands separator). `field` names the
  /// input in the error.
  static core::Result<Quantity> Parse(std::string_view text, const std::string& field = "quantity");
  static constexpr Quantity FromScaled(std::int64_t scaled) { return Quantity(scaled); }
  static constexpr Quantity Whole(std::int64_t units) { return Quantity(units * kScale); }

  /// Shortest exact text: "12", "0.125", "-3.5".
  std::string ToString() const;
  constexpr std::int64_t scaled() const { return scaled_; }
  constexpr bool IsZero() const { return scaled_ == 0; }
  constexpr bool IsNegative() const { return scaled_ < 0; }

  /// Throws core::GreenlaneException on overflow, which parsed quantities cannot reach.
  Quantity operator+(Quantity other) const;
  Quantity operator-(Quantity other) const;
  Quantity& operator+=(Quantity other) { return *this = *this + other; }
  Quantity& operator-=(Quantity other) { return *this = *this - other; }
  friend constexpr auto operator<=>(Quantity, Quantity) = default;

 private:
  constexpr explicit Quantity(std::int64_t scaled) : scaled_(scaled) {}
  std::int64_t scaled_ = 0;
};

}  // namespace greenlane::cites
