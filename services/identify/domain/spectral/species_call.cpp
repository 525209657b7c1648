#include "domain/spectral/species_call.h"

namespace greenlane::identify::spectral {

std::string_view VerdictName(SpeciesVerdict verdict) {
  switch (verdict) {
    case SpeciesVerdict::kIdentified:
      return "identified";
    case SpeciesVerdict::kAmbiguous:
      return "ambiguous";
    case SpeciesVerdict::kNoMatch:
      return "no-match";
  }
  return "no-match";
}

SpeciesCall CallSpecies(std::span<const SpeciesScore> ranked, const SpeciesCallOptions& options) {
  SpeciesCall call;
  if (ranked.empty()) return call;
  call.best = ranked[0];
  call.margin = ranked[0].score;
  if (ranked.size() > 1) {
    call.runner_up = ranked[1];
    call.margin = ranked[0].score - ranked[1].score;
  }
  if (ranked[0].score < options.min_score) {
    call.verdict = SpeciesVerdict::kNoMatch;
  } else if (call.margin < options.min_margin) {
    call.verdict = SpeciesVerdict::kAmbiguous;
  } else {
    call.verdict = SpeciesVerdict::kIdentified;
  }
  return call;
}

}  // namespace greenlane::identify::spectral
