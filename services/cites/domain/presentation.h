#pragma once

#include <optional>
#include <string>

#include "domain/lifecycle.h"

namespace greenlane::cites {

/// What the single window or a border officer has in front of them: optionally a species and how
/// much of it the consignment holds.
struct PresentedGoods {
  std::string scientific_name;       ///< "" = not checked
  std::optional<Quantity> quantity;  ///< with scientific_name
  std::string unit;                  ///< "" = any unit of that species' lines
};

/// Whether `record` may cover `goods` on `today`, given its CURRENT state: every reason it may not,
/// each with a rule id (empty: it may). Rules: verify.not_issued (a draft), verify.cancelled,
/// verify.revoked, verify.replaced, verify.used (already accepted for import), verify.not_yet_valid,
/// verify.expired, verify.species (no line of that species), verify.unit, verify.quantity (more
/// than remains: the endorsed quantity once endorsed, else the permitted quantity).
Problems CheckPresentation(const PermitRecord& record, Date today, const PresentedGoods& goods);

}  // namespace greenlane::cites
