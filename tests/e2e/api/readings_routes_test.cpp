// The readings and device routes of the facade against a real greenlane-ingest process over
// mutual TLS: what an officer or a lab sees of the analyzer data.
#include <catch2/catch.hpp>
#include <csignal>
#include <pqxx/pqxx>

#include "api_stack.h"
#include "greenlane/rpc/channel.h"
#include "greenlane/v1/ingest.grpc.pb.h"
#include "service_process.h"

using namespace std::chrono_literals;
using Catch::Matchers::Contains;
using greenlane::testing::ApiStack;
namespace v1 = greenlane::v1;
namespace rpc = greenlane::rpc;

namespace {

std::string Pki() { return greenlane::testing::RequiredEnv("GREENLANE_TEST_PKI_DIR"); }

// greenlane-ingest as its own process on a fresh database, as scripts/up runs it.
class IngestProcess : public greenlane::testing::ServiceProcess {
 public:
  IngestProcess() : ServiceProcess("ingest", GREENLANE_INGEST_PATH, Pki(), {{"GREENLANE_INGEST_METRICS_PORT", "0"}}) {}

  /// Uploads `count` XRF readings from container `container` as gateway-demo.
  void Upload(int count, const std::string& container) {
    const auto pki = Pki();
    auto stub = v1::IngestService::NewStub(rpc::MakeChannel(
        {.target = address(),
         .tls = rpc::TlsFiles{pki + "/ca.crt", pki + "/clients/gateway-demo.crt", pki + "/clients/gateway-demo.key"},
         .server_name_override = ""}));
    grpc::ClientContext context;
    rpc::SetDeadline(context, 20s);
    auto stream = stub->Upload(&context);
    v1::UploadBatch batch;
    for (int i = 0; i < count; ++i) {
      auto* sequenced = batch.add_readings();
      sequenced->set_sequence(i + 1);
      auto* reading = sequenced->mutable_reading();
      reading->set_kind("xrf");
      reading->set_device_serial("VAN-800123");
      reading->mutable_captured_at()->set_seconds(1795420800 + i * 60);  // 2026-11-23T08:00:00Z onwards
      reading->set_reading_number(std::to_string(1000 + i));
      reading->mutable_consignment()->set_container(container);
      reading->mutable_consignment()->set_declaration("PE-2026-000123");
      reading->set_raw("raw " + std::to_string(i));
      reading->set_payload_json(R"({"elements":[{"symbol":"Pb","ppm":"412.5"}]})");
    }
    REQUIRE(stream->Write(batch));
    v1::UploadAck ack;
    REQUIRE(stream->Read(&ack));
    REQUIRE(ack.durable_through() == count);
    stream->WritesDone();
    REQUIRE(stream->Finish().ok());
  }
};

ApiStack StackInFrontOf(const std::string& ingest_address) {
  const auto pki = Pki();
  return ApiStack([&](greenlane::api::ApiSettings& settings) {
    settings.downstream.ingest = ingest_address;
    settings.downstream.tls = {pki + "/ca.crt", pki + "/clients/service-api.crt", pki + "/clients/service-api.key"};
  });
}

nlohmann::json Json(const greenlane::http::ClientResponse& response) { return nlohmann::json::parse(response.body); }

}  // namespace

TEST_CASE("officers page through a container's readings and open one, through the facade") {
  IngestProcess ingest;
  ingest.Upload(3, "MSKU4421908");
  auto stack = StackInFrontOf(ingest.address());
  const auto officer = ApiStack::Bearer(stack.Token(stack.CreateClient("officer-callao", {"officer"})));
  auto client = stack.Connect();

  auto first = client.Send("GET", "/v1/readings?container=MSKU4421908&page_size=2", "", officer);
  INFO(first.body);
  REQUIRE(first.status == 200);
  const auto page = Json(first);
  REQUIRE(page["readings"].size() == 2);
  const auto token = page["page"]["next_page_token"].get<std::string>();
  REQUIRE_FALSE(token.empty());
  auto second = client.Send("GET", "/v1/readings?container=MSKU4421908&page_size=2&page_token=" + token, "", officer);
  REQUIRE(second.status == 200);
  CHECK(Json(second)["readings"].size() == 1);

  const auto id = page["readings"][0]["id"].get<std::string>();
  auto one = client.Send("GET", "/v1/readings/" + id, "", officer);
  REQUIRE(one.status == 200);
  CHECK(Json(one)["consignment"]["declaration"] == "PE-2026-000123");
  CHECK_THAT(Json(one)["payload_json"].get<std::string>(), Contains("Pb"));

  CHECK(client.Send("GET", "/v1/readings?container=TGHU0000000", "", officer).status == 200);
  CHECK(Json(client.Send("GET", "/v1/readings?container=TGHU0000000", "", officer))["readings"].empty());
}

TEST_CASE("bad reading queries are refused by the facade naming the parameter") {
  IngestProcess ingest;
  auto stack = StackInFrontOf(ingest.address());
  const auto officer = ApiStack::Bearer(stack.Token(stack.CreateClient("officer-2", {"officer"})));
  auto client = stack.Connect();

  auto unknown = client.Send("GET", "/v1/readings?colour=red", "", officer);
  CHECK(unknown.status == 400);
  CHECK(Json(unknown)["field"] == "colour");
  auto bad_time = client.Send("GET", "/v1/readings?from=yesterday", "", officer);
  CHECK(bad_time.status == 400);
  CHECK_THAT(bad_time.body, Contains("RFC 3339"));
  CHECK(client.Send("GET", "/v1/readings?page_size=100000", "", officer).status == 400);
  CHECK(client.Send("GET", "/v1/readings/not-a-uuid", "", officer).status / 100 == 4);

  const auto trader = ApiStack::Bearer(stack.Token(stack.CreateClient("trader-1", {"trader"})));
  CHECK(client.Send("GET", "/v1/readings", "", trader).status == 403);
}

TEST_CASE("the lab registers an analyzer and records its verification through the facade") {
  IngestProcess ingest;
  auto stack = StackInFrontOf(ingest.address());
  const auto lab = ApiStack::Bearer(stack.Token(stack.CreateClient("lab-1", {"lab"})));
  auto json = lab;
  json.emplace_back("Content-Type", "application/json");
  auto client = stack.Connect();

  auto registered = client.Send(
      "POST", "/v1/devices",
      R"({"serial":"RI-7700","kind":"refrigerant","model":"Neutronics Ultima ID","office":"PECLL","gateway_id":"gateway-demo"})",
      json);
  INFO(registered.body);
  REQUIRE(registered.status == 200);
  auto verified = client.Send(
      "POST", "/v1/devices/RI-7700/verifications",
      R"({"performed_at":"2026-11-01T09:00:00Z","result":"pass","reference_material":"R-134a CRM lot 22","next_due":"2027-05-01T00:00:00Z"})",
      json);
  INFO(verified.body);
  CHECK(verified.status == 201);
  auto devices = client.Send("GET", "/v1/devices?office=PECLL", "", lab);
  REQUIRE(devices.status == 200);
  REQUIRE(Json(devices)["devices"].size() == 1);
  CHECK(Json(devices)["devices"][0]["last_verification"]["result"] == "pass");

  auto hostile = client.Send("POST", "/v1/devices", R"({"serial":"X","colour":"red"})", json);
  CHECK(hostile.status == 400);
  CHECK_THAT(hostile.body, Contains("colour"));
  auto mismatch = client.Send("POST", "/v1/devices/RI-7700/verifications", R"({"device_serial":"OTHER"})", json);
  CHECK(mismatch.status == 400);
}

TEST_CASE("readings routes answer 503 when ingest is down or not configured") {
  IngestProcess ingest;
  auto stack = StackInFrontOf(ingest.address());
  const auto officer = ApiStack::Bearer(stack.Token(stack.CreateClient("officer-3", {"officer"})));
  auto client = stack.Connect();
  ingest.process().Signal(SIGTERM);
  REQUIRE(ingest.process().Wait(20s).has_value());
  CHECK(client.Send("GET", "/v1/readings", "", officer).status == 503);

  ApiStack unconfigured;
  const auto token = ApiStack::Bearer(unconfigured.Token(unconfigured.CreateClient("officer-4", {"officer"})));
  auto plain = unconfigured.Connect();
  auto response = plain.Send("GET", "/v1/readings", "", token);
  CHECK(response.status == 503);
  CHECK_THAT(response.body, Contains("GREENLANE_API_INGEST_ADDRESS"));
}
