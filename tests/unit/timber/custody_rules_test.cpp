#include <catch2/catch.hpp>

#include "domain/lifecycle.h"
#include "domain/rules/custody.h"
#include "test_support.h"

using namespace greenlane::timber;
using greenlane::timber::testing::Tag;

namespace {

const Barcode kLog = Tag(BarcodeKind::kLog, 1);
const Barcode kOpenWaybill = Tag(BarcodeKind::kWaybill, 10);
const Barcode kCertificate = Tag(BarcodeKind::kCertificate, 20);

}  // namespace

TEST_CASE("a log resting at the waybill's origin may be loaded") {
  const auto outcome = CheckLoadable(kLog, {.state = PieceState::kAtSite, .site_id = "forest-1"}, "forest-1");
  CHECK(outcome.rule == "custody.transport");
  CHECK(outcome.severity == Severity::kPass);
}

TEST_CASE("a log on an open waybill cannot be loaded again until delivered") {
  const auto outcome = CheckLoadable(
      kLog, {.state = PieceState::kInTransit, .site_id = "forest-1", .document = kOpenWaybill}, "forest-1");
  CHECK(outcome.severity == Severity::kError);
  CHECK(outcome.value == "in transit");
  CHECK(outcome.message.find("still on open waybill " + kOpenWaybill.text()) != std::string::npos);
  CHECK(outcome.message.find("deliver that waybill first") != std::string::npos);
}

TEST_CASE("a delivered log moves again only from where it was delivered") {
  const Custody delivered{.state = PieceState::kAtSite, .site_id = "sawmill-1"};
  CHECK(CheckLoadable(kLog, delivered, "sawmill-1").severity == Severity::kPass);
  const auto elsewhere = CheckLoadable(kLog, delivered, "forest-1");
  CHECK(elsewhere.severity == Severity::kError);
  CHECK(elsewhere.message.find("not at the waybill's origin forest-1") != std::string::npos);
}

TEST_CASE("exported or consumed wood cannot travel") {
  CHECK(CheckLoadable(kLog, {.state = PieceState::kExported, .site_id = "port-1", .document = kCertificate}, "port-1")
            .rejected());
  CHECK(CheckLoadable(kLog, {.state = PieceState::kCrossCut, .site_id = "forest-1"}, "forest-1").rejected());
  CHECK(CheckLoadable(kLog, {.state = PieceState::kProcessed, .site_id = "sawmill-1"}, "sawmill-1").rejected());
}

TEST_CASE("a log is exported once, after it was delivered") {
  CHECK(CheckExportable(kLog, {.state = PieceState::kAtSite, .site_id = "port-1"}).severity == Severity::kPass);
  const auto twice =
      CheckExportable(kLog, {.state = PieceState::kExported, .site_id = "port-1", .document = kCertificate});
  CHECK(twice.rule == "custody.export");
  CHECK(twice.severity == Severity::kError);
  CHECK(twice.message.find("already exported under certificate " + kCertificate.text()) != std::string::npos);
  CHECK(CheckExportable(kLog, {.state = PieceState::kInTransit, .document = kOpenWaybill}).rejected());
  CHECK(CheckExportable(kLog, {.state = PieceState::kProcessed, .site_id = "sawmill-1"}).rejected());
}

TEST_CASE("a waybill goes issued, in transit, delivered, and never departs twice") {
  auto state = NextWaybillState(WaybillState::kIssued, WaybillEvent::kDepart);
  REQUIRE(state.ok());
  CHECK(*state == WaybillState::kInTransit);
  state = NextWaybillState(*state, WaybillEvent::kDeliver);
  REQUIRE(state.ok());
  CHECK(*state == WaybillState::kDelivered);
  auto second_trip = NextWaybillState(*state, WaybillEvent::kDepart);
  REQUIRE_FALSE(second_trip.ok());
  CHECK(second_trip.error().kind == greenlane::core::ErrorKind::kFailedPrecondition);
  CHECK(second_trip.error().message.find("a waybill that is delivered cannot depart") != std::string::npos);
  CHECK(second_trip.error().message.find("a new trip needs a new waybill") != std::string::npos);
}

TEST_CASE("a waybill is cancelled only before the truck leaves") {
  CHECK(NextWaybillState(WaybillState::kIssued, WaybillEvent::kCancel).value() == WaybillState::kCancelled);
  CHECK_FALSE(NextWaybillState(WaybillState::kInTransit, WaybillEvent::kCancel).ok());
  CHECK_FALSE(NextWaybillState(WaybillState::kCancelled, WaybillEvent::kDepart).ok());
  CHECK_FALSE(NextWaybillState(WaybillState::kIssued, WaybillEvent::kDeliver).ok());
}

TEST_CASE("an export certificate ships once") {
  CHECK(NextCertificateState(CertificateState::kIssued, CertificateEvent::kShip).value() == CertificateState::kShipped);
  auto again = NextCertificateState(CertificateState::kShipped, CertificateEvent::kShip);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().message ==
        "a certificate that is shipped cannot ship; the allowed steps are issued -> shipped, once");
}
