#include "domain/rule_set.h"

#include <set>

#include "domain/json_read.h"
#include "greenlane/core/fixed_point.h"

namespace greenlane::risk {
namespace {

constexpr std::size_t kMaxRules = 20000;
constexpr int kMoneyDigits = 2;

core::Status ReadList(const nlohmann::json& object, const std::string& path, std::string_view key,
                      std::vector<std::string>& target) {
  auto list = ReadStringList(object, path, key);
  if (!list) return list.error();
  target = *std::move(list);
  return core::Status::Ok();
}

core::Result<ValueBand> ParseValueBand(const nlohmann::json& value, const std::string& path) {
  if (auto ok = CheckObject(value, path, {"currency", "min", "max"}, {"currency"}); !ok) return ok.error();
  ValueBand band;
  auto currency = ReadString(value, path, "currency", std::nullopt, 3);
  if (!currency) return currency.error();
  band.currency = *std::move(currency);
  if (!value.contains("min") && !value.contains("max")) return FieldError(path, "at least one of min and max");
  for (auto [key, target] : {std::pair{"min", &band.min_per_kg}, std::pair{"max", &band.max_per_kg}}) {
    if (!value.contains(key)) continue;
    auto amount = core::ReadFixedPoint(value.at(key), kMoneyDigits, path + "/" + key);
    if (!amount) return amount.error();
    *target = *amount;
  }
  if (band.min_per_kg > band.max_per_kg) return FieldError(path + "/max", "a value at least min");
  return band;
}

core::Result<Conditions> ParseConditions(const nlohmann::json& value, const std::string& path) {
  if (auto ok = CheckObject(
          value, path,
          {"exportation_country", "destination_country", "importer", "declarant", "exporter", "office",
           "transport_mode", "hs_prefix", "origin_country", "cites_appendix", "missing_lpco", "value_per_kg_outside"},
          {});
      !ok) {
    return ok.error();
  }
  Conditions when;
  for (auto [key, target] :
       {std::pair{"exportation_country", &when.exportation_countries},
        std::pair{"destination_country", &when.destination_countries}, std::pair{"importer", &when.importers},
        std::pair{"declarant", &when.declarants}, std::pair{"exporter", &when.exporters},
        std::pair{"office", &when.offices}, std::pair{"transport_mode", &when.transport_modes},
        std::pair{"hs_prefix", &when.hs_prefixes}, std::pair{"origin_country", &when.origin_countries},
        std::pair{"cites_appendix", &when.cites_appendices}, std::pair{"missing_lpco", &when.missing_lpco}}) {
    if (auto ok = ReadList(value, path, key, *target); !ok) return ok.error();
  }
  for (std::size_t i = 0; i < when.hs_prefixes.size(); ++i) {
    const auto& prefix = when.hs_prefixes[i];
    if (prefix.size() < 2 || prefix.size() > 10 || prefix.find_first_not_of("0123456789") != std::string::npos) {
      return FieldError(path + "/hs_prefix/" + std::to_string(i), "2 to 10 digits, e.g. 4407");
    }
  }
  if (value.contains("value_per_kg_outside")) {
    auto band = ParseValueBand(value.at("value_per_kg_outside"), path + "/value_per_kg_outside");
    if (!band) return band.error();
    when.value_per_kg_outside = *std::move(band);
  }
  return when;
}

core::Result<std::uint8_t> ParseScopes(const nlohmann::json& value, const std::string& path) {
  auto names = ReadStringList(value, path, "scope");
  if (!names) return names.error();
  if (names->empty()) return FieldError(path + "/scope", "a non-empty list of import, export, transit");
  std::uint8_t scopes = 0;
  for (std::size_t i = 0; i < names->size(); ++i) {
    bool known = false;
    for (auto type : {DeclarationType::kImport, DeclarationType::kExport, DeclarationType::kTransit}) {
      if ((*names)[i] == DeclarationTypeName(type)) {
        scopes |= static_cast<std::uint8_t>(1U << static_cast<unsigned>(type));
        known = true;
      }
    }
    if (!known) return FieldError(path + "/scope/" + std::to_string(i), "one of import, export, transit");
  }
  return scopes;
}

core::Result<Rule> ParseRule(const nlohmann::json& value, const std::string& path) {
  if (auto ok = CheckObject(
          value, path,
          {"id", "text", "instruction", "scope", "valid_from", "valid_to", "when", "weight", "confidential", "lane"},
          {"id", "text", "instruction", "scope", "when"});
      !ok) {
    return ok.error();
  }
  Rule rule;
  for (auto [key, target] :
       {std::pair{"id", &rule.id}, std::pair{"text", &rule.text}, std::pair{"instruction", &rule.instruction}}) {
    auto text = ReadString(value, path, key);
    if (!text) return text.error();
    *target = *std::move(text);
  }
  auto scopes = ParseScopes(value, path);
  if (!scopes) return scopes.error();
  rule.scopes = *scopes;
  auto from = ReadInstant(value, path, "valid_from");
  if (!from) return from.error();
  auto to = ReadInstant(value, path, "valid_to");
  if (!to) return to.error();
  rule.valid_from = *from;
  rule.valid_to = *to;
  if (rule.valid_from && rule.valid_to && *rule.valid_to <= *rule.valid_from) {
    return FieldError(path + "/valid_to", "a time after valid_from");
  }
  auto when = ParseConditions(value.at("when"), path + "/when");
  if (!when) return when.error();
  rule.when = *std::move(when);
  if (value.contains("confidential")) {
    if (!value.at("confidential").is_boolean()) return FieldError(path + "/confidential", "true or false");
    rule.confidential = value.at("confidential").get<bool>();
  }
  if (value.contains("lane")) {
    if (value.contains("weight")) {
      return FieldError(path + "/weight", "no weight on a mandatory rule (one with a lane): its hit fixes the lane");
    }
    const auto lane = value.at("lane").is_string() ? ParseLane(value.at("lane").get<std::string>()) : std::nullopt;
    if (!lane) return FieldError(path + "/lane", "one of green, blue, yellow, red");
    rule.mandatory_lane = lane;
    return rule;
  }
  const auto& weight = value.contains("weight") ? value.at("weight") : nlohmann::json();
  if (!weight.is_number_integer() || weight.get<int>() < 1 || weight.get<int>() > 100) {
    return FieldError(path + "/weight", "an integer from 1 to 100 (or a lane for a mandatory rule)");
  }
  rule.weight = weight.get<int>();
  return rule;
}

core::Result<FindingRule> ParseFindingRule(const nlohmann::json& value, const std::string& path) {
  if (auto ok = CheckObject(value, path, {"id", "text", "instruction", "lane", "confidential"},
                            {"id", "text", "instruction", "lane"});
      !ok) {
    return ok.error();
  }
  FindingRule finding;
  for (auto [key, target] : {std::pair{"id", &finding.id}, std::pair{"text", &finding.text},
                             std::pair{"instruction", &finding.instruction}}) {
    auto text = ReadString(value, path, key);
    if (!text) return text.error();
    *target = *std::move(text);
  }
  const auto lane = value.at("lane").is_string() ? ParseLane(value.at("lane").get<std::string>()) : std::nullopt;
  if (!lane) return FieldError(path + "/lane", "one of green, blue, yellow, red");
  finding.minimum_lane = *lane;
  if (value.contains("confidential")) {
    if (!value.at("confidential").is_boolean()) return FieldError(path + "/confidential", "true or false");
    finding.confidential = value.at("confidential").get<bool>();
  }
  return finding;
}

}  // namespace

bool Conditions::HasItemConditions() const {
  return !hs_prefixes.empty() || !origin_countries.empty() || !cites_appendices.empty() || !missing_lpco.empty() ||
         value_per_kg_outside.has_value();
}

core::Result<RuleSet> LoadRuleSet(const nlohmann::json& document) {
  if (auto ok = CheckObject(document, "", {"version", "rules", "findings"}, {"version", "rules", "findings"}); !ok) {
    return ok.error();
  }
  RuleSet set;
  auto version = ReadString(document, "", "version", std::nullopt, 64);
  if (!version) return version.error();
  set.version = *std::move(version);
  const auto& rules = document.at("rules");
  if (!rules.is_array() || rules.size() > kMaxRules) return FieldError("/rules", "a list of at most 20000 rules");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const auto path = "/rules/" + std::to_string(i);
    auto rule = ParseRule(rules[i], path);
    if (!rule) return rule.error();
    if (!ids.insert(rule->id).second) {
      return core::Error::InvalidArgument(path + "/id", path + "/id: '" + rule->id + "' is used by an earlier rule");
    }
    set.rules.push_back(*std::move(rule));
  }
  const auto& findings = document.at("findings");
  if (!findings.is_object()) return FieldError("/findings", "an object with one entry per finding kind");
  for (std::size_t i = 0; i < kFindingKindCount; ++i) {
    const auto name = std::string(FindingKindName(static_cast<FindingKind>(i)));
    if (!findings.contains(name)) {
      return core::Error::InvalidArgument("/findings/" + name, "/findings/" + name + ": is required");
    }
    auto finding = ParseFindingRule(findings.at(name), "/findings/" + name);
    if (!finding) return finding.error();
    set.findings[i] = *std::move(finding);
  }
  for (const auto& [name, entry] : findings.items()) {
    if (!ParseFindingKind(name)) return FieldError("/findings/" + name, "a known finding kind");
  }
  if (set.Finding(FindingKind::kDocumentNotAnswered).minimum_lane < Lane::kYellow) {
    return FieldError("/findings/document_not_answered/lane",
                      "yellow or red: a check nobody answered must never let a declaration go green or blue");
  }
  return set;
}

}  // namespace greenlane::risk
