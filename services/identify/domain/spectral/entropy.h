#pragma once

#include <span>
#include <vector>

#include "domain/spectral/cleaning.h"
#include "domain/spectral/spectrum.h"

namespace greenlane::identify::spectral {

/// Spectral entropy S = −Σ Iᵢ ln Iᵢ of peaks whose intensities sum to 1.
double SpectralEntropy(std::span<const Peak> peaks);

/// Entropy weighting: a low-entropy spectrum (S < 3) is dominated by few peaks, so its
/// intensities are flattened to Iᵢ^w, w = 0.25 + 0.25·S, and renormalised; S ≥ 3 is unchanged.
std::vector<Peak> ApplyEntropyWeight(std::vector<Peak> peaks);

/// Cleaning then entropy weighting: the form in which spectra are stored and compared.
std::vector<Peak> PrepareSpectrum(std::vector<Peak> peaks, std::optional<double> precursor_mz,
                                  const CleaningOptions& options);

/// The entropy similarity ½·Σ[f(a+b) − f(a) − f(b)], f(x) = x·log₂x, over every pair of peaks within
/// `tolerance` of each other, evaluated pair by pair. The reference the index is checked against;
/// O(n·m), so use the library for searches.
double EntropySimilarity(std::span<const Peak> a, std::span<const Peak> b, double tolerance);

}  // namespace greenlane::identify::spectral
