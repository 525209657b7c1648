#pragma once

#include <string>
#include <vector>

#include "domain/barcode.h"
#include "domain/outcome.h"

namespace greenlane::timber {

/// A parent's identity and species, as the lineage records it.
struct LineageParent {
  Barcode barcode;
  std::string species;
};

/// Rule "lineage.species": a stump, log or lot has the species of every parent (the tree, the log,
/// all the logs of a sawmill run). Declaring cheap okoume that becomes CITES-listed afrormosia
/// downstream, or the reverse, is laundering.
RuleOutcome CheckSpeciesConsistency(const Barcode& child, const std::string& child_species,
                                    const std::vector<LineageParent>& parents);

}  // namespace greenlane::timber
