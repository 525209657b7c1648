#include "domain/rules/volume_conservation.h"

#include <algorithm>

namespace greenlane::timber {

RuleOutcome CheckVolumeConservation(const Barcode& parent, Volume parent_volume, Volume children_total,
                                    const Tiers& excess_percent) {
  const auto excess = std::max<std::int64_t>(0, (children_total - parent_volume).dm3);
  const auto what =
      "the excess of the logs cut from it (" + children_total.ToString() + ") over its " + parent_volume.ToString();
  return JudgeTiers({.rule = "lineage.volume_conservation",
                     .subject = parent.text(),
                     .value = {excess * 100, std::max<std::int64_t>(parent_volume.dm3, 1)},
                     .unit = " %",
                     .what = what,
                     .action = "re-measure the logs and the parent; volume appearing from nowhere is laundered wood"},
                    excess_percent);
}

}  // namespace greenlane::timber
