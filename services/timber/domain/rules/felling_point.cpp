#include "domain/rules/felling_point.h"

#include <cmath>

namespace greenlane::timber {

RuleOutcome CheckFellingPoint(const Barcode& tree, const Concession& concession, const GeoPoint& point,
                              const Tiers& outside_metres) {
  const std::int64_t outside_centimetres =
      Contains(concession.area, point) ? 0 : std::llround(DistanceToBoundaryMetres(concession.area, point) * 100);
  const auto what = "the felling point's distance outside concession " + concession.name;
  return JudgeTiers({.rule = "felling.inside_concession",
                     .subject = tree.text(),
                     .value = {outside_centimetres, 100},
                     .unit = " m",
                     .what = what,
                     .action = "take the GPS fix again at the stump; wood felled outside the concession is illegal"},
                    outside_metres);
}

}  // namespace greenlane::timber
