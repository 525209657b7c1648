#pragma once

#include "domain/barcode.h"
#include "domain/outcome.h"
#include "domain/species.h"

namespace greenlane::timber {

/// Rule "felling.minimum_diameter": a tree may be felled only from the species' minimum cutting
/// diameter at breast height. The shortfall below it, in percent of the minimum, is judged against
/// the tiers (a warning tier of 0 flags any shortfall; the error tier leaves room for tape error).
RuleOutcome CheckMinimumDiameter(const Barcode& tree, const Species& species, int dbh_cm,
                                 const Tiers& shortfall_percent);

}  // namespace greenlane::timber
