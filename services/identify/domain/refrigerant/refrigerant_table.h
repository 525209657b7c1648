#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "greenlane/core/error.h"
#include "greenlane/instruments/decimal.h"

namespace greenlane::identify::refrigerant {

/// One refrigerant of the reference table, with what the Montreal Protocol says about it.
struct Substance {
  std::string name;                         ///< "R-134a"
  std::string chemical;                     ///< "HFC-134a"
  std::string substance_class;              ///< "CFC", "HCFC", "HFC", "HFO" or "HC": what the 3827 rules test
  std::string annex;                        ///< Montreal Protocol annex "A", "C", "F"; empty when not controlled
  std::string group;                        ///< group within the annex, "I" or "II"; empty when not controlled
  std::optional<instruments::Decimal> odp;  ///< empty when the annexes give none
  std::optional<instruments::Decimal> gwp;  ///< Kigali (AR4) GWP; empty when none is given
  std::string gwp_note;                     ///< e.g. "<1 ..." where the table gives a bound, not a value
  std::string hs_code;                      ///< HS 2022 subheading of the pure substance, "2903.45"

  bool controlled() const { return !annex.empty(); }
};

struct BlendComponent {
  const Substance* substance = nullptr;
  instruments::Decimal percent;  ///< nominal mass %
};

/// A blend of the reference table (ASHRAE 34 nominal composition).
struct Blend {
  std::string name;  ///< "R-410A"
  std::vector<BlendComponent> components;
};

/// One condition of an HS 3827 subheading rule.
struct HsCondition {
  enum class Kind : std::uint8_t { kContainsClass, kLacksClass, kAtLeastPercent };
  Kind kind = Kind::kContainsClass;
  std::string substance_class;           ///< for kContainsClass and kLacksClass
  const Substance* substance = nullptr;  ///< for kAtLeastPercent
  instruments::Decimal percent;          ///< for kAtLeastPercent: mass % of the refrigerant
};

/// A 3827 subheading; rules apply in file order and the first whose conditions all hold wins.
struct HsRule {
  std::string code;         ///< "3827.61"
  std::string description;  ///< "containing 15 % or more by mass of HFC-143a"
  std::vector<HsCondition> conditions;
};

/// The thresholds judging a measurement (refrigerants.md, "how results are judged"). The table
/// ships defaults; a caller may override any of them, e.g. a wider tolerance for an old analyzer.
struct JudgingOptions {
  instruments::Decimal pure_min_percent{98, 0};       ///< of the refrigerant, air excluded
  instruments::Decimal blend_tolerance_points{2, 0};  ///< per component, percentage points
  instruments::Decimal flammable_alarm_above_percent{2, 0};
  std::vector<std::string> flammable_alarm_classes;          ///< "HC": the analyzer's HC reading counts too
  std::vector<const Substance*> flammable_alarm_substances;  ///< R-152a
  instruments::Decimal excess_air_above_percent{15, 1};
};

/// The reference table: substances, blends, the 3827 rules and the judging defaults.
class RefrigerantTable {
 public:
  RefrigerantTable() = default;
  // Blends, rules and options point into substances_: a move keeps the vector's storage, a copy would not.
  RefrigerantTable(const RefrigerantTable&) = delete;
  RefrigerantTable& operator=(const RefrigerantTable&) = delete;
  RefrigerantTable(RefrigerantTable&&) = default;
  RefrigerantTable& operator=(RefrigerantTable&&) = default;

  const std::vector<Substance>& substances() const { return substances_; }
  const std::vector<Blend>& blends() const { return blends_; }
  const std::vector<HsRule>& hs_rules() const { return hs_rules_; }
  const JudgingOptions& judging() const { return judging_; }

  /// A substance by name, written as analyzers and labels write it: "R-134a", "R134a", "r134A"
  /// or its chemical name "HFC-134a". Nullptr when unknown.
  const Substance* FindSubstance(std::string_view name) const;
  /// A blend by name, written loosely the same way ("R410A"). Nullptr when unknown.
  const Blend* FindBlend(std::string_view name) const;

 private:
  friend core::Result<RefrigerantTable> LoadRefrigerantTable(const nlohmann::json& document);

  std::vector<Substance> substances_;
  std::vector<Blend> blends_;
  std::vector<HsRule> hs_rules_;
  JudgingOptions judging_;
};

/// Loads services/identify/data/refrigerants.json. Errors name the member as a JSON pointer: an
/// unknown substance in a blend, blend percentages that do not sum to 100, a rule with an
/// unknown condition.
core::Result<RefrigerantTable> LoadRefrigerantTable(const nlohmann::json& document);

/// Upper case without '-', ' ' and '_': "R-134a", "R134A" and "r 134a" name the same refrigerant.
std::string NameKey(std::string_view name);

}  // namespace greenlane::identify::refrigerant
