#pragma once

#include <cstdint>
#include <string_view>

namespace greenlane::identify::rule_support {

/// How far an officer can act on an answer without a laboratory: every identification carries one,
/// with a reason string saying why, so a "probably" never reads like a "certainly".
enum class Confidence : std::uint8_t {
  kHigh,    ///< act on it: the measurement is clear of every threshold by the instrument's margin
  kMedium,  ///< likely, but close to a threshold: a second look or a confirming test is worth it
  kLow,     ///< no call can be made from this measurement: refer to the laboratory
};

/// "high", "medium", "low": stable names for events and APIs.
std::string_view ConfidenceName(Confidence confidence);

}  // namespace greenlane::identify::rule_support
