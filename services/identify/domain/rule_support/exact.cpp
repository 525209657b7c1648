#include "domain/rule_support/exact.h"

#include <algorithm>

namespace greenlane::identify::rule_support {
namespace {

Wide PowerOfTen(int exponent) {
  Wide power = 1;
  for (int i = 0; i < exponent; ++i) power *= 10;
  return power;
}

// Division rounding half away from zero; divisor > 0.
Wide DivideRounded(Wide numerator, Wide divisor) {
  const Wide magnitude = numerator < 0 ? -numerator : numerator;
  const Wide quotient = (magnitude + divisor / 2) / divisor;
  return numerator < 0 ? -quotient : quotient;
}

int CommonScale(const instruments::Decimal& a, const instruments::Decimal& b) { return std::max(a.scale(), b.scale()); }

}  // namespace

Wide Scaled(const instruments::Decimal& value, int scale) {
  return static_cast<Wide>(value.units()) * PowerOfTen(scale - value.scale());
}

instruments::Decimal Rounded(Wide units, int from_scale, int to_scale) {
  if (from_scale <= to_scale) return {static_cast<std::int64_t>(units), from_scale};
  return {static_cast<std::int64_t>(DivideRounded(units, PowerOfTen(from_scale - to_scale))), to_scale};
}

instruments::Decimal Plus(const instruments::Decimal& a, const instruments::Decimal& b) {
  const int scale = CommonScale(a, b);
  return Rounded(Scaled(a, scale) + Scaled(b, scale), scale, scale);
}

instruments::Decimal Minus(const instruments::Decimal& a, const instruments::Decimal& b) {
  const int scale = CommonScale(a, b);
  return Rounded(Scaled(a, scale) - Scaled(b, scale), scale, scale);
}

instruments::Decimal Times(const instruments::Decimal& a, int factor) {
  return Rounded(static_cast<Wide>(a.units()) * factor, a.scale(), a.scale());
}

instruments::Decimal PercentOf(Wide part, Wide whole, int digits) {
  return Rounded(DivideRounded(part * 100 * PowerOfTen(digits), whole), digits, digits);
}

bool Within(const instruments::Decimal& value, const instruments::Decimal& lower, const instruments::Decimal& upper) {
  return lower <= value && value <= upper;
}

}  // namespace greenlane::identify::rule_support
