#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "greenlane/core/error.h"

namespace greenlane::identify {

/// The CITES appendix of a species named by a spectral match, from data/cites_species.json: a
/// species entry first, else its genus listing ("Dalbergia spp."), else not listed.
class CitesSpeciesTable {
 public:
  /// "I", "II", "III", or "" when neither the species nor its genus is listed.
  std::string AppendixOf(std::string_view species) const;
  std::size_t Size() const { return species_.size() + genera_.size(); }

 private:
  friend core::Result<CitesSpeciesTable> LoadCitesSpecies(const nlohmann::json& document);

  std::map<std::string, std::string, std::less<>> species_;
  std::map<std::string, std::string, std::less<>> genera_;
};

/// Loads data/cites_species.json. Errors name the member as a JSON pointer: an appendix other
/// than I, II or III, a species or genus listed twice, a missing name.
core::Result<CitesSpeciesTable> LoadCitesSpecies(const nlohmann::json& document);

}  // namespace greenlane::identify
