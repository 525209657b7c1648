#include "domain/inspection.h"

#include <catch2/catch.hpp>

using namespace greenlane::risk;

TEST_CASE("graded inspection results reduce to the illicit label profiles learn") {
  CHECK_FALSE(IsIllicit(*ParseInspectionResult("no_discrepancy")));
  CHECK_FALSE(IsIllicit(*ParseInspectionResult("documentary_discrepancy")));
  CHECK(IsIllicit(*ParseInspectionResult("revenue_correction")));
  CHECK(IsIllicit(*ParseInspectionResult("seizure")));
  CHECK(IsIllicit(*ParseInspectionResult("prohibited_goods")));
  CHECK_FALSE(ParseInspectionResult("Seizure").has_value());
  CHECK(HitRate(0, 0) == 0);
  CHECK(HitRate(4, 1) == Approx(0.25));
}

TEST_CASE("per-rule performance counts the set's rules once, not profiles, random or capacity") {
  Assessment assessment;
  assessment.reasons = {{ReasonSource::kCriterion, "CR-A"}, {ReasonSource::kFinding, "EV-X"},
                        {ReasonSource::kCriterion, "CR-A"}, {ReasonSource::kProfile, "PROFILE-importer"},
                        {ReasonSource::kRandom, "RANDOM"},  {ReasonSource::kMandatory, "MR-B"}};
  CHECK(PerformanceRuleIds(assessment) == std::vector<std::string>{"CR-A", "EV-X", "MR-B"});
}
