#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <mutex>
#include <pqxx/pqxx>
#include <random>
#include <thread>

#include "api/evidence_intake.h"
#include "greenlane/events/outbox.h"
#include "greenlane/pg/pool.h"
#include "greenlane/redis/pool.h"
#include "greenlane/redis/test_server.h"
#include "risk_fixture.h"

using namespace risk_test;

namespace {

nlohmann::json CitesFinding(const std::string& container) {
  return {{"result_id", "0190a1b2-0000-7000-8000-000000000001"},
          {"reading_id", "0190a1b2-0000-7000-8000-0000000000aa"},
          {"kind", "dart"},
          {"consignment", {{"declaration", ""}, {"container", container}, {"item", "3"}}},
          {"verdict", "identified"},
          {"confidence", 0.97},
          {"summary", "Dalbergia nigra identified"},
          {"findings",
           {{{"code", "cites_listed_species"},
             {"message", "Dalbergia nigra (CITES Appendix I) identified"},
             {"species", "Dalbergia nigra"},
             {"cites_appendix", "I"}}}},
          {"produced_at", "2026-03-01T12:00:00Z"}};
}

void Apply(RiskFixture& fixture, const events::Event& event) {
  pqxx::connection connection(fixture.db.url());
  pqxx::work tx(connection);
  risk::EvidenceIntake::IdentificationHandler(fixture.clock)(tx, event);
  tx.commit();
}

// A timber checker that answers "valid" 100 ms after it is asked, having run `meanwhile` first: by
// then the declaration's own reads are done, and only its save is left.
class AnswersAfter final : public risk::DocumentChecker {
 public:
  ~AnswersAfter() override {
    for (auto& thread : threads_) thread.join();
  }
  void Check(const risk::DocumentQuery&, core::TimePoint, risk::DocumentAnswered answered) override {
    std::lock_guard lock(mutex_);
    threads_.emplace_back([this, answered = std::move(answered)] {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      meanwhile();
      answered({risk::DocumentStatus::kValid, "", {}});
    });
  }
  std::function<void()> meanwhile;

 private:
  std::mutex mutex_;
  std::vector<std::thread> threads_;
};

}  // namespace

TEST_CASE("a CITES-listed species found in a declaration's container raises its lane, with the evidence") {
  RiskFixture fixture;
  Apply(fixture, {"0190a1b2-0000-7000-8000-0000000000e1", "identify.result.ready", CitesFinding("MSCU7777770"), ""});
  auto stub = fixture.Stub();
  v1::Assessment clean, caught;
  REQUIRE(stub->Assess(RiskFixture::As("officer-7", {"officer"}).get(),
                       JsonRequest(Declaration("GA-DEC-2026-000600", "940360", "MSCU1234565")), &clean)
              .ok());
  CHECK(clean.lane() == "green");
  REQUIRE(stub->Assess(RiskFixture::As("officer-7", {"officer"}).get(),
                       JsonRequest(Declaration("GA-DEC-2026-000601", "940360", "MSCU7777770")), &caught)
              .ok());
  CHECK(caught.lane() == "red");
  REQUIRE(caught.evidence_references_size() == 1);
  CHECK(caught.evidence_references(0) == "0190a1b2-0000-7000-8000-000000000001");
  bool named = false;
  for (const auto& reason : caught.reasons()) named |= reason.rule_id() == "EV-CITES-FOUND";
  CHECK(named);
}

TEST_CASE("evidence events are stored once however often Redis delivers them") {
  RiskFixture fixture;
  pg::Pool pg({.url = fixture.db.url(), .size = 2});
  redis::Pool redis({.url = redis::TestServerUrl(), .size = 1});
  const auto topic = "test" + std::to_string(::getpid()) + "x" + std::to_string(std::random_device{}()) + ".ready";
  const auto event_id = "0190a1b2-0000-7000-8000-0000000000e2";
  const auto payload = CitesFinding("MSCU7777770").dump();
  for (int i = 0; i < 2; ++i) {
    redis.Acquire()->Command({"XADD", events::StreamName(topic), "*", "event_id", event_id, "topic", topic, "payload",
                              payload, "created_at", "2026-03-01T12:00:00Z"});
  }
  events::Consumer consumer(
      pg, redis,
      {.schema = "risk", .topic = topic, .group = "risk", .consumer_name = "t", .block = std::chrono::milliseconds(10)},
      risk::EvidenceIntake::IdentificationHandler(fixture.clock));
  std::size_t settled = 0;
  for (int pass = 0; pass < 20 && settled < 2; ++pass) settled += consumer.RunOnce();
  CHECK(settled == 2);
  // Only this test's rows: the fixture's service also consumes the shared test Redis' real topics.
  const std::string mine = std::string(" WHERE event_id = '") + event_id + "'";
  CHECK(fixture.Count("SELECT count(*) FROM risk.evidence" + mine) == 1);
  CHECK(fixture.Count("SELECT count(*) FROM risk.inbox" + mine) == 1);
  redis.Acquire()->Command({"DEL", events::StreamName(topic)});

  // A malformed payload is refused loudly but settled, not retried forever.
  Apply(fixture, {"0190a1b2-0000-7000-8000-0000000000e3", "identify.result.ready", {{"findings", 3}}, ""});
  CHECK(fixture.Count("SELECT count(*) FROM risk.evidence WHERE event_id = '0190a1b2-0000-7000-8000-0000000000e3'") ==
        0);
}

TEST_CASE("evidence that arrives after the lane raises it, but not for an inspected declaration or an old one") {
  RiskFixture fixture;
  // Containers and results no other test uses: every risk fixture's service reads the shared topic.
  const std::string unique = UniqueHex();
  const auto container = "LATE" + unique;
  const auto old_container = "OLD" + unique;
  auto stub = fixture.Stub();
  const auto assess = [&](const std::string& reference, const std::string& in) {
    v1::Assessment assessment;
    REQUIRE(stub->Assess(RiskFixture::As("officer-7", {"officer"}).get(),
                         JsonRequest(Declaration(reference, "940360", in)), &assessment)
                .ok());
    return assessment;
  };
  const auto clean = assess("GA-DEC-2026-000700", container);
  REQUIRE(clean.lane() == "green");
  REQUIRE(assess("GA-DEC-2026-000701", container).lane() == "green");
  REQUIRE(assess("GA-DEC-2026-000702", old_container).lane() == "green");
  v1::RecordInspectionRequest inspection;
  inspection.set_declaration("GA-DEC-2026-000701");
  inspection.set_result("no_discrepancy");
  v1::Inspection inspected;
  REQUIRE(stub->RecordInspection(RiskFixture::As("officer-7", {"officer"}).get(), inspection, &inspected).ok());

  // The analyzer's answers come in after the declarations went green, through the service's consumer.
  const auto publish = [&](const std::string& in, const std::string& result_id) {
    auto finding = CitesFinding(in);
    finding["result_id"] = result_id;
    PublishEvidence(fixture, "identify.result.ready", result_id, finding);
  };
  const auto assessments = [&](const std::string& reference) {
    return fixture.Count("SELECT count(*) FROM risk.assessments WHERE declaration = '" + reference + "'");
  };
  const auto result_id = "0190a1b2-0000-7000-8000-00" + unique;
  publish(container, result_id);

  v1::GetAssessmentRequest get;
  get.set_declaration("GA-DEC-2026-000700");
  v1::Assessment raised;
  REQUIRE(stub->GetAssessment(RiskFixture::As("officer-7", {"officer"}).get(), get, &raised).ok());
  CHECK(raised.lane() == "red");
  CHECK(raised.assessment_id() != clean.assessment_id());
  bool named = false;
  for (const auto& reason : raised.reasons()) named |= reason.rule_id() == "EV-CITES-FOUND";
  CHECK(named);
  REQUIRE(raised.evidence_references_size() == 1);
  CHECK(raised.evidence_references(0) == result_id);
  CHECK(assessments("GA-DEC-2026-000700") == 2);
  CHECK(fixture.Count("SELECT count(*) FROM risk.audit_log WHERE action = 'declaration.reassessed' AND "
                      "entity_id = 'GA-DEC-2026-000700'") == 1);
  CHECK(fixture.Count("SELECT count(*) FROM risk.outbox WHERE payload->>'declaration' = 'GA-DEC-2026-000700'") == 2);
  // Inspected already: its outcome is known, the evidence does not move it.
  CHECK(assessments("GA-DEC-2026-000701") == 1);

  // Past the window (30 days by default), evidence no longer re-assesses.
  fixture.clock.Advance(std::chrono::hours(24 * 31));
  publish(old_container, "0190a1b2-0000-7000-8000-01" + unique);
  CHECK(assessments("GA-DEC-2026-000702") == 1);
}

TEST_CASE("evidence stored while a declaration is being assessed reaches its lane") {
  auto checker = std::make_shared<AnswersAfter>();
  RiskFixture fixture({{{"timber", checker}}, nullptr});
  const auto container = "MID" + UniqueHex();
  // The identification of the container commits after the declaration read its evidence (none) and
  // before it is saved; the consumer's re-assessment cannot find a declaration not yet committed.
  checker->meanwhile = [&] {
    Apply(fixture, {"0190a1b2-0000-7000-8000-0000000000e4", "identify.result.ready", CitesFinding(container), ""});
  };
  auto declaration = Declaration("GA-DEC-2026-000610", "940360", container);
  declaration["goods_items"][0]["lpco"] = {{{"category", "timber_export_certificate"}, {"id", "GA-EC-2026-000077"}}};
  v1::Assessment assessment;
  REQUIRE(fixture.Stub()
              ->Assess(RiskFixture::As("officer-7", {"officer"}).get(), JsonRequest(declaration), &assessment)
              .ok());
  CHECK(assessment.lane() == "red");
  REQUIRE(assessment.evidence_references_size() == 1);
  CHECK(assessment.evidence_references(0) == "0190a1b2-0000-7000-8000-000000000001");
  CHECK(fixture.Count("SELECT count(*) FROM risk.assessments WHERE declaration = 'GA-DEC-2026-000610'") == 2);
  CHECK(fixture.Count("SELECT count(*) FROM risk.audit_log WHERE action = 'declaration.reassessed' AND "
                      "entity_id = 'GA-DEC-2026-000610'") == 1);

  // Nothing arrived meanwhile: one assessment, no re-assessment.
  checker->meanwhile = [] {};
  REQUIRE(fixture.Stub()
              ->Assess(RiskFixture::As("officer-7", {"officer"}).get(),
                       JsonRequest(Declaration("GA-DEC-2026-000611", "940360", "MSCU1234565")), &assessment)
              .ok());
  CHECK(assessment.lane() == "green");
  CHECK(fixture.Count("SELECT count(*) FROM risk.assessments WHERE declaration = 'GA-DEC-2026-000611'") == 1);
}
