#include "domain/spectral/cleaning.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace greenlane::identify::spectral {
namespace {

void SortByMz(std::vector<Peak>& peaks) {
  std::sort(peaks.begin(), peaks.end(), [](const Peak& a, const Peak& b) { return a.mz < b.mz; });
}

bool HasPeaksCloserThan(const std::vector<Peak>& sorted, double distance) {
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i].mz - sorted[i - 1].mz < distance) return true;
  }
  return false;
}

// One pass of centroiding over m/z-sorted peaks: each unmerged peak, most intense first, absorbs
// the unmerged peaks within `distance` of its own m/z.
std::vector<Peak> MergePass(const std::vector<Peak>& sorted, double distance) {
  std::vector<std::size_t> order(sorted.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return sorted[a].intensity > sorted[b].intensity; });
  std::vector<bool> merged(sorted.size(), false);
  std::vector<Peak> out;
  out.reserve(sorted.size());
  for (std::size_t centre : order) {
    if (merged[centre]) continue;
    double intensity = 0;
    double weighted_mz = 0;
    auto absorb = [&](std::size_t i) {
      if (merged[i]) return;
      merged[i] = true;
      intensity += sorted[i].intensity;
      weighted_mz += sorted[i].mz * sorted[i].intensity;
    };
    for (std::size_t i = centre + 1; i-- > 0 && sorted[centre].mz - sorted[i].mz < distance;) absorb(i);
    for (std::size_t i = centre + 1; i < sorted.size() && sorted[i].mz - sorted[centre].mz < distance; ++i) absorb(i);
    out.push_back({weighted_mz / intensity, intensity});
  }
  SortByMz(out);
  return out;
}

}  // namespace

std::vector<Peak> DropNonPositive(std::vector<Peak> peaks) {
  std::erase_if(peaks,
                [](const Peak& p) { return !(p.mz > 0) || !(p.intensity > 0) || !std::isfinite(p.mz + p.intensity); });
  SortByMz(peaks);
  return peaks;
}

std::vector<Peak> DropNearPrecursor(std::vector<Peak> peaks, double precursor_mz, double margin) {
  std::erase_if(peaks, [&](const Peak& p) { return p.mz > precursor_mz - margin; });
  return peaks;
}

std::vector<Peak> Centroid(std::vector<Peak> peaks, double distance) {
  SortByMz(peaks);
  while (HasPeaksCloserThan(peaks, distance)) peaks = MergePass(peaks, distance);
  return peaks;
}

std::vector<Peak> DropBelowFraction(std::vector<Peak> peaks, double fraction) {
  double highest = 0;
  for (const Peak& p : peaks) highest = std::max(highest, p.intensity);
  std::erase_if(peaks, [&](const Peak& p) { return p.intensity < fraction * highest; });
  return peaks;
}

std::vector<Peak> KeepMostIntense(std::vector<Peak> peaks, std::size_t count) {
  if (peaks.size() <= count) return peaks;
  std::stable_sort(peaks.begin(), peaks.end(), [](const Peak& a, const Peak& b) { return a.intensity > b.intensity; });
  peaks.resize(count);
  SortByMz(peaks);
  return peaks;
}

std::vector<Peak> NormaliseToSum(std::vector<Peak> peaks) {
  double total = 0;
  for (const Peak& p : peaks) total += p.intensity;
  for (Peak& p : peaks) p.intensity /= total;
  return peaks;
}

std::vector<Peak> CleanSpectrum(std::vector<Peak> peaks, std::optional<double> precursor_mz,
                                const CleaningOptions& options) {
  peaks = DropNonPositive(std::move(peaks));
  if (precursor_mz) peaks = DropNearPrecursor(std::move(peaks), *precursor_mz, options.precursor_margin);
  peaks = Centroid(std::move(peaks), std::max(options.min_merge_distance, 2 * options.tolerance));
  peaks = DropBelowFraction(std::move(peaks), options.noise_fraction);
  if (options.max_peaks > 0) peaks = KeepMostIntense(std::move(peaks), options.max_peaks);
  return NormaliseToSum(std::move(peaks));
}

}  // namespace greenlane::identify::spectral
