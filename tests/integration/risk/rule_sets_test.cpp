#include <catch2/catch.hpp>
#include <fstream>

#include "risk_fixture.h"

using namespace risk_test;

namespace {

// The shipped rules.json as version `version` with one more criterion on wooden furniture.
nlohmann::json CandidateRules(const std::string& version) {
  std::ifstream in(std::string(GREENLANE_SOURCE_DIR) + "/services/risk/data/rules.json");
  auto rules = nlohmann::json::parse(in);
  rules["version"] = version;
  rules["rules"].push_back({{"id", "CR-FURNITURE-CN"},
                            {"text", "Wooden furniture from a high-risk origin"},
                            {"instruction", "Check the timber species against the declared one"},
                            {"scope", {"import"}},
                            {"valid_from", "2026-01-01"},
                            {"when", {{"hs_prefix", {"9403"}}, {"origin_country", {"CN"}}}},
                            {"weight", 90}});
  return rules;
}

}  // namespace

TEST_CASE("a candidate rule set is dry-run against recent declarations, then activated") {
  RiskFixture fixture;
  auto stub = fixture.Stub();
  v1::Assessment assessment;
  REQUIRE(stub->Assess(RiskFixture::As("officer-7", {"officer"}).get(), JsonRequest(Declaration("GA-DEC-2026-000500")),
                       &assessment)
              .ok());
  REQUIRE(stub->Assess(RiskFixture::As("officer-7", {"officer"}).get(),
                       JsonRequest(Declaration("GA-DEC-2026-000501", "030571")), &assessment)
              .ok());
  CHECK(fixture.Count("SELECT count(*) FROM risk.rule_sets WHERE active") == 1);

  v1::DryRunRuleSetRequest dry_run;
  dry_run.set_rule_set_json(CandidateRules("rs-2026.2").dump());
  v1::DryRunReport report;
  REQUIRE(stub->DryRunRuleSet(RiskFixture::As("analyst-1", {"analyst"}).get(), dry_run, &report).ok());
  CHECK(report.current_version() == "rs-2026.1");
  CHECK(report.candidate_version() == "rs-2026.2");
  CHECK(report.declarations() == 2);
  REQUIRE(report.changes_size() == 1);
  CHECK(report.changes(0).declaration() == "GA-DEC-2026-000500");
  CHECK(report.changes(0).before() == "green");
  CHECK(report.changes(0).after() == "red");
  CHECK(report.changes(0).rules_added(0) == "CR-FURNITURE-CN");

  v1::ActivateRuleSetRequest activate;
  activate.set_rule_set_json(CandidateRules("rs-2026.2").dump());
  activate.set_justification("furniture fraud campaign, circular 2026/4");
  v1::RuleSetInfo info;
  CHECK(stub->ActivateRuleSet(RiskFixture::As("officer-7", {"officer"}).get(), activate, &info).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
  REQUIRE(stub->ActivateRuleSet(RiskFixture::As("admin-1", {"admin"}).get(), activate, &info).ok());
  CHECK(info.version() == "rs-2026.2");
  CHECK(info.active());
  CHECK(fixture.Text("SELECT before_state::jsonb->>'version' FROM risk.audit_log WHERE action = 'rule_set.activated' "
                     "AND entity_id = 'rs-2026.2'") == "rs-2026.1");

  REQUIRE(stub->Assess(RiskFixture::As("officer-7", {"officer"}).get(), JsonRequest(Declaration("GA-DEC-2026-000502")),
                       &assessment)
              .ok());
  CHECK(assessment.lane() == "red");
  CHECK(assessment.rule_set_version() == "rs-2026.2");

  // The same version with other rules is refused; the stored one can be re-activated by version.
  auto changed = CandidateRules("rs-2026.2");
  changed["rules"].back()["weight"] = 10;
  activate.set_rule_set_json(changed.dump());
  CHECK(stub->ActivateRuleSet(RiskFixture::As("admin-1", {"admin"}).get(), activate, &info).error_code() ==
        grpc::StatusCode::ALREADY_EXISTS);
  activate.clear_rule_set_json();
  activate.set_version("rs-2026.1");
  REQUIRE(stub->ActivateRuleSet(RiskFixture::As("admin-1", {"admin"}).get(), activate, &info).ok());
  CHECK(fixture.Text("SELECT version FROM risk.rule_sets WHERE active") == "rs-2026.1");
}
