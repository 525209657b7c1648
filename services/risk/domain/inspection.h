#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/assessment.h"

namespace greenlane::risk {

/// The graded result of an inspection act, as officers record it. Profiles and per-rule
/// performance learn one bit from it: whether the declaration was illicit (revenue had to be
/// corrected, goods were seized or were prohibited), the label BACUDA-style models are trained on.
enum class InspectionResult : std::uint8_t {
  kNoDiscrepancy,
  kDocumentaryDiscrepancy,  ///< paperwork corrected, no revenue or goods at stake
  kRevenueCorrection,
  kSeizure,
  kProhibitedGoods,
};

/// "no_discrepancy", "documentary_discrepancy", "revenue_correction", "seizure", "prohibited_goods".
std::string_view InspectionResultName(InspectionResult result);
std::optional<InspectionResult> ParseInspectionResult(std::string_view name);
bool IsIllicit(InspectionResult result);

/// The rules whose performance an inspection of `assessment` measures: those that gave a mandatory,
/// criterion or finding reason, each once. Profiles, random and capacity are not rules of the set.
std::vector<std::string> PerformanceRuleIds(const Assessment& assessment);

/// positives / inspected, 0 when nothing was inspected.
double HitRate(std::int64_t inspected, std::int64_t positives);

}  // namespace greenlane::risk
