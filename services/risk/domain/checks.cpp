#include "domain/checks.h"

#include <stdexcept>

namespace greenlane::risk {
namespace {

constexpr std::array<std::string_view, kFindingKindCount> kFindingNames = {
    "document_invalid", "document_not_answered", "species_mismatch",     "cites_listed_found", "refrigerant_mismatch",
    "xrf_fail",         "timber_anomaly",        "controlled_substance", "hydrocarbon_alarm",  "inconclusive"};

// EvidenceKind values are laid out after the two document findings.
constexpr std::size_t kFirstEvidenceFinding = static_cast<std::size_t>(FindingKind::kSpeciesMismatch);

constexpr std::array<std::string_view, 3> kStatusNames = {"valid", "invalid", "not_answered"};

DocumentStatus ParseStatus(const std::string& name) {
  for (std::size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == name) return static_cast<DocumentStatus>(i);
  }
  throw std::invalid_argument("unknown document status '" + name + "'");
}

EvidenceKind ParseEvidenceKind(const std::string& name) {
  const auto finding = ParseFindingKind(name);
  if (!finding || static_cast<std::size_t>(*finding) < kFirstEvidenceFinding) {
    throw std::invalid_argument("unknown evidence kind '" + name + "'");
  }
  return static_cast<EvidenceKind>(static_cast<std::size_t>(*finding) - kFirstEvidenceFinding);
}

}  // namespace

std::string_view FindingKindName(FindingKind kind) { return kFindingNames[static_cast<std::size_t>(kind)]; }

std::optional<FindingKind> ParseFindingKind(std::string_view name) {
  for (std::size_t i = 0; i < kFindingNames.size(); ++i) {
    if (kFindingNames[i] == name) return static_cast<FindingKind>(i);
  }
  return std::nullopt;
}

FindingKind FindingOf(EvidenceKind kind) {
  return static_cast<FindingKind>(kFirstEvidenceFinding + static_cast<std::size_t>(kind));
}

std::optional<FindingKind> FindingOf(DocumentStatus status) {
  switch (status) {
    case DocumentStatus::kValid:
      return std::nullopt;
    case DocumentStatus::kInvalid:
      return FindingKind::kDocumentInvalid;
    case DocumentStatus::kNotAnswered:
      return FindingKind::kDocumentNotAnswered;
  }
  return std::nullopt;
}

nlohmann::json ToJson(const CheckInputs& checks) {
  nlohmann::json documents = nlohmann::json::array();
  for (const auto& check : checks.documents) {
    documents.push_back({{"item", check.item_sequence},
                         {"category", check.category},
                         {"id", check.document_id},
                         {"status", kStatusNames[static_cast<std::size_t>(check.status)]},
                         {"detail", check.detail}});
  }
  nlohmann::json evidence = nlohmann::json::array();
  for (const auto& item : checks.evidence) {
    evidence.push_back({{"kind", FindingKindName(FindingOf(item.kind))},
                        {"reference", item.reference},
                        {"item", item.item_sequence},
                        {"detail", item.detail},
                        {"weight", item.weight}});
  }
  nlohmann::json json = {{"documents", std::move(documents)}, {"evidence", std::move(evidence)}};
  if (!checks.cites_appendices.empty()) json["cites_appendices"] = checks.cites_appendices;
  return json;
}

CheckInputs CheckInputsFromJson(const nlohmann::json& json) {
  CheckInputs checks;
  for (const auto& check : json.at("documents")) {
    checks.documents.push_back({check.at("item").get<int>(), check.at("category").get<std::string>(),
                                check.at("id").get<std::string>(), ParseStatus(check.at("status").get<std::string>()),
                                check.at("detail").get<std::string>()});
  }
  for (const auto& item : json.at("evidence")) {
    checks.evidence.push_back({ParseEvidenceKind(item.at("kind").get<std::string>()),
                               item.at("reference").get<std::string>(), item.at("item").get<int>(),
                               item.at("detail").get<std::string>(), item.at("weight").get<int>()});
  }
  // Absent from assessments stored before the listings were looked up.
  if (const auto appendices = json.find("cites_appendices"); appendices != json.end()) {
    for (const auto& [name, appendix] : appendices->items())
      checks.cites_appendices.emplace(name, appendix.get<std::string>());
  }
  return checks;
}

}  // namespace greenlane::risk
