#include "domain/lane.h"

#include <array>

namespace greenlane::risk {
namespace {

constexpr std::array<std::string_view, 4> kLaneNames = {"green", "blue", "yellow", "red"};

}  // namespace

std::string_view LaneName(Lane lane) { return kLaneNames[static_cast<std::size_t>(lane)]; }

std::optional<Lane> ParseLane(std::string_view name) {
  for (std::size_t i = 0; i < kLaneNames.size(); ++i) {
    if (kLaneNames[i] == name) return static_cast<Lane>(i);
  }
  return std::nullopt;
}

}  // namespace greenlane::risk
