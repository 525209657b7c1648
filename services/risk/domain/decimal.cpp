#include "domain/decimal.h"

namespace greenlane::risk {
namespace {

// value × 10^digits stays far below the int64 limit for the digits the domain uses (at most 3).
constexpr std::size_t kMaxIntegerDigits = 14;

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

core::Result<std::int64_t> ParseDecimal(std::string_view text, int digits, const std::string& field) {
  const auto invalid = [&](std::string_view rule) {
    return core::Error::InvalidArgument(field, field + ": '" + std::string(text) + "' " + std::string(rule));
  };
  const auto dot = text.find('.');
  const auto integer = text.substr(0, dot);
  const auto fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (integer.empty() || !AllDigits(integer) || !AllDigits(fraction) ||
      (dot != std::string_view::npos && fraction.empty())) {
    return invalid("is not a non-negative plain decimal such as 12 or 12.5");
  }
  if (integer.size() > kMaxIntegerDigits) return invalid("is too large");
  if (fraction.size() > static_cast<std::size_t>(digits)) {
    return invalid("has more than " + std::to_string(digits) + " decimal places");
  }
  std::int64_t value = 0;
  for (char c : integer) value = value * 10 + (c - '0');
  std::int64_t fraction_value = 0;
  for (char c : fraction) fraction_value = fraction_value * 10 + (c - '0');
  return value * PowerOfTen(digits) + fraction_value * PowerOfTen(digits - static_cast<int>(fraction.size()));
}

}  // namespace

core::Result<std::int64_t> ReadDecimal(const nlohmann::json& value, int digits, const std::string& field) {
  if (value.is_string()) return ParseDecimal(value.get<std::string>(), digits, field);
  if (value.is_number()) return ParseDecimal(value.dump(), digits, field);
  return core::Error::InvalidArgument(
      field, field + ": expected a number or a decimal string, got " + std::string(value.type_name()));
}

}  // namespace greenlane::risk
