#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "greenlane/core/error.h"
#include "greenlane/instruments/decimal.h"

namespace greenlane::identify::xrf {

/// Screening levels of one element in one material (xrf-screening.md): below `pass_below_ppm`
/// (value + 3σ) passes, above `fail_above_ppm` (value − 3σ) fails, anything between goes to the
/// laboratory.
struct ActionLevel {
  std::string symbol;  ///< "Pb"
  instruments::Decimal pass_below_ppm;
  /// Empty when XRF cannot fail the element at all: it measures total Cr and total Br, proxies for
  /// Cr(VI) and brominated flame retardants, so a high value is only a reason for the laboratory.
  std::optional<instruments::Decimal> fail_above_ppm;
  std::optional<instruments::Decimal> legal_limit_ppm;  ///< the RoHS limit the screening protects, for reasons
  std::string proxy_for;                                ///< what the element stands in for; empty when itself
};

/// A configurable set, chosen by the material screened: "rohs-polymers", "rohs-metals",
/// "basel-heavy-metals".
struct ActionLevelSet {
  std::string id;
  std::string name;
  std::string note;
  std::vector<ActionLevel> elements;
};

class ActionLevelTable {
 public:
  const std::vector<ActionLevelSet>& sets() const { return sets_; }
  /// Nullptr when no set has this id.
  const ActionLevelSet* Find(std::string_view id) const;
  /// The Basel Convention Annex I Y codes of an element ("Pb" -> {"Y31"}); empty when none.
  const std::vector<std::string>& BaselYCodes(std::string_view symbol) const;

 private:
  friend core::Result<ActionLevelTable> LoadActionLevels(const nlohmann::json& document);

  std::vector<ActionLevelSet> sets_;
  std::map<std::string, std::vector<std::string>, std::less<>> basel_y_codes_;
};

/// Concentrations in a set are at most a million ppm; that bound also keeps the arithmetic exact.
inline constexpr std::int64_t kMaxPpm = 1'000'000;

/// Loads services/identify/data/xrf_action_levels.json. Errors name the member as a JSON pointer:
/// a pass level above the fail level, a level outside 0 to 10^6 ppm, an element listed twice.
core::Result<ActionLevelTable> LoadActionLevels(const nlohmann::json& document);

}  // namespace greenlane::identify::xrf
