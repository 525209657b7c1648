#include "domain/assessment.h"

#include <algorithm>
#include <array>
#include <stdexcept>

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

ReasonSource ParseReasonSource(const std::string& name) {
  const auto found = std::find(kSourceNames.begin(), kSourceNames.end(), name);
  if (found == kSourceNames.end()) throw std::invalid_argument("unknown reason source '" + name + "'");
  return static_cast<ReasonSource>(found - kSourceNames.begin());
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

Assessment AssessmentFromJson(const nlohmann::json& officer_view, double risk) {
  Assessment assessment;
  assessment.declaration = officer_view.at("declaration").get<std::string>();
  assessment.risk = risk;
  assessment.score = officer_view.at("score").get<int>();
  const auto lane = ParseLane(officer_view.at("lane").get<std::string>());
  if (!lane) throw std::invalid_argument("unknown lane in a stored assessment");
  assessment.lane = *lane;
  assessment.mandatory = officer_view.at("mandatory").get<bool>();
  assessment.random = officer_view.at("random").get<bool>();
  assessment.capacity = officer_view.at("capacity").get<bool>();
  for (const auto& json : officer_view.at("reasons")) {
    assessment.reasons.push_back(
        Reason{ParseReasonSource(json.at("source").get<std::string>()), json.at("rule_id").get<std::string>(),
               json.at("text").get<std::string>(), json.at("instruction").get<std::string>(),
               json.at("items").get<std::vector<int>>(), json.at("evidence").get<std::vector<std::string>>(),
               json.at("confidential").get<bool>()});
  }
  assessment.rule_set_version = officer_view.at("rule_set_version").get<std::string>();
  assessment.model_version = officer_view.at("model_version").get<std::string>();
  assessment.evidence_references = officer_view.at("evidence_references").get<std::vector<std::string>>();
  const auto at = core::ParseRfc3339(officer_view.at("assessed_at").get<std::string>());
  if (!at) throw std::invalid_argument("bad assessed_at in a stored assessment");
  assessment.assessed_at = *at;
  return assessment;
}

}  // namespace greenlane::risk
