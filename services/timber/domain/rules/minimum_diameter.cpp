#include "domain/rules/minimum_diameter.h"

#include <algorithm>
#include <string>

namespace greenlane::timber {

RuleOutcome CheckMinimumDiameter(const Barcode& tree, const Species& species, int dbh_cm,
                                 const Tiers& shortfall_percent) {
  const std::int64_t shortfall_cm = std::max(0, species.minimum_diameter_cm - dbh_cm);
  const auto what = "the shortfall of the " + std::to_string(dbh_cm) + " cm diameter below the " +
                    std::to_string(species.minimum_diameter_cm) + " cm minimum for " + species.scientific_name;
  return JudgeTiers({.rule = "felling.minimum_diameter",
                     .subject = tree.text(),
                     .value = {shortfall_cm * 100, species.minimum_diameter_cm},
                     .unit = " %",
                     .what = what,
                     .action = "leave the tree standing until it reaches the minimum, or re-measure it at 1.30 m"},
                    shortfall_percent);
}

}  // namespace greenlane::timber
