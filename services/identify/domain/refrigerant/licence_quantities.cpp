#include "domain/refrigerant/licence_quantities.h"

#include "domain/rule_support/exact.h"

namespace greenlane::identify::refrigerant {
namespace {

using instruments::Decimal;
using rule_support::Scaled;
using rule_support::Wide;

constexpr int kMassScale = 3;
constexpr int kFactorScale = Decimal::kMaxScale;
constexpr int kResultScale = 9;
// mass (10^-3 kg) × percent (10^-9 %) × factor (10^-9), then /100 for the percent and /1000 for tonnes.
constexpr int kProductScale = kMassScale + kFactorScale + kFactorScale + 2 + 3;

}  // namespace

core::Result<LicenceQuantities> ComputeLicenceQuantities(const Decimal& mass_kg, std::span<const MixturePart> parts) {
  if (mass_kg <= Decimal(0, 0) || mass_kg > Decimal(kMaxMassKg, 0) || mass_kg.scale() > kMassScale) {
    return core::Error::InvalidArgument("mass_kg",
                                        "mass_kg is " + mass_kg.ToString() + ": it must be above 0 and at most " +
                                            std::to_string(kMaxMassKg) + " kg, with at most 3 decimals (grams)");
  }
  Wide odp = 0;
  Wide gwp = 0;
  const Wide mass = Scaled(mass_kg, kMassScale);
  for (const auto& part : parts) {
    if (part.substance == nullptr) continue;
    const Wide amount = mass * Scaled(part.percent, kFactorScale);
    if (part.substance->odp) odp += amount * Scaled(*part.substance->odp, kFactorScale);
    if (part.substance->gwp) gwp += amount * Scaled(*part.substance->gwp, kFactorScale);
  }
  return LicenceQuantities{mass_kg, rule_support::Rounded(odp, kProductScale, kResultScale),
                           rule_support::Rounded(gwp, kProductScale, kResultScale)};
}

}  // namespace greenlane::identify::refrigerant
