#include "domain/assessor.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "domain/document_checks.h"
#include "domain/score.h"

namespace greenlane::risk {
namespace {

std::vector<int> ItemsOf(int sequence) { return sequence == 0 ? std::vector<int>{} : std::vector<int>{sequence}; }

Reason FindingReason(const FindingRule& rule, std::vector<int> items, std::string detail,
                     std::vector<std::string> evidence) {
  Reason reason{ReasonSource::kFinding, rule.id,          rule.text, rule.instruction, std::move(items),
                std::move(evidence),    rule.confidential};
  if (!detail.empty()) reason.text += ": " + detail;
  return reason;
}

std::string FormatRate(double rate) {
  char text[16];
  std::snprintf(text, sizeof text, "%.3f", rate);
  return text;
}

}  // namespace

Assessor::Assessor(std::shared_ptr<const RuleMatcher> rules, std::shared_ptr<const ScoringModel> model)
    : rules_(std::move(rules)), model_(std::move(model)) {}

Assessment Assessor::Assess(const Declaration& declaration, const CheckInputs& checks, const ProfileStore& profiles,
                            core::TimePoint at) const {
  const auto& rule_set = rules_->rules();
  Assessment assessment;
  assessment.declaration = declaration.functional_reference_id;
  assessment.rule_set_version = rule_set.version;
  assessment.model_version = model_->version;
  assessment.assessed_at = at;

  // Steps 1 and 2: mandatory rules and weighted criteria, on the items' CITES appendices as cites
  // listed them when the declaration was checked (the trader never states them).
  std::optional<Declaration> listed;
  if (!checks.cites_appendices.empty()) {
    listed = declaration;
    ApplyCitesAppendices(*listed, checks.cites_appendices);
  }
  std::optional<Lane> mandatory_lane;
  std::vector<int> weights;
  for (auto& hit : rules_->Match(listed ? *listed : declaration, at)) {
    const auto& rule = rule_set.rules[hit.rule_index];
    const auto source = rule.mandatory_lane ? ReasonSource::kMandatory : ReasonSource::kCriterion;
    assessment.reasons.push_back(
        Reason{source, rule.id, rule.text, rule.instruction, std::move(hit.items), {}, rule.confidential});
    if (rule.mandatory_lane) {
      mandatory_lane = std::max(mandatory_lane.value_or(Lane::kGreen), *rule.mandatory_lane);
    } else {
      weights.push_back(rule.weight);
    }
  }

  // Steps 3 and 4: what the document checks and the evidence say set a floor under the lane.
  Lane floor = Lane::kGreen;
  for (const auto& check : checks.documents) {
    const auto finding = FindingOf(check.status);
    if (!finding) continue;
    const auto& rule = rule_set.Finding(*finding);
    floor = std::max(floor, rule.minimum_lane);
    assessment.reasons.push_back(FindingReason(
        rule, ItemsOf(check.item_sequence),
        check.category + " " + check.document_id + (check.detail.empty() ? "" : " (" + check.detail + ")"),
        {check.document_id}));
  }
  for (const auto& evidence : checks.evidence) {
    const auto& rule = rule_set.Finding(FindingOf(evidence.kind));
    floor = std::max(floor, rule.minimum_lane);
    assessment.reasons.push_back(
        FindingReason(rule, ItemsOf(evidence.item_sequence), evidence.detail, {evidence.reference}));
    assessment.evidence_references.push_back(evidence.reference);
    if (evidence.weight > 0) weights.push_back(evidence.weight);
  }

  // Step 5: profiles; the dimensions that stand out are named, confidentially.
  const auto profile = AssessProfiles(declaration, profiles, *model_);
  for (const auto& signal : profile.signals) {
    if (signal.counts.inspected < model_->profile_reason_min_inspected ||
        signal.rate < model_->profile_reason_lift * model_->base_rate) {
      continue;
    }
    const auto name = std::string(ProfileDimensionName(signal.dimension));
    assessment.reasons.push_back(Reason{ReasonSource::kProfile,
                                        "PROFILE-" + name,
                                        name + " " + signal.key + " has a smoothed illicit rate of " +
                                            FormatRate(signal.rate) + " (" + std::to_string(signal.counts.positives) +
                                            " of " + std::to_string(signal.counts.inspected) +
                                            " inspections) against a base rate of " + FormatRate(model_->base_rate),
                                        "Check the history of this " + name + " before examining",
                                        {},
                                        {},
                                        true});
  }

  // Step 6: score and lane.
  assessment.risk = CombineRisk(RuleRisk(weights), profile.probability);
  assessment.score = ScoreOf(assessment.risk);
  assessment.mandatory = mandatory_lane.has_value();
  assessment.lane = std::max(mandatory_lane.value_or(LaneOfScore(assessment.score, *model_)), floor);
  return assessment;
}

}  // namespace greenlane::risk
