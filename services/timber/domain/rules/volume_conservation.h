#pragma once

#include "domain/barcode.h"
#include "domain/outcome.h"
#include "domain/volume.h"

namespace greenlane::timber {

/// Rule "lineage.volume_conservation": the logs cut from a tree or a log never hold more wood than
/// it did. `children_total` is the volume of all its logs, the new one included; the excess over
/// the parent's volume, in percent of it, is judged against the tiers (a little slack for the
/// swelling butt of a tree measured as a cylinder at breast height).
RuleOutcome CheckVolumeConservation(const Barcode& parent, Volume parent_volume, Volume children_total,
                                    const Tiers& excess_percent);

}  // namespace greenlane::timber
