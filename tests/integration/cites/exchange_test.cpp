// Partner economies: signed inbound messages (forged, altered, replayed, stale refused and audited)
// and outbound deliveries with backoff and a dead-letter state.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "../../unit/cites/fixtures.h"
#include "cites_fixture.h"
#include "domain/exchange_message.h"
#include "domain/permit_json.h"
#include "exchange/delivery_store.h"
#include "greenlane/core/uuid.h"
#include "greenlane/security/base64url.h"

using namespace cites_test;
using greenlane::cites::testing::MahoganyExport;
namespace cites = greenlane::cites;

namespace {

struct PartnerKit {
  security::Ed25519Key key = security::Ed25519Key::Generate();

  v1::PartnerMessage Message(const std::string& operation, const std::string& body, const std::string& timestamp,
                             std::string message_id = "") const {
    if (message_id.empty()) message_id = core::Uuid::NewV7().ToString();
    v1::PartnerMessage message;
    message.set_client_cn("partner-de");
    message.set_message_id(message_id);
    message.set_timestamp(timestamp);
    message.set_operation(operation);
    message.set_body(body);
    message.set_signature(
        security::Base64UrlEncode(key.Sign(cites::SigningInput(message_id, timestamp, operation, body))));
    return message;
  }
};

void RegisterPartner(v1::CitesService::Stub& stub, const PartnerKit& kit) {
  v1::UpsertPartnerRequest request;
  auto* partner = request.mutable_partner();
  partner->set_country("DE");
  partner->set_authority("Bundesamt fuer Naturschutz");
  partner->set_exchange_url("https://cites.bfn.example/exchange");
  partner->set_public_key_pem(kit.key.PublicPem());
  partner->set_client_cn("partner-de");
  for (const char* op : {"permit.deliver", "permit.fetch", "quantities.confirm"}) partner->add_allowed_operations(op);
  v1::CitesPartner stored;
  const auto status = stub.UpsertPartner(Context("admin-1", {"admin"}).get(), request, &stored);
  INFO(status.error_message());
  REQUIRE(status.ok());
}

grpc::Status Send(v1::CitesService::Stub& stub, const v1::PartnerMessage& message,
                  v1::PartnerMessageResponse* response) {
  return stub.ReceivePartnerMessage(Context("partner-de", {"partner"}).get(), message, response);
}

constexpr const char* kNow = "2025-03-10T09:00:30Z";

}  // namespace

TEST_CASE("a signed partner message is accepted once, forged, altered, stale and replayed ones are refused") {
  CitesFixture fixture;
  auto stub = fixture.Stub();
  const PartnerKit kit;
  RegisterPartner(*stub, kit);
  const auto issued = DraftAndIssue(*stub, MahoganyExport());
  const std::string body = nlohmann::json{{"number", issued.number()}}.dump();

  const auto fetch = kit.Message("permit.fetch", body, kNow);
  v1::PartnerMessageResponse response;
  const auto accepted = Send(*stub, fetch, &response);
  INFO(accepted.error_message());
  REQUIRE(accepted.ok());
  CHECK(response.partner_country() == "DE");
  CHECK(nlohmann::json::parse(response.body_json())["permit"]["number"] == issued.number());

  const auto replay = Send(*stub, fetch, &response);
  CHECK(replay.error_code() == grpc::StatusCode::UNAUTHENTICATED);
  CHECK_THAT(replay.error_message(), Catch::Contains("exchange.replay"));

  auto altered = kit.Message("permit.fetch", body, kNow);
  altered.set_body(nlohmann::json{{"number", "BR-EX-2025-000002"}}.dump());
  CHECK_THAT(Send(*stub, altered, &response).error_message(), Catch::Contains("exchange.signature"));

  const PartnerKit impostor;
  CHECK_THAT(Send(*stub, impostor.Message("permit.fetch", body, kNow), &response).error_message(),
             Catch::Contains("exchange.signature"));

  CHECK_THAT(Send(*stub, kit.Message("permit.fetch", body, "2025-03-10T08:00:00Z"), &response).error_message(),
             Catch::Contains("exchange.timestamp"));

  auto unknown = kit.Message("permit.fetch", body, kNow);
  unknown.set_client_cn("partner-xx");
  CHECK(Send(*stub, unknown, &response).error_code() == grpc::StatusCode::PERMISSION_DENIED);

  CHECK(fixture.Count("SELECT count(*) FROM cites.audit_log WHERE action = 'exchange.message_refused'") == 5);
  CHECK(fixture.Count("SELECT count(*) FROM cites.partner_messages") == 1);
}

TEST_CASE("a partner confirms the quantities it received, and delivers its own permits") {
  CitesFixture fixture;
  auto stub = fixture.Stub();
  const PartnerKit kit;
  RegisterPartner(*stub, kit);
  const auto issued = DraftAndIssue(*stub, MahoganyExport());
  v1::EndorseRequest endorse;
  endorse.set_number(issued.number());
  endorse.set_date("2025-03-10");
  endorse.add_quantities("12");
  v1::CitesPermit ignored;
  REQUIRE(stub->Endorse(Context().get(), endorse, &ignored).ok());

  const std::string confirm = nlohmann::json{
      {"number", issued.number()},
      {"date", "2025-03-10"},
      {"port", "Hamburg"},
      {"quantities", {"11.5"}}}.dump();
  v1::PartnerMessageResponse response;
  const auto confirmed = Send(*stub, kit.Message("quantities.confirm", confirm, kNow), &response);
  INFO(confirmed.error_message());
  REQUIRE(confirmed.ok());
  CHECK(nlohmann::json::parse(response.body_json())["state"] == "used");
  v1::MirrorReportRequest mirror;
  mirror.set_year(2025);
  v1::MirrorReportResponse lines;
  REQUIRE(stub->MirrorReport(Context().get(), mirror, &lines).ok());
  REQUIRE(lines.lines_size() == 1);
  CHECK(lines.lines(0).status() == "differs");
  CHECK(lines.lines(0).difference() == "0.5");

  auto german = MahoganyExport();
  german.number = "DE-IM-2025-000017";
  german.type = cites::DocumentType::kImport;
  german.issuer = {"BfN", "DE"};
  const std::string delivery =
      nlohmann::json{{"permit", cites::PermitToJson(german)}, {"state", "issued"}, {"token", "t"}}.dump();
  REQUIRE(Send(*stub, kit.Message("permit.deliver", delivery, kNow), &response).ok());
  CHECK(fixture.Count("SELECT count(*) FROM cites.received_permits WHERE number = 'DE-IM-2025-000017'") == 1);
  CHECK(fixture.Count("SELECT count(*) FROM cites.outbox WHERE topic = 'cites.permit.received'") == 1);

  german.issuer = {"IBAMA", "BR"};
  const std::string not_theirs = nlohmann::json{{"permit", cites::PermitToJson(german)}}.dump();
  CHECK_THAT(Send(*stub, kit.Message("permit.deliver", not_theirs, kNow), &response).error_message(),
             Catch::Contains("exchange.not_partner_permit"));
}

TEST_CASE("an issued permit for a partner is delivered signed, retried with backoff, then dead") {
  CitesFixture fixture;
  auto stub = fixture.Stub();
  const PartnerKit kit;
  RegisterPartner(*stub, kit);
  const auto first = DraftAndIssue(*stub, MahoganyExport());
  REQUIRE(fixture.Count("SELECT count(*) FROM cites.deliveries WHERE state = 'pending'") == 1);

  pg::Pool pool({.url = fixture.db.url(), .size = 2, .prepared = [] {
                   auto prepared = cites::DeliveryStore::PreparedStatements();
                   for (auto& s : cites::PartnerStore::PreparedStatements()) prepared.push_back(s);
                   return prepared;
                 }()});
  security::AuditLog audit("cites");
  cites::DeliveryStore deliveries(pool, audit, fixture.clock, {.max_attempts = 3});
  std::ifstream pem(fixture.pki + "/signing/cites.pem");
  std::stringstream text;
  text << pem.rdbuf();
  const auto our_key = security::Ed25519Key::FromPrivatePem(text.str());
  REQUIRE(our_key.ok());

  int calls = 0;
  const cites::DeliverySender failing = [&](const cites::Partner& partner, const cites::OutboundMessage&) {
    ++calls;
    CHECK(partner.country == "DE");
    return core::Status(core::Error{core::ErrorKind::kUnavailable, "connection refused", ""});
  };
  CHECK(deliveries.RunOnce(failing, *our_key, 10) == 0);
  CHECK(deliveries.RunOnce(failing, *our_key, 10) == 0);
  CHECK(calls == 1);  // not due again before the backoff
  fixture.clock.Advance(std::chrono::seconds(31));
  deliveries.RunOnce(failing, *our_key, 10);
  fixture.clock.Advance(std::chrono::seconds(61));
  deliveries.RunOnce(failing, *our_key, 10);
  CHECK(calls == 3);
  const auto dead = deliveries.List("dead", 10);
  REQUIRE(dead.size() == 1);
  CHECK(dead[0].permit_number == first.number());
  CHECK(dead[0].last_error == "connection refused");
  CHECK(fixture.Count("SELECT count(*) FROM cites.audit_log WHERE action = 'exchange.delivery_dead'") == 1);

  DraftAndIssue(*stub, MahoganyExport());
  const cites::DeliverySender verifying = [&](const cites::Partner&, const cites::OutboundMessage& message) {
    const auto signature = security::Base64UrlDecode(message.signature);
    REQUIRE(signature);
    CHECK(our_key->Verify(cites::SigningInput(message.message_id, message.timestamp, message.operation, message.body),
                          *signature));
    CHECK(nlohmann::json::parse(message.body)["state"] == "issued");
    return core::Status::Ok();
  };
  CHECK(deliveries.RunOnce(verifying, *our_key, 10) == 1);
  CHECK(deliveries.List("delivered", 10).size() == 1);
  v1::ListDeliveriesRequest list;
  list.set_state("dead");
  v1::ListDeliveriesResponse listed;
  REQUIRE(stub->ListDeliveries(Context("admin-1", {"admin"}).get(), list, &listed).ok());
  CHECK(listed.deliveries_size() == 1);
}
