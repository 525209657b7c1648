#include "api/document_check_runner.h"

#include <catch2/catch.hpp>
#include <thread>

#include "test_support.h"

using namespace greenlane::risk;
using namespace greenlane::risk::testing;

namespace {

class ScriptedChecker final : public DocumentChecker {
 public:
  ScriptedChecker(DocumentAnswer answer, std::chrono::milliseconds delay) : answer_(std::move(answer)), delay_(delay) {}
  DocumentAnswer Check(const DocumentQuery&, greenlane::core::TimePoint) override {
    std::this_thread::sleep_for(delay_);
    return answer_;
  }

 private:
  DocumentAnswer answer_;
  std::chrono::milliseconds delay_;
};

Declaration WithDocuments() {
  auto logs = Item(1, "440349");
  logs.lpco = {{"timber_export_certificate", "GA-EC-2026-000031", std::nullopt},
               {"ozone_licence", "OZ-1", std::nullopt}};
  auto shark = Item(2, "030571");
  shark.lpco = {{"cites_permit", "CN-2026-00042", std::nullopt}};
  return MakeDeclaration("D-1", {logs, shark}, DeclarationType::kExport);
}

}  // namespace

TEST_CASE("document checks answer per document, a checker past the deadline counts as not answered") {
  DocumentCheckers checkers{
      {"timber", std::make_shared<ScriptedChecker>(DocumentAnswer{DocumentStatus::kValid, "", {"GA-LOG-1", "GA-LOG-2"}},
                                                   std::chrono::milliseconds(0))},
      {"cites", std::make_shared<ScriptedChecker>(DocumentAnswer{DocumentStatus::kValid, "", {}},
                                                  std::chrono::milliseconds(1500))}};
  DocumentCheckRunner runner(std::move(checkers), std::chrono::milliseconds(200), 4);
  const auto started = std::chrono::steady_clock::now();
  const auto outcome = runner.Run(WithDocuments());
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(1000));
  // The ozone licence has no owning service in Greenlane and is not checked.
  REQUIRE(outcome.checks.size() == 2);
  CHECK(outcome.checks[0].status == DocumentStatus::kValid);
  CHECK(outcome.checks[1].status == DocumentStatus::kNotAnswered);
  CHECK(outcome.checks[1].detail == "cites did not answer within 200 ms");
  CHECK(outcome.subjects == std::vector<std::string>{"GA-LOG-1", "GA-LOG-2"});

  const auto assessment =
      MakeAssessor(RulesWith({}))
          .Assess(WithDocuments(), {outcome.checks, {}}, ProfileStore{}, At("2026-03-02T00:00:00Z"));
  CHECK(assessment.lane == Lane::kYellow);
}
