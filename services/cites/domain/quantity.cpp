#include "domain/quantity.h"

#include <cctype>

namespace greenlane::cites {

namespace {
core::Error Malformed(const std::string& field, std::string_view text, std::string_view why) {
  return core::Error::InvalidArgument(
      field, "quantity '" + std::string(text) + "' " + std::string(why) + ": write a decimal such as 12 or 0.125");
}

void ThrowOverflow() {
  throw core::GreenlaneException(core::Error{core::ErrorKind::kInvalidArgument, "quantity arithmetic overflows", {}});
}
}  // namespace

core::Result<Quantity> Quantity::Parse(std::string_view text, const std::string& field) {
  std::string_view rest = text;
  const bool negative = !rest.empty() && rest.front() == '-';
  if (negative) rest.remove_prefix(1);
  const std::size_t dot = rest.find('.');
  const std::string_view whole = rest.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
  const auto all_digits = [](std::string_view part) {
    for (char c : part) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    }
    return true;
  };
  if (whole.empty() || !all_digits(whole) || !all_digits(fraction) ||
      (dot != std::string_view::npos && fraction.empty())) {
    return Malformed(field, text, "is not a decimal number");
  }
  if (fraction.size() > static_cast<std::size_t>(kFractionDigits)) {
    return Malformed(field, text, "has more than 6 decimal places");
  }
  const std::size_t first_significant = whole.find_first_not_of('0');
  const std::size_t integer_digits = first_significant == std::string_view::npos ? 0 : whole.size() - first_significant;
  if (integer_digits > static_cast<std::size_t>(kMaxIntegerDigits)) {
    return Malformed(field, text, "is larger than 999999999999");
  }
  std::int64_t scaled = 0;
  for (char c : whole) scaled = scaled * 10 + (c - '0');
  for (int i = 0; i < kFractionDigits; ++i) {
    scaled = scaled * 10 + (static_cast<std::size_t>(i) < fraction.size() ? fraction[i] - '0' : 0);
  }
  return Quantity(negative ? -scaled : scaled);
}

std::string Quantity::ToString() const {
  const std::uint64_t magnitude =
      scaled_ < 0 ? static_cast<std::uint64_t>(-(scaled_ + 1)) + 1 : static_cast<std::uint64_t>(scaled_);
  std::string text = std::to_string(magnitude / kScale);
  std::string fraction = std::to_string(magnitude % kScale);
  fraction.insert(0, kFractionDigits - fraction.size(), '0');
  fraction.erase(fraction.find_last_not_of('0') + 1);
  if (!fraction.empty()) text += "." + fraction;
  return scaled_ < 0 ? "-" + text : text;
}

Quantity Quantity::operator+(Quantity other) const {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(scaled_, other.scaled_, &sum)) ThrowOverflow();
  return Quantity(sum);
}

Quantity Quantity::operator-(Quantity other) const {
  std::int64_t difference = 0;
  if (__builtin_sub_overflow(scaled_, other.scaled_, &difference)) ThrowOverflow();
  return Quantity(difference);
}

}  // namespace greenlane::cites
