#include <catch2/catch.hpp>

#include "timber_fixture.h"

using greenlane::core::ErrorKind;
using greenlane::timber::BarcodeKind;
using greenlane::timber::WaybillState;
using greenlane::timber::testing::At;
using greenlane::timber::testing::Tag;
using greenlane::timber::testing::TimberDatabase;
namespace store = greenlane::timber::store;

namespace {

const std::vector<std::string> kPhotos = {"photos/load.jpg", "photos/plate.jpg", "photos/tags.jpg"};

std::string PieceState(TimberDatabase& db, const std::string& barcode) {
  return db.Text("SELECT state || ':' || coalesce(document, '-') FROM timber.pieces WHERE barcode = '" + barcode + "'");
}

}  // namespace

TEST_CASE("a tree goes from the concession to an export certificate, every step audited") {
  TimberDatabase db;
  const auto tree = Tag(BarcodeKind::kTree, 1);
  db.RegisterTree(tree, TimberDatabase::kOkoume, 100);
  auto stump = db.felling.Fell(
      {.tree = tree, .stump = Tag(BarcodeKind::kStump, 1), .felled_at = db.clock.Now(), .location = {11.1, -0.5}},
      db.officer);
  REQUIRE(stump.ok());
  CHECK(stump->anomalies.empty());

  const auto log_a = Tag(BarcodeKind::kLog, 1);
  const auto log_b = Tag(BarcodeKind::kLog, 2);
  auto logs = db.felling.CutLogs(
      {.parent = tree,
       .site_id = db.forest_id,
       .logs = {{log_a, TimberDatabase::kOkoume, {80, 60, 1000}}, {log_b, TimberDatabase::kOkoume, {80, 60, 1000}}}},
      db.officer);
  REQUIRE(logs.ok());
  CHECK(logs->value[0].volume.dm3 == 3848);

  // 11:00 local time at the forest camp (UTC+1): daylight.
  const auto waybill = Tag(BarcodeKind::kWaybill, 1);
  auto issued = db.waybills.Issue({.barcode = waybill,
                                   .origin_site_id = db.forest_id,
                                   .destination_site_id = db.sawmill_id,
                                   .vehicle = "GA-1234-AB",
                                   .driver = "Jean Mba",
                                   .items = {log_a, log_b},
                                   .issued_at = At("2026-03-10T10:00:00Z"),
                                   .photo_refs = kPhotos},
                                  db.officer);
  REQUIRE(issued.ok());
  CHECK(PieceState(db, log_a) == "in_transit:" + waybill);
  REQUIRE(db.waybills.Depart(waybill, At("2026-03-10T10:30:00Z"), db.officer).ok());
  // 22 km in 40 minutes: 33 km/h on a forest road.
  auto delivered = db.waybills.Deliver(waybill, At("2026-03-10T12:00:00Z"),
                                       {{At("2026-03-10T10:30:00Z"), {11.1, -0.5}},
                                        {At("2026-03-10T11:10:00Z"), {11.3, -0.5}},
                                        {At("2026-03-10T11:50:00Z"), {11.5, -0.5}}},
                                       db.officer);
  REQUIRE(delivered.ok());
  CHECK(delivered->value.state == WaybillState::kDelivered);
  CHECK(delivered->anomalies.empty());
  CHECK(PieceState(db, log_a) == "at_site:-");

  // 7.696 m³ of okoume sawn at most 40 %: 3 m³ of boards needs 7.5 m³ of logs.
  const auto lot = Tag(BarcodeKind::kLot, 1);
  auto run = db.processing.Record({.sawmill_site_id = db.sawmill_id,
                                   .processed_at = At("2026-03-11T08:00:00Z"),
                                   .input_logs = {log_a, log_b},
                                   .outputs = {{lot, TimberDatabase::kOkoume, "sawn", {3000}}}},
                                  db.officer);
  REQUIRE(run.ok());
  CHECK(PieceState(db, log_a) == "processed:-");

  const auto certificate = Tag(BarcodeKind::kCertificate, 1);
  auto issued_certificate = db.certificates.Issue({.barcode = certificate,
                                                   .items = {lot},
                                                   .hs_code = "4407.29",
                                                   .destination_country = "FR",
                                                   .container = "MSCU1234565",
                                                   .cites_permit = std::nullopt,
                                                   .issued_at = At("2026-03-12T08:00:00Z")},
                                                  db.officer);
  REQUIRE(issued_certificate.ok());
  REQUIRE(db.certificates.Ship(certificate, At("2026-03-13T08:00:00Z"), db.officer).ok());
  CHECK(PieceState(db, lot) == "exported:" + certificate);

  // The certificate's event waits in the outbox with what consumers need.
  CHECK(db.Count("SELECT count(*) FROM timber.outbox WHERE topic = 'timber.certificate.issued'") == 1);
  const auto payload = nlohmann::json::parse(
      db.Text("SELECT payload::text FROM timber.outbox WHERE topic = 'timber.certificate.issued'"));
  CHECK(payload["barcode"] == certificate);
  CHECK(payload["volume_dm3"] == 3000);
  CHECK(payload["items"][0]["species"] == TimberDatabase::kOkoume);
  CHECK(db.Count("SELECT count(*) FROM timber.anomalies") == 0);

  // operator, 3 sites, concession, tree, felling, 2 logs, 3 waybill steps, processing, 2 certificate steps.
  const auto report = db.VerifyAudit();
  CHECK(report.ok);
  CHECK(report.rows_checked == 15);
}

TEST_CASE("a rule error rejects the step, names rule, value and limit, and stores nothing") {
  TimberDatabase db;
  const auto tree = Tag(BarcodeKind::kTree, 7);
  db.RegisterTree(tree, TimberDatabase::kOkoume, 60);  // 14 % under the 70 cm minimum; the error tier is 5 %
  const auto audit_rows = db.Count("SELECT count(*) FROM timber.audit_log");

  auto felled = db.felling.Fell(
      {.tree = tree, .stump = Tag(BarcodeKind::kStump, 7), .felled_at = db.clock.Now(), .location = {11.1, -0.5}},
      db.officer);

  REQUIRE_FALSE(felled.ok());
  CHECK(felled.error().kind == ErrorKind::kFailedPrecondition);
  CHECK_THAT(felled.error().message, Catch::Contains("felling.minimum_diameter") && Catch::Contains("14.29 %") &&
                                         Catch::Contains("5.00 %") && Catch::Contains(tree));
  CHECK(PieceState(db, tree) == "standing:-");
  CHECK(db.Count("SELECT count(*) FROM timber.pieces WHERE kind = 'stump'") == 0);
  CHECK(db.Count("SELECT count(*) FROM timber.audit_log") == audit_rows);
  CHECK(db.Count("SELECT count(*) FROM timber.anomalies") == 0);
  CHECK(db.Count("SELECT count(*) FROM timber.outbox") == 0);
}

TEST_CASE("a warning stores the step and raises an anomaly with its event") {
  TimberDatabase db;
  const auto tree = Tag(BarcodeKind::kTree, 8);
  db.RegisterTree(tree, TimberDatabase::kOkoume, 100);

  // About 20 m east of the concession's border at 11.2° E: over the 0 m warning tier, under the 50 m error tier.
  auto felled = db.felling.Fell(
      {.tree = tree, .stump = Tag(BarcodeKind::kStump, 8), .felled_at = db.clock.Now(), .location = {11.20018, -0.5}},
      db.officer);

  REQUIRE(felled.ok());
  REQUIRE(felled->anomalies.size() == 1);
  CHECK(felled->anomalies[0].rule == "felling.inside_concession");
  CHECK(PieceState(db, tree) == "felled:-");

  auto listed = db.anomalies.List({.subject = tree});
  REQUIRE(listed.ok());
  REQUIRE(listed->size() == 1);
  CHECK(listed->front().outcome.rule == "felling.inside_concession");
  CHECK(listed->front().actor == db.officer.actor);
  CHECK_THAT(listed->front().outcome.value, Catch::EndsWith(" m"));

  const auto event =
      nlohmann::json::parse(db.Text("SELECT payload::text FROM timber.outbox WHERE topic = 'timber.anomaly.raised'"));
  CHECK(event["id"] == listed->front().id);
  CHECK(event["subject"] == tree);
  CHECK(event["severity"] == "warning");
}

TEST_CASE("a delivered log moves again only on a new waybill") {
  TimberDatabase db;
  const auto logs = db.LogsAtForest(1, 100);
  const auto first = Tag(BarcodeKind::kWaybill, 100);
  store::NewWaybill request{.barcode = first,
                            .origin_site_id = db.forest_id,
                            .destination_site_id = db.sawmill_id,
                            .vehicle = "GA-1234-AB",
                            .driver = "Jean Mba",
                            .items = logs,
                            .issued_at = At("2026-03-10T10:00:00Z"),
                            .photo_refs = kPhotos};
  REQUIRE(db.waybills.Issue(request, db.officer).ok());
  REQUIRE(db.waybills.Depart(first, At("2026-03-10T10:30:00Z"), db.officer).ok());
  REQUIRE(db.waybills.Deliver(first, At("2026-03-10T12:00:00Z"), {}, db.officer).ok());

  auto reused = db.waybills.Depart(first, At("2026-03-11T10:30:00Z"), db.officer);
  REQUIRE_FALSE(reused.ok());
  CHECK(reused.error().kind == ErrorKind::kFailedPrecondition);
  CHECK_THAT(reused.error().message, Catch::Contains("delivered"));

  request.barcode = Tag(BarcodeKind::kWaybill, 101);
  request.origin_site_id = db.sawmill_id;
  request.destination_site_id = db.port_id;
  request.issued_at = At("2026-03-11T10:00:00Z");
  REQUIRE(db.waybills.Issue(request, db.officer).ok());
  CHECK(PieceState(db, logs[0]) == "in_transit:" + request.barcode);
}

TEST_CASE("a waybill issued at night from a forest site is refused") {
  TimberDatabase db;
  const auto logs = db.LogsAtForest(1, 200);
  // 20:00 UTC is 21:00 at the camp, inside the 18:30-06:00 night window.
  auto issued = db.waybills.Issue({.barcode = Tag(BarcodeKind::kWaybill, 200),
                                   .origin_site_id = db.forest_id,
                                   .destination_site_id = db.sawmill_id,
                                   .vehicle = "GA-1234-AB",
                                   .driver = "Jean Mba",
                                   .items = logs,
                                   .issued_at = At("2026-03-10T20:00:00Z"),
                                   .photo_refs = kPhotos},
                                  db.officer);
  REQUIRE_FALSE(issued.ok());
  CHECK_THAT(issued.error().message, Catch::Contains("transport.night_issue") && Catch::Contains("21:00"));
  CHECK(PieceState(db, logs[0]) == "at_site:-");
  CHECK(db.Count("SELECT count(*) FROM timber.waybills") == 0);
}

TEST_CASE("a CITES-listed species is exported only with its CITES permit") {
  TimberDatabase db;
  const auto tree = Tag(BarcodeKind::kTree, 300);
  db.RegisterTree(tree, TimberDatabase::kAfrormosia, 100);
  REQUIRE(db.felling
              .Fell({.tree = tree,
                     .stump = Tag(BarcodeKind::kStump, 300),
                     .felled_at = db.clock.Now(),
                     .location = {11.1, -0.5}},
                    db.officer)
              .ok());
  const auto log = Tag(BarcodeKind::kLog, 300);
  REQUIRE(
      db.felling
          .CutLogs(
              {.parent = tree, .site_id = db.forest_id, .logs = {{log, TimberDatabase::kAfrormosia, {90, 80, 1000}}}},
              db.officer)
          .ok());
  store::NewCertificate request{.barcode = Tag(BarcodeKind::kCertificate, 300),
                                .items = {log},
                                .hs_code = "4403.49",
                                .destination_country = "BE",
                                .container = "MSCU1234565",
                                .cites_permit = std::nullopt,
                                .issued_at = At("2026-03-12T08:00:00Z")};
  auto refused = db.certificates.Issue(request, db.officer);
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.error().message, Catch::Contains("certificate.cites_permit"));
  CHECK(PieceState(db, log) == "at_site:-");

  request.cites_permit = "GA/2026/EX/0042";
  REQUIRE(db.certificates.Issue(request, db.officer).ok());
  CHECK(PieceState(db, log) == "exported:" + request.barcode);
}

TEST_CASE("a sawmill that yields more than its logs allow is refused") {
  TimberDatabase db;
  const auto logs = db.LogsAtForest(2, 400);  // 2 × 0.126 m³ at the forest camp
  const auto waybill = Tag(BarcodeKind::kWaybill, 400);
  REQUIRE(db.waybills
              .Issue({.barcode = waybill,
                      .origin_site_id = db.forest_id,
                      .destination_site_id = db.sawmill_id,
                      .vehicle = "GA-1234-AB",
                      .driver = "Jean Mba",
                      .items = logs,
                      .issued_at = At("2026-03-10T10:00:00Z"),
                      .photo_refs = kPhotos},
                     db.officer)
              .ok());
  REQUIRE(db.waybills.Depart(waybill, At("2026-03-10T10:30:00Z"), db.officer).ok());
  REQUIRE(db.waybills.Deliver(waybill, At("2026-03-10T12:00:00Z"), {}, db.officer).ok());

  // 0.251 m³ of logs at 40 % gives at most 0.100 m³ of boards; 0.200 m³ is laundered wood.
  auto run = db.processing.Record({.sawmill_site_id = db.sawmill_id,
                                   .processed_at = At("2026-03-11T08:00:00Z"),
                                   .input_logs = logs,
                                   .outputs = {{Tag(BarcodeKind::kLot, 400), TimberDatabase::kOkoume, "sawn", {200}}}},
                                  db.officer);
  REQUIRE_FALSE(run.ok());
  CHECK_THAT(run.error().message, Catch::Contains("sawmill.yield"));
  CHECK(PieceState(db, logs[0]) == "at_site:-");
  CHECK(db.Count("SELECT count(*) FROM timber.processings") == 0);
}
