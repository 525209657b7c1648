#include "domain/refrigerant/identification.h"

#include <algorithm>
#include <set>

#include "domain/refrigerant/composition.h"
#include "domain/refrigerant/hs_classification.h"
#include "domain/rule_support/exact.h"

namespace greenlane::identify::refrigerant {
namespace {

using instruments::Decimal;
using rule_support::Confidence;
using rule_support::Scaled;
using rule_support::Wide;

constexpr int kScale = Decimal::kMaxScale;
const Decimal kZero(0, 0);

std::string Percent(const Decimal& value) { return value.ToString() + " %"; }

// " (HCFC-22, Annex C Group I)": what a controlled substance is, in the words of a licence.
std::string Status(const std::optional<Substance>& facts) {
  if (!facts) return " (not in the reference table)";
  return " (" + facts->chemical +
         (facts->controlled() ? ", Annex " + facts->annex + " Group " + facts->group : ", not controlled") + ")";
}

std::string Describe(const FoundComponent& component) {
  return component.name + " " + Percent(component.percent) + Status(component.facts);
}

std::string DescribeFound(const RefrigerantIdentification& result) {
  switch (result.call) {
    case Call::kPure:
      return result.name + Status(result.components.front().facts);
    case Call::kBlend:
      return result.name;
    case Call::kNoRefrigerant:
      return "no refrigerant, only air";
    case Call::kUnknownMixture:
      break;
  }
  std::string text = "an unknown mixture of";
  for (std::size_t i = 0; i < result.components.size(); ++i) {
    text += (i == 0 ? " " : ", ") + Describe(result.components[i]);
  }
  return text;
}

// True when `text` (a label or declaration, written loosely) names what was found.
bool Names(std::string_view text, const RefrigerantIdentification& result, const RefrigerantTable& table) {
  if (result.name.empty()) return false;
  if (const Substance* substance = table.FindSubstance(text)) return substance->name == result.name;
  if (const Blend* blend = table.FindBlend(text)) return blend->name == result.name;
  return false;
}

FoundComponent Found(const Substance* substance, const std::string& name, const Decimal& percent) {
  return {name, percent, substance ? std::optional<Substance>(*substance) : std::nullopt};
}

std::vector<MixturePart> Parts(const std::vector<FoundComponent>& components, const RefrigerantTable& table) {
  std::vector<MixturePart> parts;
  for (const auto& component : components) {
    parts.push_back({component.facts ? table.FindSubstance(component.facts->name) : nullptr, component.percent});
  }
  return parts;
}

// The single-component "compositions" of the pure substances and the blends, to name the closest
// known composition to an unknown mixture.
struct Closest {
  std::string name;
  Deviation deviation;
};

Closest FindClosest(const MeasuredComposition& measured, const RefrigerantTable& table) {
  std::optional<Closest> closest;
  const auto consider = [&](const std::string& name, std::span<const BlendComponent> nominal) {
    Deviation deviation = CompareWith(measured, nominal);
    if (!closest || deviation.scaled_gap < closest->deviation.scaled_gap) closest = Closest{name, std::move(deviation)};
  };
  for (const auto& substance : table.substances()) {
    const BlendComponent whole{&substance, Decimal(100, 0)};
    consider(substance.name, std::span(&whole, 1));
  }
  for (const auto& blend : table.blends()) consider(blend.name, blend.components);
  return *closest;
}

void Judge(const MeasuredComposition& measured, const RefrigerantTable& table, const JudgingOptions& options,
           RefrigerantIdentification& result) {
  const std::string tolerance = "±" + options.blend_tolerance_points.ToString() + " points";
  if (measured.refrigerant_total == 0) {
    result.call = Call::kNoRefrigerant;
    result.confidence = Confidence::kMedium;
    result.reason = "the analyzer measured no refrigerant (air " + Percent(measured.air) +
                    "): an empty cylinder or a failed sampling; re-test before clearing";
    return;
  }
  const Wide purity_bar = Scaled(options.pure_min_percent, kScale) * measured.refrigerant_total;
  const auto is_pure = [&](const Decimal& percent) {
    return Scaled(percent, kScale) * 100 * Scaled(Decimal(1, 0), kScale) >= purity_bar;
  };
  const auto share = [&](const Decimal& percent) {
    return Percent(rule_support::PercentOf(Scaled(percent, kScale), measured.refrigerant_total, 1));
  };

  for (const auto& component : measured.components) {
    if (component.substance == nullptr || !is_pure(component.percent)) continue;
    result.call = Call::kPure;
    result.name = component.substance->name;
    result.components.push_back(Found(component.substance, component.name, Decimal(100, 0)));
    result.confidence = Confidence::kHigh;
    result.reason = result.name + " is " + share(component.percent) +
                    " of the refrigerant (air excluded), at or above the " + Percent(options.pure_min_percent) +
                    " purity threshold";
    return;
  }

  const Blend* best = nullptr;
  Deviation best_deviation;
  for (const auto& blend : table.blends()) {
    Deviation deviation = CompareWith(measured, blend.components);
    if (!deviation.AtMost(options.blend_tolerance_points, measured)) continue;
    if (best == nullptr || deviation.scaled_gap < best_deviation.scaled_gap) {
      best = &blend;
      best_deviation = std::move(deviation);
    }
  }
  if (best != nullptr) {
    result.call = Call::kBlend;
    result.name = best->name;
    for (const auto& component : best->components) {
      result.components.push_back(Found(component.substance, component.substance->name, component.percent));
    }
    // Well inside the tolerance is a clear match; near its edge, instrument drift could be hiding a mix.
    const Deviation doubled{best_deviation.scaled_gap * 2, best_deviation.component};
    result.confidence =
        doubled.AtMost(options.blend_tolerance_points, measured) ? Confidence::kHigh : Confidence::kMedium;
    result.reason = "every component within " + tolerance + " of " + best->name +
                    "'s nominal composition (air excluded; largest gap " + best_deviation.Points(measured).ToString() +
                    " points, on " + best_deviation.component + ")";
    return;
  }

  result.call = Call::kUnknownMixture;
  for (const auto& component : measured.components) {
    result.components.push_back(Found(component.substance, component.name, component.percent));
  }
  if (measured.hydrocarbons != kZero) result.components.push_back(Found(nullptr, "HC", measured.hydrocarbons));
  if (is_pure(measured.hydrocarbons)) {
    result.confidence = Confidence::kLow;
    result.reason = "hydrocarbons are " + share(measured.hydrocarbons) +
                    " of the refrigerant but the analyzer does not tell propane, butane and isobutane apart: "
                    "refer to the laboratory";
    return;
  }
  const Closest closest = FindClosest(measured, table);
  // Far outside every known composition, "unknown mixture" is certain; just outside, it may be a
  // known refrigerant read by a drifting instrument.
  const Wide two_tolerances = Scaled(options.blend_tolerance_points, kScale) * 2 * measured.refrigerant_total;
  result.confidence = closest.deviation.scaled_gap > two_tolerances ? Confidence::kHigh : Confidence::kMedium;
  result.reason = "no pure substance (at or above " + Percent(options.pure_min_percent) +
                  ") and no known blend within " + tolerance + "; the closest is " + closest.name + ", " +
                  closest.deviation.Points(measured).ToString() + " points off on " + closest.deviation.component;
}

void Classify(const RefrigerantTable& table, RefrigerantIdentification& result) {
  if (result.components.empty()) return;
  if (result.call == Call::kPure) {
    result.hs_code = result.components.front().facts->hs_code;
    result.hs_description = "pure " + result.components.front().facts->chemical;
  } else {
    const HsRule& rule = ClassifyMixture(Parts(result.components, table), table);
    result.hs_code = rule.code;
    result.hs_description = "mixture " + rule.description;
  }
  std::set<std::string> annexes;
  for (const auto& component : result.components) {
    if (component.facts && component.facts->controlled()) annexes.insert("Annex " + component.facts->annex);
  }
  result.controlled_under.assign(annexes.begin(), annexes.end());
}

void CheckText(std::string_view text, std::string_view what, FindingKind kind, const RefrigerantTable& table,
               RefrigerantIdentification& result) {
  if (text.empty() || Names(text, result, table)) return;
  result.findings.push_back(
      {kind, std::string(what) + " says '" + std::string(text) + "' but the sample is " + DescribeFound(result)});
}

void CheckAlarms(const MeasuredComposition& measured, const JudgingOptions& options, RefrigerantIdentification& result,
                 const RefrigerantTable& table) {
  const std::string alarm_level = "above the " + Percent(options.flammable_alarm_above_percent) + " alarm level";
  const Blend* blend = result.call == Call::kBlend ? table.FindBlend(result.name) : nullptr;
  for (const auto& substance_class : options.flammable_alarm_classes) {
    Decimal total = substance_class == "HC" ? measured.hydrocarbons : kZero;
    for (const auto& component : measured.components) {
      if (component.substance && component.substance->substance_class == substance_class) {
        total = rule_support::Plus(total, component.percent);
      }
    }
    if (total <= options.flammable_alarm_above_percent) continue;
    std::string message = substance_class + " " + Percent(total) + " by weight, " + alarm_level +
                          ": flammable, handle and store as a flammable gas";
    if (blend != nullptr) {
      for (const auto& component : blend->components) {
        if (component.substance->substance_class == substance_class) {
          message += " (expected: " + blend->name + " holds " + component.substance->name + " " +
                     Percent(component.percent) + " nominally)";
        }
      }
    }
    result.findings.push_back({FindingKind::kFlammableAlarm, message});
  }
  for (const Substance* substance : options.flammable_alarm_substances) {
    const MeasuredComponent* found = measured.Find(substance);
    if (found == nullptr || found->percent <= options.flammable_alarm_above_percent) continue;
    result.findings.push_back({FindingKind::kFlammableAlarm, substance->name + " " + Percent(found->percent) +
                                                                 " by weight, " + alarm_level + ": flammable"});
  }
  if (measured.air > options.excess_air_above_percent) {
    result.findings.push_back(
        {FindingKind::kExcessAir,
         "air " + Percent(measured.air) + " is above " + Percent(options.excess_air_above_percent) +
             ": non-condensable gas in the charge, typical of recovered or tampered refrigerant"});
  }
}

}  // namespace

std::string_view CallName(Call call) {
  switch (call) {
    case Call::kPure:
      return "pure";
    case Call::kBlend:
      return "blend";
    case Call::kUnknownMixture:
      return "unknown_mixture";
    case Call::kNoRefrigerant:
      return "no_refrigerant";
  }
  return "unknown_mixture";
}

std::string_view FindingName(FindingKind kind) {
  switch (kind) {
    case FindingKind::kLabelMismatch:
      return "label_mismatch";
    case FindingKind::kDeclarationMismatch:
      return "declaration_mismatch";
    case FindingKind::kFlammableAlarm:
      return "flammable_alarm";
    case FindingKind::kExcessAir:
      return "excess_air";
  }
  return "label_mismatch";
}

bool RefrigerantIdentification::Has(FindingKind kind) const {
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& finding) { return finding.kind == kind; });
}

core::Result<RefrigerantIdentification> IdentifyRefrigerant(const instruments::RefrigerantPayload& reading,
                                                            const Declaration& declared, const RefrigerantTable& table,
                                                            const JudgingOptions& options) {
  auto measured = ReadComposition(reading, table);
  if (!measured.ok()) return measured.error();
  RefrigerantIdentification result;
  Judge(*measured, table, options, result);
  Classify(table, result);
  if (declared.mass_kg) {
    auto quantities = ComputeLicenceQuantities(*declared.mass_kg, Parts(result.components, table));
    if (!quantities.ok()) return quantities.error();
    result.quantities = *quantities;
  }
  CheckText(reading.cylinder_label, "the cylinder label", FindingKind::kLabelMismatch, table, result);
  CheckText(declared.substance, "the declaration", FindingKind::kDeclarationMismatch, table, result);
  CheckAlarms(*measured, options, result, table);
  return result;
}

}  // namespace greenlane::identify::refrigerant
