// ingest.reading.accepted in, a stored result and identify.result.ready out, for every kind.
#include <catch2/catch.hpp>
#include <pqxx/pqxx>
#include <set>

#include "identify_fixture.h"

using namespace identify_test;
using nlohmann::json;

namespace {

const std::string kResultsOf = "SELECT count(*) FROM identify.results";
const std::string kReadyEvents = "SELECT count(*) FROM identify.outbox WHERE topic = 'identify.result.ready'";

json XrfPayload(const char* lead_ppm) {
  return {{"method", "RoHS"},
          {"user_factor", ""},
          {"collimation", "Off"},
          {"units_written", "ppm"},
          {"position", nullptr},
          {"elements",
           {{{"symbol", "Pb"},
             {"compound", ""},
             {"compound_level_ppm", nullptr},
             {"compound_error_ppm", nullptr},
             {"below_lod", false},
             {"concentration_ppm", lead_ppm},
             {"error_1s_ppm", "20"}}}}};
}

json QpcrWell(const std::string& well, const std::string& type, const char* cq, const char* tm) {
  return {{"run", "FIN-RUN-2026-118"},
          {"well", well},
          {"sample_type", type},
          {"target", "CITES-multiplex"},
          {"amplified", cq != nullptr},
          {"cq", cq ? json(cq) : json(nullptr)},
          {"tm_celsius", tm ? json(tm) : json(nullptr)}};
}

json EventPayload(const IdentifyFixture& f, const std::string& reading_id) {
  pqxx::connection connection(f.db.url());
  pqxx::nontransaction tx(connection);
  const auto rows = tx.exec_params(
      "SELECT payload::text FROM identify.outbox WHERE topic = 'identify.result.ready' AND payload->>'reading_id' = $1",
      reading_id);
  REQUIRE(rows.size() == 1);
  return json::parse(rows[0][0].as<std::string>());
}

}  // namespace

TEST_CASE("an accepted XRF reading becomes one result and one identify.result.ready event") {
  IdentifyFixture f;
  const auto reading = MakeReading("xrf", XrfPayload("1500"));
  f.Accept(reading);
  REQUIRE(f.WaitFor(kReadyEvents, 1) == 1);
  const auto event = EventPayload(f, reading.id());
  CHECK(event["kind"] == "xrf");
  CHECK(event["verdict"] == "fail");
  CHECK(event["consignment"] == json{{"declaration", "PE-2026-000123"}, {"container", "MSKU4421908"}, {"item", "3"}});
  CHECK(event["findings"][0]["code"] == "xrf_fail");
  CHECK(event["findings"][0]["element"] == "Pb");
  CHECK(event["produced_at"] == "2026-11-21T00:00:00.000000Z");

  // The same answer is served over gRPC by reading id.
  auto stub = f.Stub();
  grpc::ClientContext context;
  v1::GetIdentificationRequest request;
  request.set_reading_id(reading.id());
  v1::Identification result;
  REQUIRE(stub->GetIdentification(&context, request, &result).ok());
  CHECK(result.result_id() == event["result_id"]);
  CHECK(result.verdict() == "fail");
  CHECK(json::parse(result.details_json())["set"] == "rohs-polymers");
}

TEST_CASE("a redelivered event and a reading published twice are answered once") {
  IdentifyFixture f;
  const auto reading = MakeReading("xrf", XrfPayload("100"));
  const auto event_id = f.Accept(reading);
  REQUIRE(f.WaitFor(kResultsOf, 1) == 1);
  const auto ingest_calls = f.ingest.get_calls();
  f.Accept(reading, event_id);  // Redis delivers the same event again
  f.Accept(reading);            // ingest's outbox replayed under a new event id
  const auto marker = MakeReading("xrf", XrfPayload("100"));
  f.Accept(marker);  // handled after both duplicates: once it is answered, they were too
  REQUIRE(f.WaitFor(kResultsOf, 2) == 2);
  CHECK(f.Count(kReadyEvents) == 2);
  CHECK(f.Count("SELECT count(*) FROM identify.inbox") == 3);
  // The redelivered event id never reached the handler (the inbox stopped it); the replayed one did.
  CHECK(f.ingest.get_calls() == ingest_calls + 2);
}

TEST_CASE("refrigerant, wood, qPCR and DART readings are identified end to end") {
  IdentifyFixture f;
  const auto refrigerant = MakeReading(
      "refrigerant",
      {{"cylinder_label", "R-134a"},
       {"components",
        {{{"name", "R134a"}, {"percent_by_weight", "61.5"}}, {{"name", "R22"}, {"percent_by_weight", "38.5"}}}},
       {"hydrocarbons_percent", "0.0"},
       {"air_percent", "0.0"},
       {"analyzer_result", "MIX"}});
  const auto wood = MakeReading("wood_image", {{"model", "peru-24class-v2"},
                                               {"light", "visible"},
                                               {"top",
                                                {{{"name", "Cedrela"}, {"score", "0.93"}},
                                                 {{"name", "Swietenia"}, {"score", "0.04"}},
                                                 {{"name", "Dalbergia"}, {"score", "0.01"}}}},
                                               {"others", "0.02"}});
  const auto sample = MakeReading("qpcr", QpcrWell("A1", "unknown", "24.8", "81.6"), "MIC-00452");
  const auto ntc = MakeReading("qpcr", QpcrWell("D1", "ntc", nullptr, nullptr), "MIC-00452");
  const auto control = MakeReading("qpcr", QpcrWell("D2", "positive_control", "22.1", "81.5"), "MIC-00452");
  // The run's wells are in ingest before the first event is read, as one upload batch makes them.
  f.ingest.Put(ntc);
  f.ingest.Put(control);
  const auto dart = MakeReading("dart", {{"instrument", "AccuTOF-DART SN 7721"},
                                         {"polarity", "positive"},
                                         {"peaks", {{{"mz", "150.1"}, {"intensity", "100"}}}}});
  for (const auto* reading : {&refrigerant, &wood, &sample, &ntc, &control, &dart}) f.Accept(*reading);
  REQUIRE(f.WaitFor(kReadyEvents, 6) == 6);

  const auto refrigerant_event = EventPayload(f, refrigerant.id());
  CHECK(refrigerant_event["verdict"] == "unknown_mixture");
  std::set<std::string> codes;
  for (const auto& finding : refrigerant_event["findings"]) codes.insert(finding["code"].get<std::string>());
  CHECK(codes.count("refrigerant_mismatch") == 1);
  CHECK(codes.count("controlled_substance") == 1);

  const auto wood_event = EventPayload(f, wood.id());
  CHECK(wood_event["kind"] == "wood");
  CHECK(wood_event["verdict"] == "identified");
  CHECK(wood_event["findings"][0]["code"] == "cites_listed_species");
  CHECK(wood_event["findings"][0]["cites_appendix"] == "II");

  CHECK(EventPayload(f, sample.id())["verdict"] == "positive");
  CHECK(EventPayload(f, ntc.id())["verdict"] == "control_valid");

  // The library is empty: nothing to match, refer to the laboratory.
  const auto dart_event = EventPayload(f, dart.id());
  CHECK(dart_event["verdict"] == "no_match");
  CHECK(dart_event["findings"][0]["code"] == "inconclusive");
}

TEST_CASE("a reading whose payload cannot be read is answered invalid instead of retried") {
  IdentifyFixture f;
  auto broken = MakeReading("xrf", json::object());
  broken.set_payload_json("{not json");
  f.Accept(broken);
  REQUIRE(f.WaitFor(kReadyEvents, 1) == 1);
  const auto event = EventPayload(f, broken.id());
  CHECK(event["verdict"] == "invalid");
  CHECK(event["findings"][0]["code"] == "inconclusive");
  CHECK_THAT(event["summary"].get<std::string>(), Catch::Contains("payload_json"));
}
