#pragma once

#include <vector>

#include "domain/barcode.h"
#include "domain/outcome.h"
#include "domain/rule_set.h"
#include "domain/volume.h"

namespace greenlane::timber {

/// Rules "remeasure.diameter", "remeasure.length", "remeasure.volume": a log measured again (at a
/// checkpoint, the sawmill gate or the port) against the measure recorded when it was cut. The
/// deviation either way, in percent of the recorded value, is judged against the tiers; inflated
/// volumes on paper and logs swapped for bigger ones both show here. One outcome per dimension, in
/// that order. Both measures must be valid (ValidateLogMeasure).
std::vector<RuleOutcome> CheckRemeasurement(const Barcode& log, const LogMeasure& recorded, const LogMeasure& measured,
                                            const RuleSet::Remeasurement& limits);

}  // namespace greenlane::timber
