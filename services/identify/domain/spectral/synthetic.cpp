#include "domain/spectral/synthetic.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace greenlane::identify::spectral {
namespace {

// SplitMix64: small, fast and identical everywhere, unlike std:: distributions.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, 1).
  double Uniform() { return double(Next() >> 11) * 0x1.0p-53; }
  double Uniform(double low, double high) { return low + (high - low) * Uniform(); }
  /// Standard normal (Box–Muller).
  double Normal() {
    const double u = 1.0 - Uniform();  // (0, 1]
    return std::sqrt(-2.0 * std::log(u)) * std::cos(2 * std::numbers::pi * Uniform());
  }

 private:
  std::uint64_t state_;
};

// Independent streams for signatures, references, queries and unrelated spectra.
constexpr std::uint64_t kSignatureStream = 1;
constexpr std::uint64_t kReferenceStream = 2;
constexpr std::uint64_t kQueryStream = 3;
constexpr std::uint64_t kUnrelatedStream = 4;

std::uint64_t StreamSeed(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
  Random mix(seed ^ (stream * 0xD1B54A32D192ED03ULL));
  Random again(mix.Next() ^ (index * 0x9E3779B97F4A7C15ULL));
  return again.Next();
}

std::size_t LogUniformCount(Random& random, std::size_t low, std::size_t high) {
  const double value = std::exp(random.Uniform(std::log(double(low)), std::log(double(high) + 1)));
  return std::clamp<std::size_t>(static_cast<std::size_t>(value), low, high);
}

}  // namespace

SyntheticSpectra::SyntheticSpectra(SyntheticOptions options) : options_(options) {
  signatures_.reserve(options_.species);
  for (std::size_t s = 0; s < options_.species; ++s) {
    Random random(StreamSeed(options_.seed, kSignatureStream, s));
    Signature signature;
    signature.precursor_mz = random.Uniform(options_.min_precursor_mz, options_.max_mz);
    const double top_mz = options_.with_precursor ? signature.precursor_mz - 2.0 : options_.max_mz;
    const std::size_t count = LogUniformCount(random, options_.min_peaks, options_.max_peaks);
    for (std::size_t i = 0; i < count; ++i) {
      signature.peaks.push_back(
          {random.Uniform(options_.min_mz, top_mz), std::exp(options_.intensity_sigma * random.Normal())});
    }
    signatures_.push_back(std::move(signature));
  }
}

QuerySpectrum SyntheticSpectra::Replicate(std::size_t species, std::uint64_t seed) const {
  Random random(seed);
  const Signature& signature = signatures_[species % signatures_.size()];
  QuerySpectrum spectrum;
  if (options_.with_precursor) {
    spectrum.precursor_mz = signature.precursor_mz + options_.precursor_jitter * random.Normal();
  }
  const double top_mz = options_.with_precursor ? signature.precursor_mz - 2.0 : options_.max_mz;
  for (const Peak& peak : signature.peaks) {
    if (random.Uniform() < options_.dropout) continue;
    spectrum.peaks.push_back({peak.mz + options_.mz_jitter * random.Normal(),
                              peak.intensity * std::exp(options_.intensity_jitter * random.Normal())});
  }
  const auto noise = static_cast<std::size_t>(std::lround(options_.noise_fraction * signature.peaks.size()));
  for (std::size_t i = 0; i < noise; ++i) {
    spectrum.peaks.push_back({random.Uniform(options_.min_mz, top_mz), 0.05 * std::exp(random.Normal())});
  }
  return spectrum;
}

ReferenceSpectrum SyntheticSpectra::Reference(std::uint64_t index) const {
  const std::size_t species = index % signatures_.size();
  QuerySpectrum replicate = Replicate(species, StreamSeed(options_.seed, kReferenceStream, index));
  char name[32];
  std::snprintf(name, sizeof name, "SYN-%08llu", static_cast<unsigned long long>(index));
  return {
      name, SpeciesName(species), "synthetic", Polarity::kPositive, replicate.precursor_mz, std::move(replicate.peaks)};
}

std::vector<ReferenceSpectrum> SyntheticSpectra::References(std::uint64_t first, std::size_t count) const {
  std::vector<ReferenceSpectrum> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) out.push_back(Reference(first + i));
  return out;
}

QuerySpectrum SyntheticSpectra::Query(std::size_t species, std::uint64_t nonce) const {
  return Replicate(species, StreamSeed(options_.seed + species * 0x632BE59BD9B4E019ULL, kQueryStream, nonce));
}

QuerySpectrum SyntheticSpectra::Unrelated(std::uint64_t nonce) const {
  Random random(StreamSeed(options_.seed, kUnrelatedStream, nonce));
  QuerySpectrum spectrum;
  const double precursor = random.Uniform(options_.min_precursor_mz, options_.max_mz);
  if (options_.with_precursor) spectrum.precursor_mz = precursor;
  const double top_mz = options_.with_precursor ? precursor - 2.0 : options_.max_mz;
  const std::size_t count = LogUniformCount(random, options_.min_peaks, options_.max_peaks);
  for (std::size_t i = 0; i < count; ++i) {
    spectrum.peaks.push_back(
        {random.Uniform(options_.min_mz, top_mz), std::exp(options_.intensity_sigma * random.Normal())});
  }
  return spectrum;
}

std::string SyntheticSpectra::SpeciesName(std::size_t species) const {
  char name[40];
  std::snprintf(name, sizeof name, "Synthetica species-%06zu", species % signatures_.size());
  return name;
}

}  // namespace greenlane::identify::spectral
