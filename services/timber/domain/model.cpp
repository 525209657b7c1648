#include "domain/model.h"

namespace greenlane::timber {

std::optional<Volume> Concession::AllowableCutFor(std::string_view species, int year) const {
  for (const auto& cut : allowable_cuts) {
    if (cut.year == year && cut.species == species) return cut.volume;
  }
  return std::nullopt;
}

std::string_view PieceStateName(PieceState state) {
  switch (state) {
    case PieceState::kStanding:
      return "standing";
    case PieceState::kFelled:
      return "felled";
    case PieceState::kAtSite:
      return "at site";
    case PieceState::kInTransit:
      return "in transit";
    case PieceState::kCrossCut:
      return "cross-cut";
    case PieceState::kProcessed:
      return "processed";
    case PieceState::kExported:
      return "exported";
  }
  return "unknown";
}

}  // namespace greenlane::timber
