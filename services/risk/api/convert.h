#pragma once

#include <nlohmann/json.hpp>

#include "domain/assessment.h"
#include "domain/dry_run.h"
#include "greenlane/core/error.h"
#include "greenlane/v1/risk.pb.h"
#include "store/assessment_store.h"
#include "store/learning_store.h"
#include "store/rule_set_store.h"

namespace greenlane::risk {

/// The declaration of an Assess request as the single window's JSON, whichever form it came in.
core::Result<nlohmann::json> DeclarationDocument(const v1::AssessRequest& request);

/// The stored assessment as `audience` may see it: traders get the lane in force, the
/// non-confidential reasons' texts and the rule-set version, nothing that tells how selection works.
void ToProto(const StoredAssessment& stored, Audience audience, v1::Assessment* out);
void ToProto(const InspectionRecord& record, v1::Inspection* out);
void ToProto(const RulePerformanceRow& row, v1::RulePerformance* out);
void ToProto(const DryRunReport& report, v1::DryRunReport* out);
void ToProto(const StoredRuleSet& set, v1::RuleSetInfo* out);

}  // namespace greenlane::risk
