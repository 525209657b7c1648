#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace greenlane::identify::spectral {

/// One centroided mass-spectrum peak. Double precision because m/z must be compared to 0.02 Da
/// at up to a few thousand Da, and the similarity formula is checked to 1e-6.
struct Peak {
  double mz = 0;
  double intensity = 0;

  friend bool operator==(const Peak&, const Peak&) = default;
};

/// Ion mode of the acquisition; spectra of opposite modes are not comparable.
enum class Polarity : std::uint8_t { kUnknown, kPositive, kNegative };

/// A reference spectrum as it arrives from a library file (MSP, MGF, DART peak list) or a
/// generator: raw peaks plus what an officer needs to read a match.
struct ReferenceSpectrum {
  std::string name;
  std::string species;  ///< scientific name the spectrum was taken from, e.g. "Dalbergia nigra"
  std::string source;   ///< where the reference comes from (file, laboratory, collection)
  Polarity polarity = Polarity::kUnknown;
  std::optional<double> precursor_mz;
  std::vector<Peak> peaks;
};

/// A spectrum to identify.
struct QuerySpectrum {
  std::optional<double> precursor_mz;
  std::vector<Peak> peaks;
};

}  // namespace greenlane::identify::spectral
