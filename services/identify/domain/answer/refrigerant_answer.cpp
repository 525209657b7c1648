#include <string>

#include "domain/answer/answers.h"

namespace greenlane::identify {
namespace {

using refrigerant::FindingKind;

nlohmann::json ComponentJson(const refrigerant::FoundComponent& component) {
  nlohmann::json out = {{"name", component.name}, {"percent", component.percent.ToString()}};
  if (component.facts) {
    const auto& facts = *component.facts;
    out["chemical"] = facts.chemical;
    out["class"] = facts.substance_class;
    out["montreal_annex"] = facts.annex;
    out["montreal_group"] = facts.group;
    out["odp"] = facts.odp ? nlohmann::json(facts.odp->ToString()) : nlohmann::json(nullptr);
    out["gwp"] = facts.gwp ? nlohmann::json(facts.gwp->ToString()) : nlohmann::json(nullptr);
  }
  return out;
}

std::string Described(const refrigerant::RefrigerantIdentification& found) {
  switch (found.call) {
    case refrigerant::Call::kPure:
      return std::string("pure ").append(found.name);
    case refrigerant::Call::kBlend:
      return std::string("blend ").append(found.name);
    case refrigerant::Call::kNoRefrigerant:
      return "no refrigerant";
    case refrigerant::Call::kUnknownMixture:
      break;
  }
  std::string text = "an unknown mixture of";
  for (const auto& component : found.components) {
    text.append(" ").append(component.percent.ToString()).append(" % ").append(component.name).append(",");
  }
  if (text.back() == ',') text.pop_back();
  return text;
}

}  // namespace

Identification AnswerRefrigerant(const refrigerant::RefrigerantIdentification& found) {
  Identification answer;
  answer.kind = "refrigerant";
  answer.verdict = std::string(refrigerant::CallName(found.call));
  answer.confidence = ConfidenceValue(found.confidence);
  auto findings = nlohmann::json::array();
  for (const auto& finding : found.findings) {
    findings.push_back({{"kind", refrigerant::FindingName(finding.kind)}, {"message", finding.message}});
    switch (finding.kind) {
      case FindingKind::kLabelMismatch:
      case FindingKind::kDeclarationMismatch:
        answer.findings.push_back({finding_code::kRefrigerantMismatch, finding.message, {}, {}, found.name, {}});
        break;
      case FindingKind::kFlammableAlarm:
        answer.findings.push_back({finding_code::kHydrocarbonAlarm, finding.message, {}, {}, {}, {}});
        break;
      case FindingKind::kExcessAir:
        break;  // a quality remark, kept in details; not a customs finding
    }
  }
  auto components = nlohmann::json::array();
  for (const auto& component : found.components) {
    components.push_back(ComponentJson(component));
    if (!component.facts || !component.facts->controlled()) continue;
    const auto& facts = *component.facts;
    answer.findings.push_back({finding_code::kControlledSubstance,
                               component.name + " (" + facts.chemical +
                                   ") is controlled under Montreal Protocol Annex " + facts.annex + " Group " +
                                   facts.group,
                               {},
                               {},
                               component.name,
                               {}});
  }
  std::string summary = std::string("Found ").append(Described(found));
  if (!found.hs_code.empty()) summary.append(" (HS ").append(found.hs_code).append(")");
  if (!found.controlled_under.empty()) {
    summary.append(", controlled under Montreal Protocol");
    for (const auto& annex : found.controlled_under) summary.append(" ").append(annex);
  }
  if (found.Has(FindingKind::kLabelMismatch) || found.Has(FindingKind::kDeclarationMismatch)) {
    summary.append("; does not match the label or declaration");
  }
  if (found.Has(FindingKind::kFlammableAlarm)) summary.append("; flammable alarm");
  answer.summary = summary.append(".");
  answer.details = {{"call", refrigerant::CallName(found.call)}, {"name", found.name},
                    {"components", std::move(components)},       {"hs_code", found.hs_code},
                    {"hs_description", found.hs_description},    {"controlled_under", found.controlled_under},
                    {"findings", std::move(findings)},           {"reason", found.reason}};
  if (found.quantities) {
    answer.details["licence_quantities"] = {{"mass_kg", found.quantities->mass_kg.ToString()},
                                            {"odp_tonnes", found.quantities->odp_tonnes.ToString()},
                                            {"co2e_tonnes", found.quantities->co2e_tonnes.ToString()}};
  }
  return answer;
}

}  // namespace greenlane::identify
