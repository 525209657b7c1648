#include "greenlane/instruments/decimal.h"

#include <cstdlib>

namespace greenlane::instruments {
namespace {

__int128 Scaled(const Decimal& value, int scale) {
  __int128 units = value.units();
  for (int i = value.scale(); i < scale; ++i) units *= 10;
  return units;
}

}  // namespace

std::optional<Decimal> Decimal::Parse(std::string_view text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  std::int64_t units = 0;
  int digits = 0;
  int significant = 0;
  int scale = 0;
  bool seen_point = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      if (seen_point) return std::nullopt;
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    ++digits;
    if (seen_point && ++scale > kMaxScale) return std::nullopt;
    if (units != 0 || c != '0') ++significant;
    if (significant > kMaxDigits) return std::nullopt;
    units = units * 10 + (c - '0');
  }
  if (digits == 0) return std::nullopt;
  return Decimal(negative ? -units : units, scale);
}

std::string Decimal::ToString() const {
  std::string digits = std::to_string(units_ < 0 ? -units_ : units_);
  if (scale_ > 0) {
    if (digits.size() <= static_cast<std::size_t>(scale_)) digits.insert(0, scale_ - digits.size() + 1, '0');
    digits.insert(digits.size() - scale_, 1, '.');
  }
  return units_ < 0 ? "-" + digits : digits;
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
  const int scale = a.scale() > b.scale() ? a.scale() : b.scale();
  return Scaled(a, scale) <=> Scaled(b, scale);
}

}  // namespace greenlane::instruments
