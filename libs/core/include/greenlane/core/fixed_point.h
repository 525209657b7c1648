#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "greenlane/core/error.h"

namespace greenlane::core {

/// Legal quantities and money (volumes, yields, masses, values in minor units) are fixed-point
/// integers: a decimal with at most `digits` fraction digits, held as value × 10^digits. Reading
/// them from text keeps them exact, where a binary float would turn 0.1 m³ into
/// 0.1000000000000000055 m³. At most 18 digits in all, so the value fits an int64.
///
/// Parses a non-negative plain decimal ("12", "12.5", "0.125"; no sign, no exponent) with at most
/// `digits` fraction digits. The error names `field`, the text and the rule.
core::Result<std::int64_t> ParseFixedPoint(std::string_view text, int digits, std::string_view field);

/// The same from a JSON string or number. A number is read through its shortest decimal form, so
/// 42.5 at two digits is exactly 4250 and 0.005 at two digits is refused rather than rounded.
core::Result<std::int64_t> ReadFixedPoint(const nlohmann::json& value, int digits, std::string_view field);

/// "12.500" for (12500, 3), "-0.25" for (-25, 2).
std::string FormatFixedPoint(std::int64_t scaled, int digits);

}  // namespace greenlane::core
