#pragma once

#include <string_view>

namespace greenlane::cites {

/// data/codes.json and data/species.json compiled into the binary (CMake generates the definitions),
/// so a deployed service cannot run with code tables other than those it was tested with.
std::string_view EmbeddedCodesJson();
std::string_view EmbeddedSpeciesJson();

}  // namespace greenlane::cites
