#include "domain/inspection.h"

#include <algorithm>
#include <array>

namespace greenlane::risk {
namespace {

constexpr std::array<std::string_view, 5> kResultNames = {"no_discrepancy", "documentary_discrepancy",
                                                          "revenue_correction", "seizure", "prohibited_goods"};

}  // namespace

std::string_view InspectionResultName(InspectionResult result) {
  return kResultNames[static_cast<std::size_t>(result)];
}

std::optional<InspectionResult> ParseInspectionResult(std::string_view name) {
  for (std::size_t i = 0; i < kResultNames.size(); ++i) {
    if (kResultNames[i] == name) return static_cast<InspectionResult>(i);
  }
  return std::nullopt;
}

bool IsIllicit(InspectionResult result) { return result >= InspectionResult::kRevenueCorrection; }

std::vector<std::string> PerformanceRuleIds(const Assessment& assessment) {
  std::vector<std::string> ids;
  for (const auto& reason : assessment.reasons) {
    const bool rule = reason.source == ReasonSource::kMandatory || reason.source == ReasonSource::kCriterion ||
                      reason.source == ReasonSource::kFinding;
    if (rule && std::find(ids.begin(), ids.end(), reason.rule_id) == ids.end()) ids.push_back(reason.rule_id);
  }
  return ids;
}

double HitRate(std::int64_t inspected, std::int64_t positives) {
  return inspected == 0 ? 0 : static_cast<double>(positives) / static_cast<double>(inspected);
}

}  // namespace greenlane::risk
