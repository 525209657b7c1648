#include "domain/assessment.h"

#include <array>

namespace greenlane::risk {
namespace {

constexpr std::array<std::string_view, 6> kSourceNames = {"mandatory", "criterion", "finding",
                                                          "profile",   "random",    "capacity"};

nlohmann::json ReasonJson(const Reason& reason, Audience audience) {
  nlohmann::json json{{"rule_id", reason.rule_id}, {"text", reason.text}, {"items", reason.items}};
  if (audience == Audience::kOfficer) {
    json["source"] = ReasonSourceName(reason.source);
    json["instruction"] = reason.instruction;
    json["evidence"] = reason.evidence;
    json["confidential"] = reason.confidential;
  }
  return json;
}

}  // namespace

std::string_view ReasonSourceName(ReasonSource source) { return kSourceNames[static_cast<std::size_t>(source)]; }

nlohmann::json ToJson(const Assessment& assessment, Audience audience) {
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& reason : assessment.reasons) {
    if (audience == Audience::kTrader && reason.confidential) continue;
    reasons.push_back(ReasonJson(reason, audience));
  }
  nlohmann::json json{{"declaration", assessment.declaration},
                      {"lane", LaneName(assessment.lane)},
                      {"reasons", std::move(reasons)},
                      {"rule_set_version", assessment.rule_set_version},
                      {"assessed_at", core::FormatRfc3339(assessment.assessed_at)}};
  if (audience == Audience::kOfficer) {
    json["score"] = assessment.score;
    json["mandatory"] = assessment.mandatory;
    json["random"] = assessment.random;
    json["capacity"] = assessment.capacity;
    json["model_version"] = assessment.model_version;
    json["evidence_references"] = assessment.evidence_references;
  }
  return json;
}

}  // namespace greenlane::risk
