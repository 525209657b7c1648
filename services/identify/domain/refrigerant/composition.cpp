#include "domain/refrigerant/composition.h"

#include <algorithm>

namespace greenlane::identify::refrigerant {
namespace {

using instruments::Decimal;
using rule_support::Scaled;
using rule_support::Wide;

constexpr int kScale = Decimal::kMaxScale;
const Decimal kZero(0, 0);
const Decimal kHundred(100, 0);

core::Status CheckPercent(const Decimal& value, const std::string& field, const std::string& what) {
  if (rule_support::Within(value, kZero, kHundred)) return {};
  return core::Error::InvalidArgument(field, what + " is " + value.ToString() + " %, outside 0 to 100");
}

bool IsHydrocarbon(const Substance* substance) { return substance != nullptr && substance->substance_class == "HC"; }

}  // namespace

const MeasuredComponent* MeasuredComposition::Find(const Substance* substance) const {
  for (const auto& component : components) {
    if (component.substance == substance) return &component;
  }
  return nullptr;
}

core::Result<MeasuredComposition> ReadComposition(const instruments::RefrigerantPayload& reading,
                                                  const RefrigerantTable& table) {
  MeasuredComposition measured;
  for (std::size_t i = 0; i < reading.components.size(); ++i) {
    const auto& column = reading.components[i];
    const std::string field = "components/" + std::to_string(i) + "/percent_by_weight";
    if (auto status = CheckPercent(column.percent_by_weight, field, column.name); !status) return status.error();
    if (column.percent_by_weight == kZero) continue;
    const Substance* substance = table.FindSubstance(column.name);
    const auto same = std::find_if(measured.components.begin(), measured.components.end(), [&](const auto& known) {
      return substance != nullptr ? known.substance == substance : known.name == column.name;
    });
    if (same != measured.components.end()) {
      // An analyzer that reports a refrigerant twice (a blend column and its own) measured it once.
      return core::Error::InvalidArgument(field, column.name + " is reported twice in one reading");
    }
    measured.components.push_back({substance ? substance->name : column.name, substance, column.percent_by_weight});
    measured.refrigerant_total += Scaled(column.percent_by_weight, kScale);
  }
  measured.hydrocarbons = reading.hydrocarbons_percent.value_or(kZero);
  measured.air = reading.air_percent.value_or(kZero);
  if (auto status = CheckPercent(measured.hydrocarbons, "hydrocarbons_percent", "HC"); !status) return status.error();
  if (auto status = CheckPercent(measured.air, "air_percent", "air"); !status) return status.error();
  measured.refrigerant_total += Scaled(measured.hydrocarbons, kScale);
  return measured;
}

bool Deviation::AtMost(const Decimal& points, const MeasuredComposition& measured) const {
  return scaled_gap <= Scaled(points, kScale) * measured.refrigerant_total;
}

Decimal Deviation::Points(const MeasuredComposition& measured) const {
  return rule_support::Rounded(scaled_gap / measured.refrigerant_total, kScale, 1);
}

Deviation CompareWith(const MeasuredComposition& measured, std::span<const BlendComponent> nominal) {
  Deviation worst;
  // share/100 − nominal/100 compared as 100·x·10^9 − nominal·total: both in units of 10^-18, no division.
  const auto consider = [&](const std::string& name, const Decimal& measured_percent, Wide nominal_scaled) {
    const Wide gap = Scaled(measured_percent, kScale) * 100 * Scaled(Decimal(1, 0), kScale) -
                     nominal_scaled * measured.refrigerant_total;
    const Wide magnitude = gap < 0 ? -gap : gap;
    if (magnitude > worst.scaled_gap || worst.component.empty()) worst = {magnitude, name};
  };
  Wide hydrocarbons_nominal = 0;
  for (const auto& component : nominal) {
    const MeasuredComponent* found = measured.Find(component.substance);
    if (found == nullptr && IsHydrocarbon(component.substance)) {
      hydrocarbons_nominal += Scaled(component.percent, kScale);
    } else if (found == nullptr) {
      consider(component.substance->name, kZero, Scaled(component.percent, kScale));
    }
  }
  for (const auto& component : measured.components) {
    const auto in_nominal = std::find_if(nominal.begin(), nominal.end(),
                                         [&](const auto& entry) { return entry.substance == component.substance; });
    const Wide nominal_scaled =
        component.substance != nullptr && in_nominal != nominal.end() ? Scaled(in_nominal->percent, kScale) : 0;
    consider(component.name, component.percent, nominal_scaled);
  }
  if (measured.hydrocarbons != kZero || hydrocarbons_nominal != 0) {
    consider("HC", measured.hydrocarbons, hydrocarbons_nominal);
  }
  return worst;
}

}  // namespace greenlane::identify::refrigerant
