#include "domain/assessor.h"

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace greenlane::risk;
using namespace greenlane::risk::testing;

namespace {

const auto kMarch = At("2026-03-01T00:00:00Z");

const Reason* FindReason(const Assessment& assessment, const std::string& rule_id) {
  for (const auto& reason : assessment.reasons) {
    if (reason.rule_id == rule_id) return &reason;
  }
  return nullptr;
}

Assessor ShippedAssessor() { return MakeAssessor(*LoadRuleSet(ShippedData("rules.json"))); }

}  // namespace

TEST_CASE("a declaration nothing points at goes green with the versions that decided it") {
  const auto assessment =
      ShippedAssessor().Assess(MakeDeclaration("D", {Item(1, "847130")}), {}, ProfileStore{}, kMarch);
  CHECK(assessment.lane == Lane::kGreen);
  CHECK(assessment.score == 5);  // the base rate of the profiles
  CHECK(assessment.reasons.empty());
  CHECK_FALSE(assessment.mandatory);
  CHECK(assessment.rule_set_version == "rs-2026.1");
  CHECK(assessment.model_version == "m-2026.1");
}

TEST_CASE("criteria raise the score and give their text, instruction and items") {
  const auto assessor = MakeAssessor(RulesWith({Criterion("CR-A", "0305", 40), Criterion("CR-B", "030571", 30)}));
  const auto assessment =
      assessor.Assess(MakeDeclaration("D", {Item(1, "847130"), Item(2, "030571")}), {}, ProfileStore{}, kMarch);
  // rules 1 - 0.6 * 0.7 = 0.58; with the base rate 1 - 0.42 * 0.95 = 0.601
  CHECK(assessment.score == 60);
  CHECK(assessment.lane == Lane::kYellow);
  REQUIRE(assessment.reasons.size() == 2);
  CHECK(assessment.reasons[0].rule_id == "CR-A");
  CHECK(assessment.reasons[0].source == ReasonSource::kCriterion);
  CHECK(assessment.reasons[0].instruction == "CR-A instruction");
  CHECK(assessment.reasons[0].items == std::vector<int>{2});
}

TEST_CASE("a mandatory rule fixes the lane whatever the score") {
  auto item = Item(1, "290372");  // an HCFC
  auto declaration = MakeDeclaration("D", {item});
  const auto assessment = ShippedAssessor().Assess(declaration, {}, ProfileStore{}, kMarch);
  CHECK(assessment.mandatory);
  CHECK(assessment.lane == Lane::kRed);
  REQUIRE(FindReason(assessment, "MR-ODS-LICENCE") != nullptr);
  CHECK(FindReason(assessment, "MR-ODS-LICENCE")->source == ReasonSource::kMandatory);
  CHECK(assessment.score < 70);  // the score alone would not have sent it to red

  nlohmann::json green_rule = {{"id", "MR-DIPLOMATIC"},
                               {"text", "diplomatic goods"},
                               {"instruction", "release"},
                               {"scope", {"import"}},
                               {"when", {{"importer", {"EMBASSY-1"}}}},
                               {"lane", "green"}};
  const auto assessor = MakeAssessor(RulesWith({Criterion("CR-HIGH", "0305", 90), green_rule}));
  declaration = MakeDeclaration("D", {Item(1, "030571")});
  declaration.importer = "EMBASSY-1";
  const auto fixed = assessor.Assess(declaration, {}, ProfileStore{}, kMarch);
  CHECK(fixed.score >= 90);
  CHECK(fixed.lane == Lane::kGreen);
}

TEST_CASE("a document check nobody answered in time never lets a declaration go green") {
  const auto assessor = ShippedAssessor();
  auto item = Item(1, "440729");
  item.lpco.push_back({"timber_export_certificate", "GA-EC-2026-000031", 24500});
  const auto declaration = MakeDeclaration("D", {item}, DeclarationType::kExport);
  CheckInputs checks;
  checks.documents.push_back(
      {1, "timber_export_certificate", "GA-EC-2026-000031", DocumentStatus::kNotAnswered, "timber: deadline 300 ms"});
  const auto assessment = assessor.Assess(declaration, checks, ProfileStore{}, kMarch);
  CHECK(assessment.score < 20);
  CHECK(assessment.lane == Lane::kYellow);
  const auto* reason = FindReason(assessment, "DOC-NO-ANSWER");
  REQUIRE(reason != nullptr);
  CHECK(reason->source == ReasonSource::kFinding);
  CHECK(reason->items == std::vector<int>{1});
  CHECK(reason->text.find("GA-EC-2026-000031") != std::string::npos);
  CHECK(reason->text.find("deadline") != std::string::npos);

  checks.documents[0].status = DocumentStatus::kValid;
  CHECK(assessor.Assess(declaration, checks, ProfileStore{}, kMarch).lane == Lane::kGreen);
  checks.documents[0].status = DocumentStatus::kInvalid;
  checks.documents[0].detail = "only 10.000 m3 left to write off";
  CHECK(assessor.Assess(declaration, checks, ProfileStore{}, kMarch).lane == Lane::kRed);
}

TEST_CASE("evidence from identification and timber sets a floor and is referenced") {
  const auto assessor = ShippedAssessor();
  const auto declaration = MakeDeclaration("D", {Item(1, "440729")});
  CheckInputs checks;
  checks.evidence.push_back({EvidenceKind::kTimberAnomaly, "anomaly-0192", 1, "volume over parent log"});
  auto assessment = assessor.Assess(declaration, checks, ProfileStore{}, kMarch);
  CHECK(assessment.lane == Lane::kYellow);
  CHECK(assessment.evidence_references == std::vector<std::string>{"anomaly-0192"});
  checks.evidence.push_back({EvidenceKind::kSpeciesMismatch, "identify-result-77", 1, "Dalbergia, declared Aucoumea"});
  assessment = assessor.Assess(declaration, checks, ProfileStore{}, kMarch);
  CHECK(assessment.lane == Lane::kRed);
  const auto* reason = FindReason(assessment, "EV-SPECIES-MISMATCH");
  REQUIRE(reason != nullptr);
  CHECK(reason->evidence == std::vector<std::string>{"identify-result-77"});
  CHECK(reason->confidential);
}

TEST_CASE("profiles that stand out are named as confidential reasons") {
  const auto assessor = ShippedAssessor();
  ProfileStore profiles;
  const auto declaration = MakeDeclaration("D", {Item(1, "847130")});
  profiles.Set({ProfileDimension::kImporter, "IMP-1"}, {30, 15});
  const auto assessment = assessor.Assess(declaration, {}, profiles, kMarch);
  const auto* reason = FindReason(assessment, "PROFILE-importer");
  REQUIRE(reason != nullptr);
  CHECK(reason->confidential);
  CHECK(reason->text.find("15 of 30") != std::string::npos);
  CHECK(FindReason(assessment, "PROFILE-declarant") == nullptr);
  CHECK(assessment.score > 5);
}

TEST_CASE("all steps together: mandatory, criteria, findings and profiles in one assessment") {
  const auto assessor = ShippedAssessor();
  ProfileStore profiles;
  profiles.Set({ProfileDimension::kHs6Origin, "030571|ID"}, {40, 20});
  auto fins = Item(1, "030571", "ID");
  fins.cites_appendix = "II";
  auto refrigerant = Item(2, "382711");
  refrigerant.lpco.push_back({"ozone_licence", "OZ-2026-14", 1000});
  const auto declaration = MakeDeclaration("D", {fins, refrigerant});
  CheckInputs checks;
  checks.documents.push_back({2, "ozone_licence", "OZ-2026-14", DocumentStatus::kNotAnswered, ""});
  const auto assessment = assessor.Assess(declaration, checks, profiles, kMarch);
  CHECK(assessment.lane == Lane::kRed);
  CHECK(assessment.mandatory);
  std::vector<std::string> ids;
  for (const auto& reason : assessment.reasons) ids.push_back(reason.rule_id);
  CHECK(ids == std::vector<std::string>{"MR-CITES-PERMIT", "CR-SHARK-FINS", "CR-REFRIGERANTS", "DOC-NO-ANSWER",
                                        "PROFILE-hs6_origin"});
}

TEST_CASE("traders never see confidential reasons, instructions, score or evidence") {
  const auto assessor =
      MakeAssessor(RulesWith({Criterion("CR-OPEN", "0305", 30), Criterion("CR-SECRET", "030571", 30, true)}));
  CheckInputs checks;
  checks.evidence.push_back({EvidenceKind::kXrfFail, "xrf-5", 1, "Pb 2400 ppm"});
  const auto assessment = assessor.Assess(MakeDeclaration("D", {Item(1, "030571")}), checks, ProfileStore{}, kMarch);
  const auto officer = ToJson(assessment, Audience::kOfficer);
  const auto trader = ToJson(assessment, Audience::kTrader);
  CHECK(officer["reasons"].size() == 3);
  CHECK(officer["score"].is_number());
  CHECK(officer["reasons"][0]["instruction"] == "CR-OPEN instruction");
  REQUIRE(trader["reasons"].size() == 1);
  CHECK(trader["reasons"][0]["rule_id"] == "CR-OPEN");
  CHECK(trader["lane"] == "red");
  const auto text = trader.dump();
  for (const char* hidden : {"CR-SECRET", "instruction", "xrf-5", "Pb 2400", "score", "random", "capacity"}) {
    INFO(hidden);
    CHECK(text.find(hidden) == std::string::npos);
  }
}
