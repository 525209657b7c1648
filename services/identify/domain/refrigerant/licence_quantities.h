#pragma once

#include <span>

#include "domain/refrigerant/hs_classification.h"
#include "greenlane/core/error.h"

namespace greenlane::identify::refrigerant {

/// What a cylinder's contents count against licences and quotas (refrigerants.md): ODP tonnes =
/// mass × ODP and CO2-equivalent tonnes = mass × GWP, each summed over the components. Exact,
/// rounded half away from zero to 10^-9 t (1 mg), far below what any licence records.
struct LicenceQuantities {
  instruments::Decimal mass_kg;
  instruments::Decimal odp_tonnes;
  instruments::Decimal co2e_tonnes;
};

/// Masses up to 10,000 t in grams or coarser: beyond any single cylinder or ISO tank, and small
/// enough for the arithmetic to stay exact.
inline constexpr std::int64_t kMaxMassKg = 10'000'000;

/// `parts` are mass % of the whole content (a component without ODP or GWP adds nothing). The
/// error names mass_kg when it is not positive, above kMaxMassKg or finer than a gram.
core::Result<LicenceQuantities> ComputeLicenceQuantities(const instruments::Decimal& mass_kg,
                                                         std::span<const MixturePart> parts);

}  // namespace greenlane::identify::refrigerant
