#include "domain/answer/identification.h"

namespace greenlane::identify {

double ConfidenceValue(rule_support::Confidence confidence) {
  switch (confidence) {
    case rule_support::Confidence::kHigh:
      return 0.9;
    case rule_support::Confidence::kMedium:
      return 0.6;
    case rule_support::Confidence::kLow:
      return 0.3;
  }
  return 0.3;
}

std::string_view ResultKindOf(std::string_view reading_kind) {
  if (reading_kind == "xrf" || reading_kind == "refrigerant" || reading_kind == "qpcr" || reading_kind == "dart") {
    return reading_kind;
  }
  if (reading_kind == "wood_image") return "wood";
  return {};
}

nlohmann::json FindingsJson(const std::vector<Finding>& findings) {
  auto out = nlohmann::json::array();
  for (const auto& finding : findings) {
    nlohmann::json item = {{"code", finding.code}, {"message", finding.message}};
    if (!finding.species.empty()) item["species"] = finding.species;
    if (!finding.cites_appendix.empty()) item["cites_appendix"] = finding.cites_appendix;
    if (!finding.substance.empty()) item["substance"] = finding.substance;
    if (!finding.element.empty()) item["element"] = finding.element;
    out.push_back(std::move(item));
  }
  return out;
}

std::vector<Finding> FindingsFromJson(const nlohmann::json& findings) {
  std::vector<Finding> out;
  for (const auto& item : findings) {
    out.push_back({item.at("code").get<std::string>(), item.at("message").get<std::string>(), item.value("species", ""),
                   item.value("cites_appendix", ""), item.value("substance", ""), item.value("element", "")});
  }
  return out;
}

nlohmann::json ResultReadyPayload(const Identification& identification) {
  return {{"result_id", identification.result_id},
          {"reading_id", identification.reading_id},
          {"kind", identification.kind},
          {"consignment",
           {{"declaration", identification.consignment.declaration},
            {"container", identification.consignment.container},
            {"item", identification.consignment.item}}},
          {"verdict", identification.verdict},
          {"confidence", identification.confidence},
          {"summary", identification.summary},
          {"findings", FindingsJson(identification.findings)},
          {"produced_at", core::FormatRfc3339(identification.produced_at, 6)}};
}

Identification InvalidReading(std::string kind, const std::string& field, const std::string& reason) {
  Identification answer;
  answer.kind = std::move(kind);
  answer.verdict = "invalid";
  answer.confidence = 0;
  std::string summary = "The reading cannot be interpreted";
  if (!field.empty()) summary.append(" (").append(field).append(")");
  answer.summary = summary.append(": ").append(reason).append("; refer to the laboratory.");
  answer.findings.push_back({finding_code::kInconclusive, answer.summary, {}, {}, {}, {}});
  answer.details = {{"error", {{"field", field}, {"message", reason}}}};
  return answer;
}

}  // namespace greenlane::identify
