#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "domain/answer/answers.h"
#include "domain/answer/cites_species.h"
#include "domain/answer/identification.h"
#include "domain/qpcr/assays.h"
#include "domain/refrigerant/refrigerant_table.h"
#include "domain/spectral/library.h"
#include "domain/spectral/species_call.h"
#include "domain/wood/wood_classes.h"
#include "domain/xrf/action_levels.h"

namespace greenlane::identify {

/// The reference tables every identification reads (services/identify/data/).
struct ReferenceTables {
  refrigerant::RefrigerantTable refrigerants;
  xrf::ActionLevelTable xrf_levels;
  wood::WoodClassTable wood_classes;
  qpcr::AssayTable qpcr_assays;
  CitesSpeciesTable cites_species;
};

struct IdentifierOptions {
  /// XRF readings carry the analyzer's mode ("RoHS", "Geochem(3-Beam)"), not the material: the
  /// action-level set is chosen by the first (mode prefix, set id) pair whose prefix starts the
  /// mode (case-insensitive), else `xrf_default_set`.
  std::vector<std::pair<std::string, std::string>> xrf_sets_by_method = {{"RoHS", "rohs-polymers"},
                                                                         {"Geochem", "basel-heavy-metals"}};
  std::string xrf_default_set = "rohs-polymers";
  spectral::SpeciesCallOptions species_call;
  spectral::SearchOptions search;  ///< for DART readings (open search)
};

/// Turns reading payloads (the JSON ingest stores) and ad-hoc requests into Identifications. No
/// I/O: the caller supplies payloads, the tables and the in-memory library. Thread-safe for
/// concurrent calls (the library is; the tables are read-only).
class Identifier {
 public:
  Identifier(const ReferenceTables& tables, const spectral::SpectralLibrary& library, IdentifierOptions options)
      : tables_(tables), library_(library), options_(std::move(options)) {}

  /// A reading of kind xrf, refrigerant, wood_image or dart. A payload that cannot be read or
  /// judged gives verdict "invalid" naming the field.
  Identification IdentifyReading(std::string_view reading_kind, const nlohmann::json& payload) const;
  /// A qPCR well read with the other wells of its run (the run's controls decide whether it can be
  /// read at all). `run_wells` may include `well` itself.
  Identification IdentifyQpcrWell(const nlohmann::json& well, std::span<const nlohmann::json> run_wells) const;

  /// Ad-hoc calls; expected failures (a bad set, a percentage out of range) are errors naming the field.
  core::Result<Identification> ScreenXrf(const instruments::XrfPayload& reading, std::string_view set_id) const;
  core::Result<Identification> IdentifyRefrigerant(const instruments::RefrigerantPayload& reading,
                                                   const refrigerant::Declaration& declared) const;
  struct SpectrumAnswer {
    spectral::SearchResult result;
    spectral::SpeciesCall call;
    Identification identification;
  };
  core::Result<SpectrumAnswer> SearchSpectrum(const spectral::QuerySpectrum& query,
                                              const spectral::SearchOptions& options) const;

  /// The action-level set used for an XRF reading taken in `method` mode.
  std::string XrfSetFor(std::string_view method) const;
  const ReferenceTables& tables() const { return tables_; }

 private:
  const ReferenceTables& tables_;
  const spectral::SpectralLibrary& library_;
  IdentifierOptions options_;
};

/// DART peaks as a spectral query (m/z and intensity from the exact decimals the analyzer wrote).
spectral::QuerySpectrum QueryOf(const instruments::DartPayload& dart);

}  // namespace greenlane::identify
