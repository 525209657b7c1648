#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/refrigerant/licence_quantities.h"
#include "domain/refrigerant/refrigerant_table.h"
#include "domain/rule_support/confidence.h"
#include "greenlane/core/error.h"
#include "greenlane/instruments/reading.h"

namespace greenlane::identify::refrigerant {

/// What the trader declared for the cylinder the sample came from; either member may be unknown.
struct Declaration {
  std::string substance;                        ///< "R-134a"; empty when nothing was declared
  std::optional<instruments::Decimal> mass_kg;  ///< content mass; licence quantities need it
};

enum class Call : std::uint8_t {
  kPure,            ///< one refrigerant at or above the purity threshold
  kBlend,           ///< every component of a known blend within tolerance
  kUnknownMixture,  ///< neither: itself a finding (banned refrigerants mixed into permitted ones)
  kNoRefrigerant,   ///< the analyzer found only air
};

/// "pure", "blend", "unknown_mixture", "no_refrigerant".
std::string_view CallName(Call call);

/// A component of what was found, with its Montreal Protocol facts.
struct FoundComponent {
  std::string name;                ///< "R-22"; the analyzer's name when unknown; "HC" for unresolved hydrocarbons
  instruments::Decimal percent;    ///< nominal for a pure substance or blend, as measured for an unknown mixture
  std::optional<Substance> facts;  ///< annex, group, ODP, GWP; empty when the table does not know it
};

enum class FindingKind : std::uint8_t {
  kLabelMismatch,        ///< the cylinder label names something else than was found
  kDeclarationMismatch,  ///< the declared substance differs from what was found
  kFlammableAlarm,       ///< hydrocarbons or R-152a above the alarm level (SAE J2912/J2927)
  kExcessAir,            ///< more air than a sound charge holds
};

/// "label_mismatch", "declaration_mismatch", "flammable_alarm", "excess_air".
std::string_view FindingName(FindingKind kind);

struct Finding {
  FindingKind kind = FindingKind::kLabelMismatch;
  std::string message;  ///< what was seen, the limit, and what it means
};

/// The answer an officer reads: "labelled R-134a, holds 38.5 % R-22 (HCFC-22, Annex C Group I)".
struct RefrigerantIdentification {
  Call call = Call::kUnknownMixture;
  std::string name;  ///< "R-134a" or "R-410A"; empty for an unknown mixture or no refrigerant
  std::vector<FoundComponent> components;
  std::string hs_code;                          ///< HS 2022 of what was found; empty with no refrigerant
  std::string hs_description;                   ///< why that subheading
  std::vector<std::string> controlled_under;    ///< "Annex A", "Annex C", "Annex F" among the components
  std::optional<LicenceQuantities> quantities;  ///< when the declaration gives a mass
  std::vector<Finding> findings;
  rule_support::Confidence confidence = rule_support::Confidence::kLow;
  std::string reason;  ///< why this call, with the deciding numbers

  bool Has(FindingKind kind) const;
};

/// Identifies a refrigerant identifier's reading against the reference table with `options`
/// (normally table.judging()). An error, naming the field, for a percentage outside 0–100, a
/// refrigerant reported twice or an impossible declared mass.
core::Result<RefrigerantIdentification> IdentifyRefrigerant(const instruments::RefrigerantPayload& reading,
                                                            const Declaration& declared, const RefrigerantTable& table,
                                                            const JudgingOptions& options);

}  // namespace greenlane::identify::refrigerant
