#pragma once

#include <span>
#include <string>
#include <vector>

#include "domain/refrigerant/refrigerant_table.h"
#include "domain/rule_support/exact.h"
#include "greenlane/core/error.h"
#include "greenlane/instruments/reading.h"

namespace greenlane::identify::refrigerant {

/// One refrigerant the analyzer reported above zero.
struct MeasuredComponent {
  std::string name;                      ///< the table's name ("R-134a"), or the analyzer's when unknown
  const Substance* substance = nullptr;  ///< nullptr when the table does not know it
  instruments::Decimal percent;          ///< % by weight of the sample, as measured
};

/// An analyzer reading in the table's terms. Shares are judged with air excluded (refrigerants.md:
/// purity is "≥98 % of one refrigerant, air excluded"), so everything is compared relative to
/// `refrigerant_total`, the sum of the refrigerants and the hydrocarbon reading.
struct MeasuredComposition {
  std::vector<MeasuredComponent> components;  ///< analyzer column order; one entry per substance
  instruments::Decimal hydrocarbons;          ///< the analyzer's HC reading: hydrocarbons it cannot tell apart
  instruments::Decimal air;
  rule_support::Wide refrigerant_total = 0;  ///< components + hydrocarbons, units of 10^-9 %

  const MeasuredComponent* Find(const Substance* substance) const;
};

/// Reads the payload; an error names the component whose percentage is outside 0–100.
core::Result<MeasuredComposition> ReadComposition(const instruments::RefrigerantPayload& reading,
                                                  const RefrigerantTable& table);

/// How far a measurement is from a nominal composition: the largest gap, in percentage points of
/// the refrigerant (air excluded), over every component of either side. A hydrocarbon of the
/// nominal composition the analyzer does not report by name is compared with its HC reading.
struct Deviation {
  rule_support::Wide scaled_gap = 0;  ///< gap × refrigerant_total, units of 10^-18 (exact, no division)
  std::string component;              ///< where the largest gap is

  /// True when the gap is at most `points`.
  bool AtMost(const instruments::Decimal& points, const MeasuredComposition& measured) const;
  /// The gap in percentage points, rounded to one decimal, for reasons.
  instruments::Decimal Points(const MeasuredComposition& measured) const;
};

Deviation CompareWith(const MeasuredComposition& measured, std::span<const BlendComponent> nominal);

}  // namespace greenlane::identify::refrigerant
