#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "greenlane/security/jws.h"
#include "service_fixture.h"

using namespace greenlane;
using namespace greenlane::timber;
using namespace greenlane::timber::testing;

namespace {

v1::TimberVerification Verify(const TimberServiceFixture& f, const std::string& token) {
  v1::TimberVerifyTokenRequest request;
  request.set_token(token);
  v1::TimberVerification response;
  REQUIRE(f.Call(&v1::TimberService::Stub::VerifyToken, request, &response).ok());
  return response;
}

std::string Issue(const TimberServiceFixture& f, const std::string& number, const std::vector<std::string>& items) {
  v1::TimberDocumentResponse response;
  const auto status = f.Call(&v1::TimberService::Stub::IssueWaybill, WaybillRequest(f.db, number, items), &response);
  INFO(status.error_message());
  REQUIRE(status.ok());
  REQUIRE_FALSE(response.document().token().empty());
  return response.document().token();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The public key of the timber signing key, as the dev PKI publishes it.
security::KeySet OfflineKeys(const TimberServiceFixture& f) {
  security::KeySet keys;
  keys.Add(*security::Ed25519Key::FromPublicPem(ReadFile(f.pki + "/signing/timber.pub.pem")));
  return keys;
}

}  // namespace

TEST_CASE("a waybill's QR token verifies online with its public fields, and offline with the public key alone") {
  TimberServiceFixture f;
  const auto logs = f.db.LogsAtForest(2, 100);
  const auto number = Tag(BarcodeKind::kWaybill, 1);
  const auto token = Issue(f, number, logs);

  const auto online = Verify(f, token);
  CHECK(online.signature_ok());
  CHECK(online.status() == "valid");
  CHECK(online.document().number() == number);
  CHECK(online.document().volume_dm3() == 252);  // two logs of 40 cm x 1 m
  REQUIRE(online.document().species_size() == 1);
  CHECK(online.document().species(0) == TimberDatabase::kOkoume);
  CHECK(online.document().origin() == "Camp Ogooue");
  CHECK(online.document().destination() == "Scierie Est");
  CHECK(online.document().vehicle() == "GA-1234-AB");
  CHECK(online.document().valid_until().seconds() == core::ToUnixSeconds(At("2026-03-13T10:00:00Z")));

  // What a roadside app does without network: the JWKS (or PEM) of the timber key and nothing else.
  const auto verified = security::VerifyJws(OfflineKeys(f), token);
  REQUIRE(verified.ok());
  CHECK(verified->payload["num"] == number);
  CHECK(verified->payload["vol_m3"] == "0.252");
  CHECK(verified->payload["vehicle"] == "GA-1234-AB");
  CHECK(verified->payload["exp"] == core::ToUnixSeconds(At("2026-03-13T10:00:00Z")));

  // The same token again from GetDocument: the token is a function of the document.
  v1::TimberGetDocumentRequest get;
  get.set_number(number);
  v1::TimberDocument document;
  REQUIRE(f.Call(&v1::TimberService::Stub::GetDocument, get, &document).ok());
  CHECK(document.token() == token);
}

TEST_CASE("a tampered token or one signed by another key is refused") {
  TimberServiceFixture f;
  const auto token = Issue(f, Tag(BarcodeKind::kWaybill, 1), f.db.LogsAtForest(1, 100));

  auto tampered = token;
  const auto payload_at = tampered.find('.') + 10;
  tampered[payload_at] = tampered[payload_at] == 'A' ? 'B' : 'A';
  const auto forged = Verify(f, tampered);
  CHECK_FALSE(forged.signature_ok());
  CHECK(forged.status() == "invalid_signature");
  CHECK_FALSE(forged.reason().empty());
  CHECK(forged.document().number().empty());

  // A forger with his own key copies the claims: the kid is not the timber key's.
  const auto claims = security::VerifyJws(OfflineKeys(f), token);
  REQUIRE(claims.ok());
  const auto other = security::SignJws(security::Ed25519Key::Generate(), claims->payload);
  const auto wrong_key = Verify(f, other);
  CHECK_FALSE(wrong_key.signature_ok());
  CHECK(wrong_key.status() == "invalid_signature");
  CHECK_THAT(wrong_key.reason(), Catch::Contains("kid"));

  CHECK(Verify(f, "not a token").status() == "invalid_signature");
}

TEST_CASE("a genuine token of a cancelled, delivered or expired waybill says so") {
  TimberServiceFixture f;
  const auto cancelled_number = Tag(BarcodeKind::kWaybill, 1);
  const auto cancelled = Issue(f, cancelled_number, f.db.LogsAtForest(1, 100));
  v1::TimberCancelWaybillRequest cancel;
  cancel.set_number(cancelled_number);
  v1::TimberDocumentResponse response;
  REQUIRE(f.Call(&v1::TimberService::Stub::CancelWaybill, cancel, &response).ok());
  const auto after_cancel = Verify(f, cancelled);
  CHECK(after_cancel.signature_ok());
  CHECK(after_cancel.status() == "cancelled");
  CHECK(after_cancel.document().state() == "cancelled");

  const auto delivered_number = Tag(BarcodeKind::kWaybill, 2);
  const auto delivered = Issue(f, delivered_number, f.db.LogsAtForest(1, 200));
  v1::TimberDepartWaybillRequest depart;
  depart.set_number(delivered_number);
  SetTime(depart.mutable_departed_at(), "2026-03-10T10:30:00Z");
  REQUIRE(f.Call(&v1::TimberService::Stub::DepartWaybill, depart, &response).ok());
  v1::TimberDeliverWaybillRequest deliver;
  deliver.set_number(delivered_number);
  SetTime(deliver.mutable_arrived_at(), "2026-03-10T12:00:00Z");
  REQUIRE(f.Call(&v1::TimberService::Stub::DeliverWaybill, deliver, &response).ok());
  const auto after_delivery = Verify(f, delivered);
  CHECK(after_delivery.signature_ok());
  CHECK(after_delivery.status() == "delivered");
  CHECK_THAT(after_delivery.reason(), Catch::Contains("second trip"));

  const auto open_number = Tag(BarcodeKind::kWaybill, 3);
  const auto open = Issue(f, open_number, f.db.LogsAtForest(1, 300));
  CHECK(Verify(f, open).status() == "valid");
  f.db.clock.Set(At("2026-03-13T10:00:01Z"));  // 72 h after issue
  CHECK(Verify(f, open).status() == "expired");
}

TEST_CASE("the public window finds a waybill by its number") {
  TimberServiceFixture f;
  const auto number = Tag(BarcodeKind::kWaybill, 1);
  Issue(f, number, f.db.LogsAtForest(1, 100));
  v1::TimberLookupWaybillRequest request;
  request.set_number(number);
  v1::TimberVerification response;
  REQUIRE(f.Call(&v1::TimberService::Stub::LookupWaybill, request, &response, {"anonymous", {"public"}}).ok());
  CHECK(response.status() == "valid");
  CHECK(response.document().vehicle() == "GA-1234-AB");
  CHECK(response.document().volume_dm3() == 126);

  request.set_number(Tag(BarcodeKind::kWaybill, 2));
  CHECK(f.Call(&v1::TimberService::Stub::LookupWaybill, request, &response).error_code() ==
        grpc::StatusCode::NOT_FOUND);
  request.set_number(Tag(BarcodeKind::kLog, 2));
  const auto not_a_waybill = f.Call(&v1::TimberService::Stub::LookupWaybill, request, &response);
  CHECK(not_a_waybill.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK_THAT(not_a_waybill.error_message(), Catch::Contains("number"));
}
