#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace greenlane::instruments {

/// An exact decimal as an analyzer wrote it: concentrations, errors and percentages are legal
/// quantities (a screening verdict compares them with limits), so they are never rounded through a
/// binary float. The scale written is kept, so "0.0" prints back as "0.0".
class Decimal {
 public:
  /// Up to 18 significant digits and 9 decimal places: more than any analyzer prints.
  static constexpr int kMaxDigits = 18;
  static constexpr int kMaxScale = 9;

  constexpr Decimal() = default;
  /// `units` in steps of 10^-scale, e.g. Decimal(-1204632, 5) is -12.04632.
  constexpr Decimal(std::int64_t units, int scale) : units_(units), scale_(static_cast<std::int8_t>(scale)) {}

  /// Parses "[+-]digits[.digits]" (also ".5" and "5."); nullopt for anything else, including
  /// exponents, thousands separators and surrounding spaces.
  static std::optional<Decimal> Parse(std::string_view text);

  std::int64_t units() const { return units_; }
  int scale() const { return scale_; }
  std::string ToString() const;

  /// Compares values, whatever the scale: 1.50 == 1.5.
  friend bool operator==(const Decimal& a, const Decimal& b) { return a <=> b == 0; }
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);

 private:
  std::int64_t units_ = 0;
  std::int8_t scale_ = 0;
};

}  // namespace greenlane::instruments
