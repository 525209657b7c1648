#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/outcome.h"
#include "domain/species.h"
#include "domain/volume.h"

namespace greenlane::timber {

/// The volume of one product a processing run declares.
struct ProductOutput {
  std::string product;
  Volume volume;
};

/// Rule "sawmill.yield": a run cannot yield more than its input allows. Each product's output
/// needs at least output / max_yield(species, product) of input; the total needed over the input
/// actually sawn, as an excess in percent, is judged against the tiers. For one product this is
/// output ≤ input × max yield. A product the species has no yield for is an error.
RuleOutcome CheckSawmillYield(std::string_view processing_id, const Species& species, Volume input,
                              const std::vector<ProductOutput>& outputs, const Tiers& excess_percent);

}  // namespace greenlane::timber
