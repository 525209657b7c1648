#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "greenlane/core/error.h"

namespace greenlane::timber {

enum class CitesAppendix { kNotListed, kI, kII, kIII };

/// A timber species as the rules need it. Harvest limits are national law (Gabon's "diamètre
/// minimum d'exploitabilité", Liberia's minimum felling diameter); yields are what a sawmill can
/// honestly recover per product, the ceiling that catches wood laundered through a mill.
struct Species {
  std::string scientific_name;  ///< the key used by trees, logs and lots
  std::string common_name;
  CitesAppendix cites_appendix = CitesAppendix::kNotListed;
  int minimum_diameter_cm = 0;  ///< at breast height
  /// Product type ("sawn", "veneer", ...) → maximum yield in hundredths of a percent of input volume.
  std::map<std::string, std::int64_t, std::less<>> max_yield_hundredths;

  bool cites_listed() const { return cites_appendix != CitesAppendix::kNotListed; }
  /// The maximum yield for `product`, or nullopt when this species is not processed into it.
  std::optional<std::int64_t> MaxYield(std::string_view product) const;
};

/// The species the service knows, looked up by scientific name.
class SpeciesCatalog {
 public:
  explicit SpeciesCatalog(std::vector<Species> species);

  /// nullptr for a name not in the catalog (the caller refuses the record, naming the species).
  const Species* Find(std::string_view scientific_name) const;
  const std::vector<Species>& species() const { return species_; }

 private:
  std::vector<Species> species_;
  std::map<std::string, std::size_t, std::less<>> by_name_;
};

/// Parses the content of species.json: {"source": "...", "species": [{"scientific_name",
/// "common_name", "cites_appendix": "I"|"II"|"III"|null, "minimum_diameter_cm",
/// "max_yield_percent": {"<product>": percent}}]}. Errors name the field ("/species/3/cites_appendix").
core::Result<SpeciesCatalog> LoadSpeciesCatalog(const nlohmann::json& document);

}  // namespace greenlane::timber
