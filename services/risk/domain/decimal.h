#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "greenlane/core/error.h"

namespace greenlane::risk {

/// Money and legal quantities in declarations are fixed-point integers: value × 10^digits (money in
/// minor units with 2 digits, masses and quantities in thousandths with 3). Reading them from text
/// keeps them exact where a binary float would not be.
///
/// Reads a non-negative plain decimal ("12", "12.5") from a JSON string or number with at most
/// `digits` fraction digits; a number is read through its shortest decimal text, so 0.005 at two
/// digits is refused rather than rounded. The error names `field`, the value and the rule.
core::Result<std::int64_t> ReadDecimal(const nlohmann::json& value, int digits, const std::string& field);

}  // namespace greenlane::risk
