#include "domain/spectral/entropy.h"

#include <algorithm>
#include <cmath>

namespace greenlane::identify::spectral {
namespace {

constexpr double kWeightingEntropyLimit = 3.0;

double XLog2X(double x) { return x * std::log2(x); }

}  // namespace

double SpectralEntropy(std::span<const Peak> peaks) {
  double entropy = 0;
  for (const Peak& p : peaks) entropy -= p.intensity * std::log(p.intensity);
  return entropy;
}

std::vector<Peak> ApplyEntropyWeight(std::vector<Peak> peaks) {
  const double entropy = SpectralEntropy(peaks);
  if (entropy >= kWeightingEntropyLimit) return peaks;
  const double weight = 0.25 + 0.25 * entropy;
  double total = 0;
  for (Peak& p : peaks) {
    p.intensity = std::pow(p.intensity, weight);
    total += p.intensity;
  }
  for (Peak& p : peaks) p.intensity /= total;
  return peaks;
}

std::vector<Peak> PrepareSpectrum(std::vector<Peak> peaks, std::optional<double> precursor_mz,
                                  const CleaningOptions& options) {
  return ApplyEntropyWeight(CleanSpectrum(std::move(peaks), precursor_mz, options));
}

double EntropySimilarity(std::span<const Peak> a, std::span<const Peak> b, double tolerance) {
  double sum = 0;
  for (const Peak& pa : a) {
    for (const Peak& pb : b) {
      if (std::abs(pa.mz - pb.mz) > tolerance) continue;
      sum += XLog2X(pa.intensity + pb.intensity) - XLog2X(pa.intensity) - XLog2X(pb.intensity);
    }
  }
  return std::clamp(0.5 * sum, 0.0, 1.0);
}

}  // namespace greenlane::identify::spectral
