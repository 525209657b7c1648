#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "greenlane/core/error.h"

namespace greenlane::risk {

/// Declarations state quantity units as the trader types them ("m3", "kg", "pcs"); permits and
/// certificates count in UN/ECE Recommendation 20 codes ("MTQ", "KGM", "NAR"). Comparing a
/// quantity across the two needs the code, and the aliases are data (services/risk/data/
/// quantity_units.json), so a new spelling is a data change.
class QuantityUnits {
 public:
  /// The Rec. 20 code of `declared` (a code itself or one of its aliases, case-insensitive);
  /// nullopt for a unit the table does not know, whose quantity then cannot be compared.
  [[nodiscard]] std::optional<std::string> CodeOf(std::string_view declared) const;

  std::string version;

 private:
  friend core::Result<QuantityUnits> LoadQuantityUnits(const nlohmann::json& document);
  std::map<std::string, std::string, std::less<>> codes_;  ///< lower-case code or alias -> code
};

/// Reads quantity_units.json: {"version", "units": {"MTQ": ["m3", ...], ...}}; errors name the JSON
/// pointer, and an alias given to two codes is refused.
core::Result<QuantityUnits> LoadQuantityUnits(const nlohmann::json& document);

}  // namespace greenlane::risk
