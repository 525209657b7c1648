#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/lifecycle.h"

namespace greenlane::cites {

/// A quantity one side recorded for a permit and species (term and unit kept apart: kilograms of
/// meat and numbers of skins cannot be compared).
struct TradeQuantity {
  std::string permit_number;
  std::string scientific_name;
  std::string term;
  std::string unit;
  Quantity quantity;
};

/// The exporter's side: quantities endorsed at export (box 14).
std::vector<TradeQuantity> EndorsedQuantities(const std::vector<PermitRecord>& records);

/// The importer's side: quantities recorded when the document was accepted at import.
std::vector<TradeQuantity> ImportedQuantities(const std::vector<PermitRecord>& records);

enum class MirrorStatus : std::uint8_t {
  kMatch,         ///< both sides agree
  kDiffers,       ///< both recorded it, with different quantities
  kOnlyExporter,  ///< endorsed at export, never recorded at import
  kOnlyImporter,  ///< recorded at import, never endorsed at export
};
std::string_view ToString(MirrorStatus status);

/// One permit, species, term and unit with both sides' totals.
struct MirrorLine {
  std::string permit_number;
  std::string scientific_name;
  std::string term;
  std::string unit;
  std::optional<Quantity> exported;
  std::optional<Quantity> imported;
  Quantity difference;  ///< exported minus imported, a missing side counted as 0
  MirrorStatus status = MirrorStatus::kMatch;
};

/// Exporter-endorsed next to importer-recorded quantities, summed per permit, species (names
/// compared case- and space-insensitively), term and unit; sorted by permit then species.
std::vector<MirrorLine> CompareMirror(const std::vector<TradeQuantity>& exported,
                                      const std::vector<TradeQuantity>& imported);

}  // namespace greenlane::cites
