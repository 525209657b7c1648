#include "domain/refrigerant/refrigerant_table.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "domain/rule_support/exact.h"
#include "domain/rule_support/json_fields.h"

namespace greenlane::identify::refrigerant {
namespace {

using instruments::Decimal;
using rule_support::Fail;
using rule_support::ObjectReader;

const std::set<std::string, std::less<>> kClasses = {"CFC", "HCFC", "HFC", "HFO", "HC"};

std::string SubstanceClass(const ObjectReader& reader, std::string_view key) {
  std::string value = reader.String(key);
  if (!kClasses.contains(value)) Fail(reader.PathOf(key), "'" + value + "' is not one of CFC, HCFC, HFC, HFO, HC");
  return value;
}

// The caps keep licence quantities exact in 128-bit arithmetic; real values are far below them
// (the highest ODP is 10-ish for halons, the highest Annex F GWP 14800).
std::optional<Decimal> OptionalFactor(const ObjectReader& reader, std::string_view key, std::int64_t max) {
  const auto value = reader.OptionalDecimal(key);
  if (value && !rule_support::Within(*value, Decimal(0, 0), Decimal(max, 0))) {
    Fail(reader.PathOf(key), "must be from 0 to " + std::to_string(max) + ", is " + value->ToString());
  }
  return value;
}

Decimal Percent(const ObjectReader& reader, std::string_view key) {
  const Decimal value = reader.Decimal(key);
  if (!rule_support::Within(value, Decimal(0, 0), Decimal(100, 0))) {
    Fail(reader.PathOf(key), "must be a percentage from 0 to 100, is " + value.ToString());
  }
  return value;
}

Substance ReadSubstance(const ObjectReader& reader) {
  Substance substance;
  substance.name = reader.String("name");
  substance.chemical = reader.String("chemical");
  substance.substance_class = SubstanceClass(reader, "class");
  substance.annex = reader.OptionalString("annex");
  substance.group = reader.OptionalString("group");
  if (substance.annex.empty() != substance.group.empty()) {
    Fail(reader.PathOf("group"), "must be given exactly when an annex is given");
  }
  substance.odp = OptionalFactor(reader, "odp", 100);
  substance.gwp = OptionalFactor(reader, "gwp", 100'000);
  substance.gwp_note = reader.OptionalString("gwp_note");
  substance.hs_code = reader.String("hs_code");
  return substance;
}

}  // namespace

std::string NameKey(std::string_view name) {
  std::string key;
  for (const char c : name) {
    if (c == '-' || c == ' ' || c == '_') continue;
    key += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return key;
}

const Substance* RefrigerantTable::FindSubstance(std::string_view name) const {
  const std::string key = NameKey(name);
  if (key.empty()) return nullptr;
  for (const auto& substance : substances_) {
    if (NameKey(substance.name) == key || NameKey(substance.chemical) == key) return &substance;
  }
  return nullptr;
}

const Blend* RefrigerantTable::FindBlend(std::string_view name) const {
  const std::string key = NameKey(name);
  if (key.empty()) return nullptr;
  for (const auto& blend : blends_) {
    if (NameKey(blend.name) == key) return &blend;
  }
  return nullptr;
}

core::Result<RefrigerantTable> LoadRefrigerantTable(const nlohmann::json& document) {
  return rule_support::Catching([&] {
    const ObjectReader root(document, "", {"source", "judging", "substances", "blends", "hs_3827_rules"});
    RefrigerantTable table;

    std::set<std::string> names;
    for (const auto& reader : root.Objects(
             "substances", {"name", "chemical", "class", "annex", "group", "odp", "gwp", "gwp_note", "hs_code"})) {
      Substance substance = ReadSubstance(reader);
      if (!names.insert(NameKey(substance.name)).second) Fail(reader.PathOf("name"), "repeats " + substance.name);
      table.substances_.push_back(std::move(substance));
    }
    const auto substance_at = [&](const ObjectReader& reader, std::string_view key) {
      const std::string name = reader.String(key);
      const Substance* substance = table.FindSubstance(name);
      if (substance == nullptr) Fail(reader.PathOf(key), "'" + name + "' is not in /substances");
      return substance;
    };

    for (const auto& reader : root.Objects("blends", {"name", "components"})) {
      Blend blend;
      blend.name = reader.String("name");
      if (!names.insert(NameKey(blend.name)).second) Fail(reader.PathOf("name"), "repeats " + blend.name);
      rule_support::Wide total = 0;
      for (const auto& component : reader.Objects("components", {"substance", "percent"})) {
        const Decimal percent = Percent(component, "percent");
        total += rule_support::Scaled(percent, Decimal::kMaxScale);
        blend.components.push_back({substance_at(component, "substance"), percent});
      }
      if (total != rule_support::Scaled(Decimal(100, 0), Decimal::kMaxScale)) {
        Fail(reader.PathOf("components"), "percentages of " + blend.name + " must sum to 100");
      }
      table.blends_.push_back(std::move(blend));
    }

    for (const auto& reader : root.Objects("hs_3827_rules", {"code", "description", "conditions"})) {
      HsRule rule{reader.String("code"), reader.String("description"), {}};
      for (const auto& condition :
           reader.Objects("conditions", {"contains_class", "lacks_class", "substance", "at_least_percent"})) {
        if (condition.Has("contains_class")) {
          rule.conditions.push_back({HsCondition::Kind::kContainsClass, SubstanceClass(condition, "contains_class")});
        } else if (condition.Has("lacks_class")) {
          rule.conditions.push_back({HsCondition::Kind::kLacksClass, SubstanceClass(condition, "lacks_class")});
        } else {
          rule.conditions.push_back({HsCondition::Kind::kAtLeastPercent, "", substance_at(condition, "substance"),
                                     Percent(condition, "at_least_percent")});
        }
      }
      table.hs_rules_.push_back(std::move(rule));
    }
    if (table.hs_rules_.empty() || !table.hs_rules_.back().conditions.empty()) {
      Fail(root.PathOf("hs_3827_rules"), "must end with a rule without conditions, so every mixture gets a code");
    }

    const ObjectReader judging =
        root.Object("judging", {"pure_min_percent", "blend_tolerance_points", "flammable_alarm_above_percent",
                                "flammable_alarm_classes", "flammable_alarm_substances", "excess_air_above_percent",
                                "excess_air_basis"});
    JudgingOptions& options = table.judging_;
    options.pure_min_percent = Percent(judging, "pure_min_percent");
    options.blend_tolerance_points = Percent(judging, "blend_tolerance_points");
    options.flammable_alarm_above_percent = Percent(judging, "flammable_alarm_above_percent");
    options.excess_air_above_percent = Percent(judging, "excess_air_above_percent");
    options.flammable_alarm_classes = judging.Strings("flammable_alarm_classes");
    for (const auto& value : options.flammable_alarm_classes) {
      if (!kClasses.contains(value)) Fail(judging.PathOf("flammable_alarm_classes"), "'" + value + "' is not a class");
    }
    for (const auto& name : judging.Strings("flammable_alarm_substances")) {
      const Substance* substance = table.FindSubstance(name);
      if (substance == nullptr)
        Fail(judging.PathOf("flammable_alarm_substances"), "'" + name + "' is not in /substances");
      options.flammable_alarm_substances.push_back(substance);
    }
    return table;
  });
}

}  // namespace greenlane::identify::refrigerant
