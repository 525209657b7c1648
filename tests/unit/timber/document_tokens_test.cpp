#include "api/document_tokens.h"

#include <catch2/catch.hpp>

#include "greenlane/security/jws.h"

using namespace greenlane;
using namespace greenlane::timber;

namespace {

core::TimePoint At(const char* text) { return *core::ParseRfc3339(text); }

store::DocumentView WaybillView(const char* state) {
  store::DocumentView view;
  view.number = "WB-GA-000000001-X";
  view.kind = BarcodeKind::kWaybill;
  view.state = state;
  view.species = {"Aucoumea klaineana"};
  view.volume = {1234};
  view.issued_at = At("2026-03-10T10:00:00Z");
  view.origin_name = "Camp Ogooue";
  view.destination_name = "Scierie Est";
  view.vehicle = "GA-1234-AB";
  return view;
}

}  // namespace

TEST_CASE("a token holds the document's public fields and verifies only with the signing key") {
  const auto key = security::Ed25519Key::Generate();
  const DocumentTokens tokens(key, std::chrono::hours(72), std::chrono::hours(24));
  const auto token = tokens.Sign(WaybillView("issued"));
  CHECK(token.size() < 600);  // fits a QR code with room to spare

  const auto claims = tokens.Verify(token);
  REQUIRE(claims.ok());
  CHECK((*claims)["vol_m3"] == "1.234");
  CHECK((*claims)["origin"] == "Camp Ogooue");
  CHECK((*claims)["exp"] == core::ToUnixSeconds(At("2026-03-13T10:00:00Z")));
  CHECK(tokens.Sign(WaybillView("issued")) == token);

  const DocumentTokens other(security::Ed25519Key::Generate(), std::chrono::hours(72), std::chrono::hours(24));
  CHECK_FALSE(other.Verify(token).ok());
  // Genuine signature, claims not made by timber.
  const auto foreign = security::SignJws(key, {{"sub", "someone"}});
  const auto refused = tokens.Verify(foreign);
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.error().message, Catch::Contains("num"));
}

TEST_CASE("a document is valid until its token expires, unless cancelled or already delivered") {
  const auto until = At("2026-03-13T10:00:00Z");
  CHECK(AssessDocument(WaybillView("issued"), until, At("2026-03-11T00:00:00Z")) == DocumentStatus::kValid);
  CHECK(AssessDocument(WaybillView("in_transit"), until, At("2026-03-11T00:00:00Z")) == DocumentStatus::kValid);
  CHECK(AssessDocument(WaybillView("in_transit"), until, until) == DocumentStatus::kExpired);
  CHECK(AssessDocument(WaybillView("cancelled"), until, At("2026-03-11T00:00:00Z")) == DocumentStatus::kCancelled);
  CHECK(AssessDocument(WaybillView("delivered"), until, At("2026-03-11T00:00:00Z")) == DocumentStatus::kDelivered);
}
