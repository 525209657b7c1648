#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "domain/spectral/spectrum.h"

namespace greenlane::identify::spectral {

/// Parameters of the cleaning in reference/spectral-search.md. The defaults are the published ones.
struct CleaningOptions {
  double tolerance = 0.02;           ///< fragment match tolerance (Da); centroiding merges closer than 2× this
  double min_merge_distance = 0.05;  ///< peaks closer than max(this, 2 × tolerance) become one
  double precursor_margin = 1.6;     ///< peaks above precursor − margin are precursor remnants
  double noise_fraction = 0.01;      ///< peaks below this fraction of the highest are noise
  std::size_t max_peaks = 0;         ///< keep only the N most intense peaks; 0 keeps all
};

// The steps, in the order CleanSpectrum applies them. Each takes and returns peaks sorted by m/z.

/// Step 1: m/z ≤ 0 or intensity ≤ 0 (and NaN) cannot be real signal.
std::vector<Peak> DropNonPositive(std::vector<Peak> peaks);
/// Step 2: fragments heavier than precursor − margin are the unfragmented precursor or noise.
std::vector<Peak> DropNearPrecursor(std::vector<Peak> peaks, double precursor_mz, double margin);
/// Step 3: merges peaks closer than `distance`, most intense first, until none are; the merged
/// peak sits at the intensity-weighted mean m/z and carries the summed intensity.
std::vector<Peak> Centroid(std::vector<Peak> peaks, double distance);
/// Step 4: drops peaks below `fraction` of the highest peak.
std::vector<Peak> DropBelowFraction(std::vector<Peak> peaks, double fraction);
/// Step 5: keeps the `count` most intense peaks (ties keep the lower m/z).
std::vector<Peak> KeepMostIntense(std::vector<Peak> peaks, std::size_t count);
/// Step 6: intensities sum to 1, as the entropy formulas require.
std::vector<Peak> NormaliseToSum(std::vector<Peak> peaks);

/// All six steps in order. Afterwards peaks are sorted by m/z, more than 2 × tolerance apart and
/// sum to 1 (or the result is empty when nothing survives).
std::vector<Peak> CleanSpectrum(std::vector<Peak> peaks, std::optional<double> precursor_mz,
                                const CleaningOptions& options);

}  // namespace greenlane::identify::spectral
