#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "domain/spectral/spectrum.h"

namespace greenlane::identify::spectral {

/// Shape of a synthetic library. Each species has a signature (its compounds' peaks); every
/// spectrum is a replicate of a signature with m/z jitter, intensity variation, missing peaks and
/// noise peaks, which is what separates real replicates of one species.
struct SyntheticOptions {
  std::uint64_t seed = 1;
  std::size_t species = 100;
  std::size_t min_peaks = 20;  ///< signature peaks per species, drawn log-uniformly in [min, max]
  std::size_t max_peaks = 300;
  double min_mz = 50;
  double max_mz = 1000;
  double min_precursor_mz = 200;  ///< precursors are uniform in [min_precursor_mz, max_mz]
  bool with_precursor = true;
  double intensity_sigma = 2.0;     ///< log-normal σ of signature intensities: a heavy tail of few strong peaks
  double mz_jitter = 0.003;         ///< Da, standard deviation between replicates
  double precursor_jitter = 0.002;  ///< Da, standard deviation between replicates
  double intensity_jitter = 0.3;    ///< log-normal σ of replicate intensity variation
  double dropout = 0.1;             ///< chance that a signature peak is missing from a replicate
  double noise_fraction = 0.2;      ///< noise peaks per replicate, as a fraction of signature peaks
};

/// Reproducible synthetic spectra: the same options and index give the same spectrum on any
/// machine (own random generator, no std distributions), so tests and benchmarks can regenerate
/// libraries of any size without storing them.
class SyntheticSpectra {
 public:
  explicit SyntheticSpectra(SyntheticOptions options);

  /// Reference spectrum number `index`, a replicate of species index mod species count.
  ReferenceSpectrum Reference(std::uint64_t index) const;
  /// References [first, first + count).
  std::vector<ReferenceSpectrum> References(std::uint64_t first, std::size_t count) const;
  /// A replicate of `species` never equal to any reference, numbered by `nonce`.
  QuerySpectrum Query(std::size_t species, std::uint64_t nonce) const;
  /// Random peaks unrelated to any species (a sample not in the library).
  QuerySpectrum Unrelated(std::uint64_t nonce) const;

  std::string SpeciesName(std::size_t species) const;
  std::size_t SpeciesCount() const { return signatures_.size(); }

 private:
  struct Signature {
    double precursor_mz;
    std::vector<Peak> peaks;
  };
  QuerySpectrum Replicate(std::size_t species, std::uint64_t stream) const;

  SyntheticOptions options_;
  std::vector<Signature> signatures_;
};

}  // namespace greenlane::identify::spectral
