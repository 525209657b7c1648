// greenlane-risk asking the owning services over mutual TLS: the real gRPC clients against fake
// cites and timber servers (the services themselves are tested in their own folders).
#include <algorithm>
#include <catch2/catch.hpp>
#include <pqxx/pqxx>
#include <thread>

#include "api/evidence_intake.h"
#include "fake_owners.h"
#include "risk_fixture.h"

using namespace risk_test;

namespace {

const v1::Reason* Find(const v1::Assessment& assessment, const std::string& rule_id) {
  for (const auto& reason : assessment.reasons()) {
    if (reason.rule_id() == rule_id) return &reason;
  }
  return nullptr;
}

v1::Assessment Assess(const RiskFixture& fixture, const nlohmann::json& declaration) {
  v1::Assessment assessment;
  const auto status =
      fixture.Stub()->Assess(RiskFixture::As("officer-7", {"officer"}).get(), JsonRequest(declaration), &assessment);
  REQUIRE(status.ok());
  return assessment;
}

// Sawn mahogany (CITES Appendix II) exported under CITES permit `permit`: 12.5 m3.
nlohmann::json MahoganyWithPermit(const std::string& reference, const std::string& permit) {
  auto declaration = Declaration(reference, "440729");
  auto& item = declaration["goods_items"][0];
  item["scientific_name"] = "Swietenia macrophylla";
  item["quantity"] = "12.5";
  item["quantity_unit"] = "m3";
  item["lpco"] = {{{"category", "cites_permit"}, {"id", permit}}};
  return declaration;
}

nlohmann::json TimberExport(const std::string& reference, const std::string& certificate, const std::string& species,
                            const std::string& cubic_metres) {
  auto declaration = Declaration(reference, "4407290000");
  declaration["type_code"] = "export";
  auto& item = declaration["goods_items"][0];
  item["scientific_name"] = species;
  item["quantity"] = cubic_metres;
  item["quantity_unit"] = "m3";
  item["lpco"] = {{{"category", "timber_export_certificate"}, {"id", certificate}}};
  return declaration;
}

}  // namespace

TEST_CASE("CITES permits are verified with cites: a valid one leaves the lane, an invalid one gives cites' reasons") {
  FakeCites cites;
  cites.permits["GA-EX-2026-000042"] = {};
  cites.permits["GA-EX-2026-000043"] = {false, {{"verify.expired", "GA-EX-2026-000043 expired on 2026-02-01"}}};
  cites.listings["Swietenia macrophylla"] = "II";
  FakeServer server("cites", &cites);
  RiskFixture fixture(risk::ConnectDocumentServices(ClientSettings(server.address(), "")));

  const auto valid = Assess(fixture, MahoganyWithPermit("GA-DEC-2026-000700", "GA-EX-2026-000042"));
  CHECK(valid.lane() == "green");
  CHECK(Find(valid, "DOC-INVALID") == nullptr);
  // The trader's "12.5 m3" reaches cites exactly, in the permit's Rec. 20 unit.
  CHECK(cites.last_verify.number() == "GA-EX-2026-000042");
  CHECK(cites.last_verify.scientific_name() == "Swietenia macrophylla");
  CHECK(cites.last_verify.quantity() == "12.500");
  CHECK(cites.last_verify.unit() == "MTQ");

  const auto expired = Assess(fixture, MahoganyWithPermit("GA-DEC-2026-000701", "GA-EX-2026-000043"));
  CHECK(expired.lane() == "red");
  const auto* reason = Find(expired, "DOC-INVALID");
  REQUIRE(reason != nullptr);
  CHECK_THAT(reason->text(), Catch::Contains("verify.expired: GA-EX-2026-000043 expired on 2026-02-01"));

  const auto unknown = Assess(fixture, MahoganyWithPermit("GA-DEC-2026-000702", "GA-EX-2026-999999"));
  CHECK(unknown.lane() == "red");
  REQUIRE(Find(unknown, "DOC-INVALID") != nullptr);
  CHECK_THAT(Find(unknown, "DOC-INVALID")->text(), Catch::Contains("verify.unknown"));
}

TEST_CASE("declarations checked at the same time share cites calls, and each gets the answer for its own permit") {
  FakeCites cites;
  cites.listings["Swietenia macrophylla"] = "II";
  for (int i = 0; i < 4; ++i) {
    const auto number = "GA-EX-2026-00005" + std::to_string(i);
    cites.permits[number] = i % 2 == 0 ? FakeCites::Permit{} : FakeCites::Permit{false, {{"verify.used", number}}};
  }
  cites.delay = std::chrono::milliseconds(100);  // the later checks queue behind the first calls
  FakeServer server("cites", &cites);
  RiskFixture fixture(risk::ConnectDocumentServices(ClientSettings(server.address(), "")));
  std::vector<std::thread> lodging;
  std::vector<v1::Assessment> assessed(4);
  std::vector<grpc::Status> statuses(4);
  for (int i = 0; i < 4; ++i) {
    lodging.emplace_back([&, i] {  // Catch's assertions are for the main thread: only the call here
      const auto declaration =
          MahoganyWithPermit("GA-DEC-2026-00073" + std::to_string(i), "GA-EX-2026-00005" + std::to_string(i));
      statuses[i] = fixture.Stub()->Assess(RiskFixture::As("officer-7", {"officer"}).get(), JsonRequest(declaration),
                                           &assessed[i]);
    });
  }
  for (auto& thread : lodging) thread.join();
  for (int i = 0; i < 4; ++i) {
    INFO("declaration " << i << ": " << statuses[i].error_message());
    REQUIRE(statuses[i].ok());
    CHECK(assessed[i].lane() == (i % 2 == 0 ? "green" : "red"));
    if (i % 2 == 1) {
      CHECK_THAT(assessed[i].DebugString(), Catch::Contains("verify.used: GA-EX-2026-00005" + std::to_string(i)));
    }
  }
}

TEST_CASE("an owning service that is unreachable or slow sends the declaration to yellow with the reason") {
  SECTION("unreachable") {
    // A port nobody listens on: the call fails at once.
    RiskFixture fixture(risk::ConnectDocumentServices(ClientSettings("127.0.0.1:1", "127.0.0.1:1")));
    const auto assessment =
        Assess(fixture, TimberExport("GA-DEC-2026-000710", "GA-EC-2026-000031", "Aucoumea klaineana", "24.5"));
    CHECK(assessment.lane() == "yellow");
    const auto* reason = Find(assessment, "DOC-NO-ANSWER");
    REQUIRE(reason != nullptr);
    CHECK_THAT(reason->text(), Catch::Contains("timber"));
    CHECK_THAT(reason->text(), Catch::Contains("GA-EC-2026-000031"));
    // cites could not say whether the species is CITES-listed either.
    CHECK_THAT(assessment.DebugString(), Catch::Contains("cites_listing Aucoumea klaineana"));
  }
  SECTION("slow") {
    FakeTimber timber;
    timber.lineages["GA-EC-2026-000031"] = Certificate("GA-EC-2026-000031", "Aucoumea klaineana", 30000);
    timber.delay = std::chrono::milliseconds(1500);  // the fixture waits 300 ms
    FakeServer server("timber", &timber);
    RiskFixture fixture(risk::ConnectDocumentServices(ClientSettings("", server.address())));
    const auto started = std::chrono::steady_clock::now();
    const auto assessment =
        Assess(fixture, TimberExport("GA-DEC-2026-000711", "GA-EC-2026-000031", "Aucoumea klaineana", "24.5"));
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(1200));
    CHECK(assessment.lane() == "yellow");
    REQUIRE(Find(assessment, "DOC-NO-ANSWER") != nullptr);
    CHECK_THAT(Find(assessment, "DOC-NO-ANSWER")->text(), Catch::Contains("timber did not answer"));
  }
}

TEST_CASE("timber export certificates are checked against the item, and anomalies on their pieces reach the lane") {
  FakeTimber timber;
  timber.lineages["GA-EC-2026-000031"] = Certificate("GA-EC-2026-000031", "Aucoumea klaineana", 30000);
  timber.lineages["GA-EC-2026-000032"] = Certificate("GA-EC-2026-000032", "Aucoumea klaineana", 30000, "issued");
  FakeServer server("timber", &timber);
  RiskFixture fixture(risk::ConnectDocumentServices(ClientSettings("", server.address())));

  CHECK(Assess(fixture, TimberExport("GA-DEC-2026-000720", "GA-EC-2026-000031", "Aucoumea klaineana", "24.5")).lane() ==
        "green");

  const auto over = Assess(fixture, TimberExport("GA-DEC-2026-000721", "GA-EC-2026-000031", "Milicia excelsa", "31"));
  CHECK(over.lane() == "red");
  REQUIRE(Find(over, "DOC-INVALID") != nullptr);
  CHECK_THAT(Find(over, "DOC-INVALID")->text(), Catch::Contains("GA-EC-2026-000031 covers no Milicia excelsa"));
  CHECK_THAT(Find(over, "DOC-INVALID")->text(), Catch::Contains("31.000 m3 exceeds the 30.000 m3"));

  const auto unknown =
      Assess(fixture, TimberExport("GA-DEC-2026-000722", "GA-EC-2026-000099", "Aucoumea klaineana", "1"));
  CHECK(unknown.lane() == "red");

  // timber raises an anomaly on a log behind certificate 32: the declaration using it is no longer green.
  // Timber lists it in the certificate's lineage, and its event reaches risk's evidence.
  auto* raised = timber.lineages["GA-EC-2026-000032"].add_anomalies();
  raised->set_id("0190a1b2-0000-7000-8000-0000000000a7");
  raised->set_rule("yield.max");
  raised->set_subject("GA-LOG-000001");
  {
    pqxx::connection connection(fixture.db.url());
    pqxx::work tx(connection);
    risk::EvidenceIntake::TimberAnomalyHandler(fixture.clock)(tx,
                                                              {"0190a1b2-0000-7000-8000-0000000000f1",
                                                               "timber.anomaly.raised",
                                                               {{"id", "0190a1b2-0000-7000-8000-0000000000a7"},
                                                                {"rule", "yield.max"},
                                                                {"severity", "error"},
                                                                {"subject", "GA-LOG-000001"},
                                                                {"message", "sawn output exceeds the maximum yield"}},
                                                               ""});
    tx.commit();
  }
  const auto flagged =
      Assess(fixture, TimberExport("GA-DEC-2026-000723", "GA-EC-2026-000032", "Aucoumea klaineana", "2"));
  CHECK(flagged.lane() == "yellow");
  REQUIRE(Find(flagged, "EV-TIMBER-ANOMALY") != nullptr);
  REQUIRE(flagged.evidence_references_size() == 1);
  CHECK(flagged.evidence_references(0) == "0190a1b2-0000-7000-8000-0000000000a7");
}

TEST_CASE("declared species get their CITES appendix from cites, so the CITES mandatory rules fire") {
  FakeCites cites;
  cites.listings["Dalbergia nigra"] = "I";
  FakeServer server("cites", &cites);
  RiskFixture fixture(risk::ConnectDocumentServices(ClientSettings(server.address(), "")));

  auto rosewood = Declaration("GA-DEC-2026-000730", "440349");
  rosewood["goods_items"][0]["scientific_name"] = "Dalbergia nigra";
  const auto first = Assess(fixture, rosewood);
  CHECK(first.lane() == "red");
  CHECK(first.mandatory());
  CHECK(Find(first, "MR-CITES-I-IMPORT") != nullptr);

  // Asked once per species and day: the second declaration is judged from the cache.
  rosewood["functional_reference_id"] = "GA-DEC-2026-000731";
  CHECK(Assess(fixture, rosewood).lane() == "red");
  CHECK(cites.species_calls == 1);

  auto okoume = Declaration("GA-DEC-2026-000732", "440349");
  okoume["goods_items"][0]["scientific_name"] = "Aucoumea klaineana";  // in no appendix
  CHECK(Assess(fixture, okoume).lane() == "green");

  // A dry run replays the appendix the assessment had: without the CITES mandatory rules, the
  // rosewood declarations change lane.
  auto candidate = nlohmann::json::parse(fixture.Text("SELECT document::text FROM risk.rule_sets WHERE active"));
  candidate["version"] = "rs-without-cites-i";
  auto& rules = candidate["rules"];
  rules.erase(
      std::remove_if(rules.begin(), rules.end(),
                     [](const nlohmann::json& rule) { return rule["id"].get<std::string>().starts_with("MR-CITES-"); }),
      rules.end());
  v1::DryRunRuleSetRequest dry_run;
  dry_run.set_rule_set_json(candidate.dump());
  v1::DryRunReport report;
  REQUIRE(fixture.Stub()->DryRunRuleSet(RiskFixture::As("analyst-1", {"analyst"}).get(), dry_run, &report).ok());
  int rosewood_changes = 0;
  for (const auto& change : report.changes()) {
    if (change.before() == "red" && change.declaration().starts_with("GA-DEC-2026-00073")) ++rosewood_changes;
  }
  CHECK(rosewood_changes == 2);
  CHECK(cites.species_calls == 2);  // rosewood and okoume, never during the replay
}

TEST_CASE("a timber anomaly raised after the lane on timber a declaration's certificate covers raises it") {
  const auto waybill = "WB-" + UniqueHex();
  FakeTimber timber;
  timber.lineages["GA-EC-2026-000033"] = Certificate("GA-EC-2026-000033", "Aucoumea klaineana", 30000);
  timber.lineages["GA-EC-2026-000033"].mutable_waybills(0)->set_number(waybill);
  FakeServer server("timber", &timber);
  RiskFixture fixture(risk::ConnectDocumentServices(ClientSettings("", server.address())));
  const auto clean =
      Assess(fixture, TimberExport("GA-DEC-2026-000730", "GA-EC-2026-000033", "Aucoumea klaineana", "2"));
  REQUIRE(clean.lane() == "green");

  // timber finds the waybill's load laundered (through the service's consumer, as in production).
  const auto anomaly = "0190a1b2-0000-7000-8000-01" + UniqueHex();
  PublishEvidence(fixture, "timber.anomaly.raised", anomaly,
                  {{"id", anomaly},
                   {"rule", "volume.grew"},
                   {"severity", "medium"},
                   {"subject", waybill},
                   {"message", "the load grew between two waybills"}});

  v1::GetAssessmentRequest get;
  get.set_declaration("GA-DEC-2026-000730");
  v1::Assessment raised;
  REQUIRE(fixture.Stub()->GetAssessment(RiskFixture::As("officer-7", {"officer"}).get(), get, &raised).ok());
  CHECK(raised.lane() == "yellow");
  REQUIRE(Find(raised, "EV-TIMBER-ANOMALY") != nullptr);
  REQUIRE(raised.evidence_references_size() == 1);
  CHECK(raised.evidence_references(0) == anomaly);
  CHECK(fixture.Count("SELECT count(*) FROM risk.audit_log WHERE action = 'declaration.reassessed' AND "
                      "entity_id = 'GA-DEC-2026-000730'") == 1);
}
