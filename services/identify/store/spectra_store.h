#pragma once

#include <cstdint>
#include <functional>
#include <pqxx/pqxx>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "domain/spectral/spectrum.h"
#include "greenlane/core/clock.h"
#include "greenlane/pg/pool.h"

namespace greenlane::identify {

/// The reference library's spectra (identify.reference_spectra): the durable copy the in-memory
/// index is rebuilt from at start-up.
class SpectraStore {
 public:
  explicit SpectraStore(const core::Clock& clock) : clock_(clock) {}

  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// Appends `spectra` inside `tx`, raw peaks as imported.
  void Insert(pqxx::work& tx, std::span<const spectral::ReferenceSpectrum> spectra, const std::string& added_by) const;

  /// Every stored spectrum in the order it was added, handed to `sink` in batches of at most
  /// `batch` (each read in its own short transaction, so a large library does not hold one open).
  void LoadAll(pg::Pool& pool, std::size_t batch,
               const std::function<void(std::vector<spectral::ReferenceSpectrum>&&)>& sink) const;

  /// Distinct species in the library.
  static std::int64_t SpeciesCount(pqxx::transaction_base& tx);

  /// Peaks as stored: little-endian IEEE 754 doubles, m/z and intensity alternating.
  static std::string EncodePeaks(const std::vector<spectral::Peak>& peaks);
  static std::vector<spectral::Peak> DecodePeaks(std::string_view bytes);

 private:
  const core::Clock& clock_;
};

}  // namespace greenlane::identify
