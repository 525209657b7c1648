#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/barcode.h"
#include "domain/outcome.h"
#include "domain/species.h"

namespace greenlane::timber {

/// Rule "certificate.cites_permit": an export certificate carrying any CITES-listed species names
/// the CITES export permit that covers it. `species` are the species of the certificate's items.
RuleOutcome CheckCitesPermit(const Barcode& certificate, const std::vector<const Species*>& species,
                             const std::optional<std::string>& cites_permit);

}  // namespace greenlane::timber
