#include <catch2/catch.hpp>
#include <map>

#include "service_fixture.h"

using namespace greenlane;
using namespace greenlane::timber;
using namespace greenlane::timber::testing;
using Stub = v1::TimberService::Stub;

namespace {

// Two trees (one felled 20 m outside the concession: an anomaly), four logs trucked to the sawmill,
// one sawmill run into a lot, the lot exported. An unrelated tree with its own anomaly stays out.
struct Chain {
  std::string certificate = Tag(BarcodeKind::kCertificate, 1);
  std::string waybill = Tag(BarcodeKind::kWaybill, 1);
  std::string lot = Tag(BarcodeKind::kLot, 1);
  std::string processing_id;
};

void Require(bool ok, const std::string& what) {
  INFO(what);
  REQUIRE(ok);
}

Chain BuildChain(TimberServiceFixture& f) {
  auto& db = f.db;
  Chain chain;
  std::vector<std::string> logs;
  for (int t = 1; t <= 3; ++t) {
    const auto tree = Tag(BarcodeKind::kTree, t);
    db.RegisterTree(tree, TimberDatabase::kOkoume, 100);
    const GeoPoint where = t == 1 || t == 3 ? GeoPoint{11.20018, -0.5} : GeoPoint{11.1, -0.5};
    Require(
        db.felling
            .Fell({.tree = tree, .stump = Tag(BarcodeKind::kStump, t), .felled_at = db.clock.Now(), .location = where},
                  db.officer)
            .ok(),
        "fell");
    if (t == 3) break;  // the unrelated tree
    store::CrossCut cut{.parent = tree, .site_id = db.forest_id, .logs = {}};
    for (int i = 0; i < 2; ++i) {
      logs.push_back(Tag(BarcodeKind::kLog, t * 10 + i));
      cut.logs.push_back({logs.back(), TimberDatabase::kOkoume, {80, 60, 1000}});
    }
    Require(db.felling.CutLogs(cut, db.officer).ok(), "cut");
  }
  Require(db.waybills
              .Issue({.barcode = chain.waybill,
                      .origin_site_id = db.forest_id,
                      .destination_site_id = db.sawmill_id,
                      .vehicle = "GA-1234-AB",
                      .driver = "Jean Mba",
                      .items = logs,
                      .issued_at = At("2026-03-10T10:00:00Z"),
                      .photo_refs = kServicePhotos},
                     db.officer)
              .ok(),
          "waybill");
  Require(db.waybills.Depart(chain.waybill, At("2026-03-10T10:30:00Z"), db.officer).ok(), "depart");
  Require(db.waybills.Deliver(chain.waybill, At("2026-03-10T12:00:00Z"), {}, db.officer).ok(), "deliver");
  auto run = db.processing.Record({.sawmill_site_id = db.sawmill_id,
                                   .processed_at = At("2026-03-11T08:00:00Z"),
                                   .input_logs = logs,
                                   .outputs = {{chain.lot, TimberDatabase::kOkoume, "sawn", {6000}}}},
                                  db.officer);
  Require(run.ok(), "processing");
  chain.processing_id = run->value.id;
  v1::TimberIssueCertificateRequest issue;
  issue.set_number(chain.certificate);
  issue.add_items(chain.lot);
  issue.set_hs_code("4407.29");
  issue.set_destination_country("FR");
  issue.set_container("MSCU1234565");
  SetTime(issue.mutable_issued_at(), "2026-03-12T08:00:00Z");
  v1::TimberDocumentResponse issued;
  Require(f.Call(&Stub::IssueCertificate, issue, &issued, kTraderA).ok(), "certificate");
  return chain;
}

// GetLineage of `certificate` as an officer; the call must succeed.
v1::TimberLineage LineageOf(const TimberServiceFixture& f, const std::string& certificate, bool summary = false) {
  v1::TimberGetLineageRequest request;
  request.set_certificate(certificate);
  request.set_summary(summary);
  v1::TimberLineage lineage;
  const auto status = f.Call(&Stub::GetLineage, request, &lineage);
  INFO(status.error_message());
  REQUIRE(status.ok());
  return lineage;
}

}  // namespace

TEST_CASE("the lineage of a certificate names every lot, log, tree, concession and document, with anomalies") {
  TimberServiceFixture f;
  const auto chain = BuildChain(f);
  const auto lineage = LineageOf(f, chain.certificate);

  CHECK(lineage.certificate().number() == chain.certificate);
  CHECK(lineage.certificate().volume_dm3() == 6000);
  std::map<std::string, int> kinds;
  for (const auto& piece : lineage.pieces()) ++kinds[piece.kind()];
  CHECK(kinds == std::map<std::string, int>{{"lot", 1}, {"log", 4}, {"stump", 2}, {"tree", 2}});
  CHECK(lineage.pieces(0).barcode() == chain.lot);
  REQUIRE(lineage.concessions_size() == 1);
  CHECK(lineage.concessions(0).name() == "Ogooue Nord");
  REQUIRE(lineage.waybills_size() == 1);
  CHECK(lineage.waybills(0).number() == chain.waybill);
  CHECK(lineage.waybills(0).items_in_lineage() == 4);
  CHECK(lineage.waybills(0).state() == "delivered");
  REQUIRE(lineage.processings_size() == 1);
  CHECK(lineage.processings(0).id() == chain.processing_id);
  CHECK(lineage.processings(0).output_dm3() == 6000);
  // Tree 1 was felled outside the border; tree 3's anomaly is not behind this certificate.
  REQUIRE(lineage.anomalies_size() == 1);
  CHECK(lineage.anomalies(0).rule() == "felling.inside_concession");
  CHECK(lineage.anomalies(0).subject() == Tag(BarcodeKind::kTree, 1));
}

TEST_CASE("the lineage is scoped to the certificate's owner and refuses what is no certificate") {
  TimberServiceFixture f;
  const auto chain = BuildChain(f);
  v1::TimberGetLineageRequest request;
  request.set_certificate(chain.certificate);
  v1::TimberLineage lineage;
  CHECK(f.Call(&Stub::GetLineage, request, &lineage, kTraderA).ok());
  CHECK(f.Call(&Stub::GetLineage, request, &lineage, kTraderB).error_code() == grpc::StatusCode::NOT_FOUND);
  request.set_certificate(chain.waybill);
  const auto not_certificate = f.Call(&Stub::GetLineage, request, &lineage);
  CHECK(not_certificate.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK_THAT(not_certificate.error_message(), Catch::Contains("certificate"));
  request.set_certificate(Tag(BarcodeKind::kCertificate, 2));
  CHECK(f.Call(&Stub::GetLineage, request, &lineage).error_code() == grpc::StatusCode::NOT_FOUND);
}

TEST_CASE("the lineage's copy of each piece is the piece as stored, and follows a change of its custody") {
  TimberServiceFixture f;
  const auto chain = BuildChain(f);
  auto lineage = LineageOf(f, chain.certificate);
  REQUIRE(lineage.pieces_size() == 9);
  for (const auto& piece : lineage.pieces()) {
    v1::TimberGetPieceRequest get;
    get.set_barcode(piece.barcode());
    v1::TimberPiece stored;
    REQUIRE(f.Call(&Stub::GetPiece, get, &stored).ok());
    INFO(piece.barcode());
    CHECK(piece.SerializeAsString() == stored.SerializeAsString());
  }

  // No step moves wood behind an issued certificate, so the change is made by hand: whatever
  // changes a piece's custody, the lineage answers it.
  {
    pqxx::work tx(f.db.connection);
    tx.exec_params("UPDATE timber.pieces SET state = 'at_site', site_id = $2::uuid, document = NULL WHERE barcode = $1",
                   chain.lot, f.db.port_id);
    tx.commit();
  }
  lineage = LineageOf(f, chain.certificate);
  REQUIRE(lineage.pieces(0).barcode() == chain.lot);
  CHECK(lineage.pieces(0).state() == "at_site");
  CHECK(lineage.pieces(0).site_id() == f.db.port_id);
  CHECK(lineage.pieces(0).document().empty());
}

TEST_CASE("a summary lineage leaves out the pieces and keeps everything else, anomalies on pieces included") {
  TimberServiceFixture f;
  const auto chain = BuildChain(f);
  auto full = LineageOf(f, chain.certificate);
  auto summary = LineageOf(f, chain.certificate, true);
  CHECK(summary.pieces_size() == 0);
  full.clear_pieces();
  full.mutable_certificate()->clear_token();  // signed at each call
  summary.mutable_certificate()->clear_token();
  CHECK(summary.SerializeAsString() == full.SerializeAsString());
  REQUIRE(summary.anomalies_size() == 1);
  CHECK(summary.anomalies(0).subject() == Tag(BarcodeKind::kTree, 1));
}

TEST_CASE("GetLineages answers each request as GetLineage would, in order, and refuses more than 100") {
  TimberServiceFixture f;
  const auto chain = BuildChain(f);
  v1::TimberGetLineagesRequest many;
  for (const auto& certificate : {chain.certificate, chain.waybill, Tag(BarcodeKind::kCertificate, 2)}) {
    auto* request = many.add_requests();
    request->set_certificate(certificate);
    request->set_summary(true);
  }
  v1::TimberGetLineagesResponse answers;
  REQUIRE(f.Call(&Stub::GetLineages, many, &answers, kTraderA).ok());
  REQUIRE(answers.answers_size() == 3);
  CHECK(answers.answers(0).code() == grpc::StatusCode::OK);
  auto alone = LineageOf(f, chain.certificate, true);
  auto batched = answers.answers(0).response();
  alone.mutable_certificate()->clear_token();  // signed at each call
  batched.mutable_certificate()->clear_token();
  CHECK(batched.SerializeAsString() == alone.SerializeAsString());
  CHECK(answers.answers(1).code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK_THAT(answers.answers(1).message(), Catch::Contains("certificate"));
  CHECK_FALSE(answers.answers(1).has_response());
  CHECK(answers.answers(2).code() == grpc::StatusCode::NOT_FOUND);

  // A trader sees only its own certificates, in a batch as alone.
  answers.Clear();
  REQUIRE(f.Call(&Stub::GetLineages, many, &answers, kTraderB).ok());
  CHECK(answers.answers(0).code() == grpc::StatusCode::NOT_FOUND);

  while (many.requests_size() <= 100) *many.add_requests() = many.requests(0);
  const auto too_many = f.Call(&Stub::GetLineages, many, &answers);
  CHECK(too_many.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK_THAT(too_many.error_message(), Catch::Contains("requests: at most 100 per call"));
}
