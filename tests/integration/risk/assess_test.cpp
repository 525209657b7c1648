#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "risk_fixture.h"

using namespace risk_test;
using namespace std::chrono_literals;

namespace {

bool HasReason(const v1::Assessment& assessment, const std::string& rule_id) {
  for (const auto& reason : assessment.reasons()) {
    if (reason.rule_id() == rule_id) return true;
  }
  return false;
}

// A checker that answers long after any deadline, like a cites service stuck on its database: only
// when it is destroyed, after the assessment was made without it.
class SlowChecker final : public risk::DocumentChecker {
 public:
  ~SlowChecker() override {
    for (auto& answered : late_) answered({risk::DocumentStatus::kValid, "", {}});
  }
  void Check(const risk::DocumentQuery&, core::TimePoint, risk::DocumentAnswered answered) override {
    std::lock_guard lock(mutex_);
    late_.push_back(std::move(answered));
  }
  bool Asked() {
    std::lock_guard lock(mutex_);
    return !late_.empty();
  }

 private:
  std::mutex mutex_;
  std::vector<risk::DocumentAnswered> late_;
};

}  // namespace

TEST_CASE("Assess stores the declaration, audits the lane and announces it, a resend changes nothing") {
  RiskFixture fixture;
  auto stub = fixture.Stub();
  v1::Assessment first, again;
  auto request = JsonRequest(Declaration("GA-DEC-2026-000001", "030571"));
  REQUIRE(stub->Assess(RiskFixture::As("officer-7", {"officer"}).get(), request, &first).ok());
  CHECK(first.lane() == "yellow");
  CHECK(first.view() == "officer");
  CHECK(HasReason(first, "CR-SHARK-FINS"));
  CHECK(first.rule_set_version() == "rs-2026.1");
  CHECK(fixture.Count("SELECT count(*) FROM risk.audit_log WHERE action = 'declaration.assessed'") == 1);
  CHECK(fixture.Count("SELECT count(*) FROM risk.outbox WHERE topic = 'risk.assessment.made'") == 1);
  CHECK(fixture.Text("SELECT payload->>'lane' FROM risk.outbox") == "yellow");

  REQUIRE(stub->Assess(RiskFixture::As("officer-7", {"officer"}).get(), request, &again).ok());
  CHECK(again.assessment_id() == first.assessment_id());
  CHECK(fixture.Count("SELECT count(*) FROM risk.assessments") == 1);

  auto amended = Declaration("GA-DEC-2026-000001", "940360");
  REQUIRE(stub->Assess(RiskFixture::As("officer-7", {"officer"}).get(), JsonRequest(amended), &again).ok());
  CHECK(again.assessment_id() != first.assessment_id());
  CHECK(again.lane() == "green");
  CHECK(fixture.Count("SELECT count(*) FROM risk.assessments WHERE current") == 1);
}

TEST_CASE("Assess accepts the declaration as a proto message too, and a mandatory rule fixes red") {
  RiskFixture fixture;
  v1::AssessRequest request;
  auto* d = request.mutable_declaration();
  d->set_functional_reference_id("GA-DEC-2026-000002");
  d->set_type_code("import");
  d->set_customs_office("GALBV");
  d->set_declarant("trader-1");
  d->set_lodged_at("2026-03-02T09:00:00Z");
  auto* item = d->add_goods_items();
  item->set_sequence(1);
  item->set_hs_code("382510");
  item->set_origin_country("IT");
  item->set_net_mass_kg("20000");
  item->set_value("100.00");
  item->set_currency("EUR");
  v1::Assessment assessment;
  REQUIRE(fixture.Stub()->Assess(RiskFixture::As("officer-7", {"officer"}).get(), request, &assessment).ok());
  CHECK(assessment.lane() == "red");
  CHECK(assessment.mandatory());
  CHECK(HasReason(assessment, "MR-WASTE-BANNED"));
}

TEST_CASE("Assess refuses malformed declarations naming the field, and callers without a role") {
  RiskFixture fixture;
  auto stub = fixture.Stub();
  v1::Assessment assessment;
  v1::AssessRequest bad;
  bad.set_declaration_json("{not json");
  auto status = stub->Assess(RiskFixture::As("trader-1", {"trader"}).get(), bad, &assessment);
  CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  auto wrong = Declaration("GA-DEC-2026-000003");
  wrong["goods_items"][0]["hs_code"] = "94.03";
  status = stub->Assess(RiskFixture::As("trader-1", {"trader"}).get(), JsonRequest(wrong), &assessment);
  CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK_THAT(status.error_message(), Catch::Contains("/goods_items/0/hs_code"));
  status = stub->Assess(RiskFixture::As("someone", {"public"}).get(), JsonRequest(Declaration("X-1")), &assessment);
  CHECK(status.error_code() == grpc::StatusCode::PERMISSION_DENIED);
}

TEST_CASE("traders see their own declarations without confidential reasons or the score") {
  RiskFixture fixture;
  auto stub = fixture.Stub();
  v1::Assessment as_trader, as_officer, other;
  const auto ivory = Declaration("GA-DEC-2026-000004", "050790");
  REQUIRE(stub->Assess(RiskFixture::As("trader-1", {"trader"}).get(), JsonRequest(ivory), &as_trader).ok());
  CHECK(as_trader.view() == "trader");
  CHECK(as_trader.lane() == "yellow");
  CHECK_FALSE(HasReason(as_trader, "CR-IVORY-HORN"));
  CHECK(as_trader.score() == 0);
  CHECK(as_trader.assessment_id().empty());

  v1::GetAssessmentRequest get;
  get.set_declaration("GA-DEC-2026-000004");
  REQUIRE(stub->GetAssessment(RiskFixture::As("officer-7", {"officer"}).get(), get, &as_officer).ok());
  CHECK(HasReason(as_officer, "CR-IVORY-HORN"));
  CHECK(as_officer.score() > 40);
  REQUIRE(stub->GetAssessment(RiskFixture::As("trader-1", {"trader"}).get(), get, &as_trader).ok());
  CHECK(as_trader.lane() == "yellow");
  CHECK(stub->GetAssessment(RiskFixture::As("trader-2", {"trader"}).get(), get, &other).error_code() ==
        grpc::StatusCode::NOT_FOUND);
  // Nor may another trader amend it.
  CHECK(stub->Assess(RiskFixture::As("trader-2", {"trader"}).get(),
                     JsonRequest(Declaration("GA-DEC-2026-000004", "940360")), &other)
            .error_code() == grpc::StatusCode::PERMISSION_DENIED);
}

TEST_CASE("a declaration over the size started on gRPC's thread (64 KiB) is assessed as any other") {
  RiskFixture fixture;
  auto declaration = Declaration("GA-DEC-2026-000040");
  const auto item = declaration["goods_items"][0];
  declaration["goods_items"] = nlohmann::json::array();
  for (int sequence = 1; sequence <= 600; ++sequence) {
    auto copy = item;
    copy["sequence"] = sequence;
    copy["description"] = "Wooden furniture, lot " + std::to_string(sequence) + std::string(80, '.');
    declaration["goods_items"].push_back(copy);
  }
  const auto request = JsonRequest(declaration);
  REQUIRE(request.ByteSizeLong() > 64 * 1024);
  v1::Assessment assessment;
  REQUIRE(fixture.Stub()->Assess(RiskFixture::As("officer-7", {"officer"}).get(), request, &assessment).ok());
  CHECK(assessment.lane() == "green");
  CHECK(fixture.Count("SELECT count(*) FROM risk.declarations WHERE reference = 'GA-DEC-2026-000040'") == 1);
}

TEST_CASE("AssessBatch gives each declaration its own status, in order: a resend in the batch is answered once") {
  RiskFixture fixture;
  v1::AssessBatchRequest batch;
  *batch.add_declarations() = JsonRequest(Declaration("GA-DEC-2026-000010"));
  batch.add_declarations()->set_declaration_json(R"({"functional_reference_id": "X"})");
  *batch.add_declarations() = JsonRequest(Declaration("GA-DEC-2026-000011", "030571"));
  *batch.add_declarations() = JsonRequest(Declaration("GA-DEC-2026-000010"));
  v1::AssessBatchResponse response;
  REQUIRE(fixture.Stub()->AssessBatch(RiskFixture::As("trader-1", {"trader"}).get(), batch, &response).ok());
  REQUIRE(response.results_size() == 4);
  CHECK(response.results(0).code() == 0);
  CHECK(response.results(0).assessment().lane() == "green");
  CHECK(response.results(1).code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(response.results(1).index() == 1);
  CHECK(response.results(2).assessment().lane() == "yellow");
  CHECK(response.results(3).index() == 3);
  CHECK(response.results(3).assessment().lane() == "green");
  CHECK(fixture.Count("SELECT count(*) FROM risk.declarations") == 2);
  CHECK(fixture.Count("SELECT count(*) FROM risk.assessments") == 2);
}

TEST_CASE("assessments beyond the in-flight limit are refused UNAVAILABLE while the others wait for checks") {
  auto slow = std::make_shared<SlowChecker>();
  RiskFixture fixture({.checkers = {{"cites", slow}}},
                      [](risk::RiskSettings& settings) { settings.assessments_in_flight = 1; });
  auto waiting = Declaration("GA-DEC-2026-000030");
  waiting["goods_items"][0]["lpco"] = {{{"category", "cites_permit"}, {"id", "CN-2026-00042"}}};
  v1::Assessment first;
  grpc::Status first_status;
  std::thread first_call([&] {
    first_status =
        fixture.Stub()->Assess(RiskFixture::As("officer-7", {"officer"}).get(), JsonRequest(waiting), &first);
  });
  // Once its check is asked, the first waits for the 300 ms deadline, holding the only place.
  for (int attempt = 0; attempt < 500 && !slow->Asked(); ++attempt) std::this_thread::sleep_for(1ms);
  v1::Assessment none;
  const auto refused = fixture.Stub()->Assess(RiskFixture::As("officer-7", {"officer"}).get(),
                                              JsonRequest(Declaration("GA-DEC-2026-000031")), &none);
  first_call.join();
  CHECK(refused.error_code() == grpc::StatusCode::UNAVAILABLE);
  CHECK_THAT(refused.error_message(), Catch::Contains("being assessed"));
  REQUIRE(first_status.ok());
  CHECK(first.lane() == "yellow");
  // The place is free again.
  v1::Assessment after;
  CHECK(fixture.Stub()
            ->Assess(RiskFixture::As("officer-7", {"officer"}).get(), JsonRequest(Declaration("GA-DEC-2026-000032")),
                     &after)
            .ok());
}

TEST_CASE("a document check that does not answer in time sends the declaration to yellow with the reason") {
  RiskFixture fixture({.checkers = {{"cites", std::make_shared<SlowChecker>()}}});
  auto declaration = Declaration("GA-DEC-2026-000020");
  declaration["goods_items"][0]["lpco"] = {{{"category", "cites_permit"}, {"id", "CN-2026-00042"}}};
  v1::Assessment assessment;
  const auto started = std::chrono::steady_clock::now();
  REQUIRE(fixture.Stub()
              ->Assess(RiskFixture::As("officer-7", {"officer"}).get(), JsonRequest(declaration), &assessment)
              .ok());
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(1500));
  CHECK(assessment.lane() == "yellow");
  REQUIRE(HasReason(assessment, "DOC-NO-ANSWER"));
  for (const auto& reason : assessment.reasons()) {
    if (reason.rule_id() == "DOC-NO-ANSWER") CHECK_THAT(reason.text(), Catch::Contains("cites did not answer"));
  }
}
