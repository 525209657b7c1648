#include "greenlane/core/fixed_point.h"

#include <cstdlib>

namespace greenlane::core {
namespace {

// value × 10^digits must fit an int64 (about 9.2e18): at most 18 digits in all.
constexpr std::size_t kMaxTotalDigits = 18;

std::int64_t PowerOfTen(int digits) {
  std::int64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  return scale;
}

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

core::Result<std::int64_t> ParseFixedPoint(std::string_view text, int digits, std::string_view field) {
  const auto invalid = [&](std::string_view rule) {
    return core::Error::InvalidArgument(std::string(field),
                                        std::string(field) + ": '" + std::string(text) + "' " + std::string(rule));
  };
  const auto dot = text.find('.');
  const auto integer = text.substr(0, dot);
  const auto fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (integer.empty() || !AllDigits(integer) || !AllDigits(fraction) ||
      (dot != std::string_view::npos && fraction.empty())) {
    return invalid("is not a non-negative plain decimal such as 12 or 12.5");
  }
  if (integer.size() + static_cast<std::size_t>(digits) > kMaxTotalDigits) return invalid("is too large");
  if (fraction.size() > static_cast<std::size_t>(digits)) {
    return invalid("has more than " + std::to_string(digits) + " decimal places");
  }
  std::int64_t value = 0;
  for (char c : integer) value = value * 10 + (c - '0');
  std::int64_t fraction_value = 0;
  for (char c : fraction) fraction_value = fraction_value * 10 + (c - '0');
  const auto fraction_scale = PowerOfTen(digits - static_cast<int>(fraction.size()));
  return value * PowerOfTen(digits) + fraction_value * fraction_scale;
}

core::Result<std::int64_t> ReadFixedPoint(const nlohmann::json& value, int digits, std::string_view field) {
  if (value.is_string()) return ParseFixedPoint(value.get<std::string>(), digits, field);
  if (value.is_number()) return ParseFixedPoint(value.dump(), digits, field);
  return core::Error::InvalidArgument(std::string(field), std::string(field) +
                                                              ": expected a number or a decimal "
                                                              "string, got " +
                                                              std::string(value.type_name()));
}

std::string FormatFixedPoint(std::int64_t scaled, int digits) {
  const auto scale = PowerOfTen(digits);
  const auto magnitude = std::llabs(scaled);
  std::string text;
  if (scaled < 0) text.push_back('-');
  text += std::to_string(magnitude / scale);
  if (digits > 0) {
    const auto fraction = std::to_string(magnitude % scale);
    text.push_back('.');
    text.append(static_cast<std::size_t>(digits) - fraction.size(), '0');
    text += fraction;
  }
  return text;
}

}  // namespace greenlane::core
