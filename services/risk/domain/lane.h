#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace greenlane::risk {

/// Where a declaration goes. Ordered by how much control it means, so "at least yellow" is a
/// comparison: blue releases the goods now and schedules a post-clearance audit, which is less than
/// a documentary check (yellow) and much less than a physical examination (red).
enum class Lane : std::uint8_t { kGreen = 0, kBlue = 1, kYellow = 2, kRed = 3 };

/// "green", "blue", "yellow", "red".
std::string_view LaneName(Lane lane);

/// The lane named `name`; nullopt for any other text.
std::optional<Lane> ParseLane(std::string_view name);

}  // namespace greenlane::risk
