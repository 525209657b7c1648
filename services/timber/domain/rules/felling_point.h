#pragma once

#include "domain/barcode.h"
#include "domain/geo.h"
#include "domain/model.h"
#include "domain/outcome.h"

namespace greenlane::timber {

/// Rule "felling.inside_concession": a tree is felled inside its concession, not in a hole cut out
/// of it (a protected area) nor beyond its border. A point outside is judged by its distance to
/// the nearest boundary in metres, so the tiers can absorb GPS error under a canopy.
RuleOutcome CheckFellingPoint(const Barcode& tree, const Concession& concession, const GeoPoint& point,
                              const Tiers& outside_metres);

}  // namespace greenlane::timber
