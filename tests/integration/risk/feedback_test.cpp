#include <catch2/catch.hpp>

#include "risk_fixture.h"

using namespace risk_test;

namespace {

v1::Assessment Assess(RiskFixture& fixture, const nlohmann::json& declaration) {
  v1::Assessment assessment;
  const auto status =
      fixture.Stub()->Assess(RiskFixture::As("officer-7", {"officer"}).get(), JsonRequest(declaration), &assessment);
  REQUIRE(status.ok());
  return assessment;
}

grpc::Status Inspect(RiskFixture& fixture, const std::string& reference, const std::string& result,
                     v1::Inspection* out) {
  v1::RecordInspectionRequest request;
  request.set_declaration(reference);
  request.set_result(result);
  request.mutable_seized_quantity()->set_value("12.5");
  request.mutable_seized_quantity()->set_unit("KGM");
  request.mutable_revenue()->set_currency("XAF");
  request.mutable_revenue()->set_minor_units(150000);
  return fixture.Stub()->RecordInspection(RiskFixture::As("officer-7", {"officer"}).get(), request, out);
}

}  // namespace

TEST_CASE("an inspection outcome updates profiles and per-rule performance once, and is audited") {
  RiskFixture fixture;
  Assess(fixture, Declaration("GA-DEC-2026-000100", "030571"));
  v1::Inspection inspection;
  REQUIRE(Inspect(fixture, "GA-DEC-2026-000100", "seizure", &inspection).ok());
  CHECK(inspection.illicit());
  CHECK(inspection.seized_quantity().value() == "12.5");
  CHECK(inspection.inspected_by() == "officer-7 via service-api");
  CHECK(fixture.Count("SELECT positives FROM risk.profiles WHERE dimension = 'importer' AND key = 'IMP-0001'") == 1);
  CHECK(fixture.Count("SELECT inspected FROM risk.profiles WHERE dimension = 'hs6_origin' AND key = '030571|CN'") == 1);
  CHECK(fixture.Count("SELECT count(*) FROM risk.audit_log WHERE action = 'declaration.inspected'") == 1);
  CHECK(Inspect(fixture, "GA-DEC-2026-000100", "seizure", &inspection).error_code() ==
        grpc::StatusCode::ALREADY_EXISTS);
  CHECK(Inspect(fixture, "GA-DEC-2026-404", "seizure", &inspection).error_code() == grpc::StatusCode::NOT_FOUND);
  CHECK(Inspect(fixture, "GA-DEC-2026-000100", "guilty", &inspection).error_code() ==
        grpc::StatusCode::INVALID_ARGUMENT);

  Assess(fixture, Declaration("GA-DEC-2026-000101", "030571"));
  REQUIRE(Inspect(fixture, "GA-DEC-2026-000101", "no_discrepancy", &inspection).ok());
  v1::ListRulePerformanceRequest list;
  v1::ListRulePerformanceResponse performance;
  REQUIRE(
      fixture.Stub()->ListRulePerformance(RiskFixture::As("analyst-1", {"analyst"}).get(), list, &performance).ok());
  REQUIRE(performance.rules_size() == 1);
  CHECK(performance.rules(0).rule_id() == "CR-SHARK-FINS");
  CHECK(performance.rules(0).hits() == 2);
  CHECK(performance.rules(0).inspected() == 2);
  CHECK(performance.rules(0).positives() == 1);
  CHECK(performance.rules(0).hit_rate() == Approx(0.5));
}

TEST_CASE("seizures on an importer raise the score of its next declarations") {
  RiskFixture fixture;
  const auto before = Assess(fixture, Declaration("GA-DEC-2026-000200")).score();
  for (int i = 0; i < 8; ++i) {
    const auto reference = "GA-DEC-2026-00021" + std::to_string(i);
    Assess(fixture, Declaration(reference));
    v1::Inspection inspection;
    REQUIRE(Inspect(fixture, reference, "revenue_correction", &inspection).ok());
  }
  const auto after = Assess(fixture, Declaration("GA-DEC-2026-000300"));
  CHECK(after.score() > before + 10);
  bool profile_reason = false;
  for (const auto& reason : after.reasons()) profile_reason |= reason.source() == "profile";
  CHECK(profile_reason);
}

TEST_CASE("an officer reroutes with a justification, the reroute is audited and shown") {
  RiskFixture fixture;
  Assess(fixture, Declaration("GA-DEC-2026-000400"));
  auto stub = fixture.Stub();
  v1::RerouteRequest request;
  request.set_declaration("GA-DEC-2026-000400");
  request.set_lane("red");
  request.set_justification("intelligence report 2026/17 names the consignee");
  v1::Assessment assessment;
  CHECK(stub->Reroute(RiskFixture::As("trader-1", {"trader"}).get(), request, &assessment).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
  REQUIRE(stub->Reroute(RiskFixture::As("officer-7", {"officer"}).get(), request, &assessment).ok());
  CHECK(assessment.lane() == "red");
  CHECK(assessment.selected_lane() == "green");
  REQUIRE(assessment.reroutes_size() == 1);
  CHECK(assessment.reroutes(0).justification() == "intelligence report 2026/17 names the consignee");
  CHECK(fixture.Text(
            "SELECT after_state::jsonb->>'justification' FROM risk.audit_log WHERE action = 'declaration.rerouted'") ==
        "intelligence report 2026/17 names the consignee");
  CHECK(stub->Reroute(RiskFixture::As("officer-7", {"officer"}).get(), request, &assessment).error_code() ==
        grpc::StatusCode::FAILED_PRECONDITION);
  request.set_lane("yellow");
  request.set_justification("why");
  CHECK(stub->Reroute(RiskFixture::As("officer-7", {"officer"}).get(), request, &assessment).error_code() ==
        grpc::StatusCode::INVALID_ARGUMENT);
}
