#pragma once

#include <string_view>

namespace greenlane::cites {

/// CITES lists animals and plants only; code tables and species data name one of these kingdoms.
inline bool IsKingdom(std::string_view name) { return name == "Animalia" || name == "Plantae"; }

}  // namespace greenlane::cites
