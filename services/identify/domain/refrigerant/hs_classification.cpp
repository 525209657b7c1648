#include "domain/refrigerant/hs_classification.h"

#include <algorithm>

#include "domain/rule_support/exact.h"

namespace greenlane::identify::refrigerant {
namespace {

using instruments::Decimal;
using rule_support::Scaled;
using rule_support::Wide;

constexpr int kScale = Decimal::kMaxScale;

bool Contains(std::span<const MixturePart> parts, const std::string& substance_class) {
  return std::any_of(parts.begin(), parts.end(), [&](const MixturePart& part) {
    return part.substance != nullptr && part.substance->substance_class == substance_class &&
           part.percent > Decimal(0, 0);
  });
}

bool Holds(const HsCondition& condition, std::span<const MixturePart> parts, Wide total) {
  switch (condition.kind) {
    case HsCondition::Kind::kContainsClass:
      return Contains(parts, condition.substance_class);
    case HsCondition::Kind::kLacksClass:
      return !Contains(parts, condition.substance_class);
    case HsCondition::Kind::kAtLeastPercent: {
      Wide amount = 0;
      for (const auto& part : parts) {
        if (part.substance == condition.substance) amount += Scaled(part.percent, kScale);
      }
      // amount / total ≥ percent / 100, without a division.
      return amount * 100 * Scaled(Decimal(1, 0), kScale) >= Scaled(condition.percent, kScale) * total;
    }
  }
  return false;
}

}  // namespace

const HsRule& ClassifyMixture(std::span<const MixturePart> parts, const RefrigerantTable& table) {
  Wide total = 0;
  for (const auto& part : parts) total += Scaled(part.percent, kScale);
  for (const auto& rule : table.hs_rules()) {
    if (std::all_of(rule.conditions.begin(), rule.conditions.end(),
                    [&](const HsCondition& condition) { return Holds(condition, parts, total); })) {
      return rule;
    }
  }
  return table.hs_rules().back();
}

}  // namespace greenlane::identify::refrigerant
