#include "domain/dry_run.h"

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace greenlane::risk;
using namespace greenlane::risk::testing;

TEST_CASE("a dry run shows which declarations change lane under a new rule set and why") {
  const auto current = MakeAssessor(RulesWith({Criterion("CR-FINS", "0305", 40)}, "rs-1"));
  auto expiring = Criterion("CR-FINS", "0305", 40);
  expiring["valid_to"] = "2026-02-01";
  const auto candidate = MakeAssessor(RulesWith({expiring, Criterion("CR-SAWN", "4407", 80)}, "rs-2"));
  const std::vector<ReplayCase> cases = {{MakeDeclaration("FINS", {Item(1, "030571")}), {}},
                                         {MakeDeclaration("SAWN", {Item(1, "440729")}), {}},
                                         {MakeDeclaration("LAPTOPS", {Item(1, "847130")}), {}}};
  const auto report = DryRun(current, candidate, cases, ProfileStore{}, At("2026-03-01T00:00:00Z"));
  CHECK(report.current_version == "rs-1");
  CHECK(report.candidate_version == "rs-2");
  CHECK(report.declarations == 3);
  const auto transitions = [&](Lane before, Lane after) {
    return report.transitions[static_cast<std::size_t>(before)][static_cast<std::size_t>(after)];
  };
  CHECK(transitions(Lane::kYellow, Lane::kGreen) == 1);
  CHECK(transitions(Lane::kGreen, Lane::kRed) == 1);
  CHECK(transitions(Lane::kGreen, Lane::kGreen) == 1);
  REQUIRE(report.changes.size() == 2);
  const auto& fins = report.changes[0];
  CHECK(fins.declaration == "FINS");
  CHECK(fins.before == Lane::kYellow);
  CHECK(fins.after == Lane::kGreen);
  CHECK(fins.score_before == 43);
  CHECK(fins.rules_removed == std::vector<std::string>{"CR-FINS"});
  CHECK(fins.rules_added.empty());
  const auto& sawn = report.changes[1];
  CHECK(sawn.after == Lane::kRed);
  CHECK(sawn.score_after == 81);
  CHECK(sawn.rules_added == std::vector<std::string>{"CR-SAWN"});
}
