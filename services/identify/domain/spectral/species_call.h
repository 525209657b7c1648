#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/spectral/library.h"

namespace greenlane::identify::spectral {

/// Thresholds that turn species scores into a call; a laboratory tunes them on its own validation data.
struct SpeciesCallOptions {
  double min_score = 0.6;   ///< best species below this: no match
  double min_margin = 0.1;  ///< best minus next species below this: ambiguous
};

enum class SpeciesVerdict : std::uint8_t { kIdentified, kAmbiguous, kNoMatch };

std::string_view VerdictName(SpeciesVerdict verdict);

/// The species-level answer an officer reads: "Dalbergia nigra, 0.91, next species 0.62".
struct SpeciesCall {
  SpeciesVerdict verdict = SpeciesVerdict::kNoMatch;
  std::optional<SpeciesScore> best;
  std::optional<SpeciesScore> runner_up;
  double margin = 0;  ///< best score minus runner-up score (the best score when there is no runner-up)
};

/// Calls the species from `ranked` (best first, one entry per species, as SearchResult::species).
SpeciesCall CallSpecies(std::span<const SpeciesScore> ranked, const SpeciesCallOptions& options);

}  // namespace greenlane::identify::spectral
