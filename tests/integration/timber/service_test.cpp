#include <catch2/catch.hpp>

#include "service_fixture.h"

using namespace greenlane;
using namespace greenlane::timber;
using namespace greenlane::timber::testing;
using Stub = v1::TimberService::Stub;

TEST_CASE("the registry is kept over gRPC by officers, and the species catalog is served") {
  TimberServiceFixture f;
  v1::TimberCreateOperatorRequest create;
  create.mutable_operator_()->set_name("Scierie du Sud");
  create.mutable_operator_()->set_country("GA");
  create.mutable_operator_()->set_registration_number("RCCM-2");
  v1::TimberOperator created;
  REQUIRE(f.Call(&Stub::CreateOperator, create, &created).ok());
  CHECK_FALSE(created.id().empty());

  v1::TimberCreateSiteRequest site;
  site.mutable_site()->set_operator_id(created.id());
  site.mutable_site()->set_name("Scierie Sud");
  site.mutable_site()->set_kind("sawmill");
  site.mutable_site()->mutable_location()->set_longitude(10.0);
  site.mutable_site()->mutable_location()->set_latitude(-1.0);
  v1::TimberSite made;
  REQUIRE(f.Call(&Stub::CreateSite, site, &made).ok());
  CHECK(made.kind() == "sawmill");
  site.mutable_site()->set_kind("garage");
  const auto bad_kind = f.Call(&Stub::CreateSite, site, &made);
  CHECK(bad_kind.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK_THAT(bad_kind.error_message(), Catch::Contains("site.kind"));

  v1::TimberCreateConcessionRequest concession;
  auto* c = concession.mutable_concession();
  c->set_operator_id(created.id());
  c->set_name("Ngounie Sud");
  c->set_geometry_geojson(R"({"type":"Polygon","coordinates":[[[10,-1],[10.1,-1],[10.1,-0.9],[10,-1]]]})");
  SetTime(c->mutable_valid_from(), "2026-01-01T00:00:00Z");
  SetTime(c->mutable_valid_until(), "2030-01-01T00:00:00Z");
  auto* cut = c->add_allowable_cuts();
  cut->set_year(2026);
  cut->set_species(TimberDatabase::kOkoume);
  cut->set_volume_dm3(1000000);
  v1::TimberConcession granted;
  REQUIRE(f.Call(&Stub::CreateConcession, concession, &granted).ok());
  CHECK_FALSE(granted.id().empty());
  c->set_name("Broken");
  c->set_geometry_geojson("{not json");
  const auto broken = f.Call(&Stub::CreateConcession, concession, &granted);
  CHECK(broken.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK_THAT(broken.error_message(), Catch::Contains("geometry_geojson"));

  v1::TimberListSpeciesResponse species;
  REQUIRE(f.Call(&Stub::ListSpecies, v1::TimberListSpeciesRequest{}, &species).ok());
  bool afrormosia_listed = false;
  for (const auto& s : species.species()) {
    if (s.scientific_name() == TimberDatabase::kAfrormosia) afrormosia_listed = s.cites_appendix() == "II";
  }
  CHECK(afrormosia_listed);
}

TEST_CASE("forest steps over gRPC answer the pieces stored, their warnings, and name a refusing rule") {
  TimberServiceFixture f;
  v1::TimberRegisterTreeRequest tree;
  tree.set_barcode(Tag(BarcodeKind::kTree, 1));
  tree.set_concession_id(f.db.concession_id);
  tree.set_species(TimberDatabase::kOkoume);
  tree.set_dbh_cm(100);
  tree.set_bole_height_cm(2000);
  tree.mutable_location()->set_longitude(11.1);
  tree.mutable_location()->set_latitude(-0.5);
  v1::TimberStepResponse step;
  REQUIRE(f.Call(&Stub::RegisterTree, tree, &step).ok());
  REQUIRE(step.pieces_size() == 1);
  CHECK(step.pieces(0).state() == "standing");
  CHECK(step.pieces(0).kind() == "tree");

  // About 20 m outside the border: accepted with a warning.
  v1::TimberFellTreeRequest fell;
  fell.set_tree(Tag(BarcodeKind::kTree, 1));
  fell.set_stump(Tag(BarcodeKind::kStump, 1));
  SetTime(fell.mutable_felled_at(), "2026-03-10T09:00:00Z");
  fell.mutable_location()->set_longitude(11.20018);
  fell.mutable_location()->set_latitude(-0.5);
  REQUIRE(f.Call(&Stub::FellTree, fell, &step).ok());
  REQUIRE(step.anomalies_size() == 1);
  CHECK(step.anomalies(0).rule() == "felling.inside_concession");
  CHECK(step.anomalies(0).severity() == "warning");

  v1::TimberCutLogsRequest cut;
  cut.set_parent(Tag(BarcodeKind::kTree, 1));
  cut.set_site_id(f.db.forest_id);
  auto* log = cut.add_logs();
  log->set_barcode(Tag(BarcodeKind::kLog, 1));
  log->set_species(TimberDatabase::kOkoume);
  log->set_butt_diameter_cm(80);
  log->set_top_diameter_cm(60);
  log->set_length_cm(1000);
  REQUIRE(f.Call(&Stub::CutLogs, cut, &step).ok());
  REQUIRE(step.pieces_size() == 1);
  CHECK(step.pieces(0).volume_dm3() == 3848);
  CHECK(step.pieces(0).parent() == Tag(BarcodeKind::kTree, 1));
  CHECK(step.pieces(0).state() == "at_site");

  // 50 cm okoume, minimum 70 cm: refused, nothing stored.
  tree.set_barcode(Tag(BarcodeKind::kTree, 2));
  tree.set_dbh_cm(50);
  REQUIRE(f.Call(&Stub::RegisterTree, tree, &step).ok());
  fell.set_tree(Tag(BarcodeKind::kTree, 2));
  fell.set_stump(Tag(BarcodeKind::kStump, 2));
  fell.mutable_location()->set_longitude(11.1);
  const auto refused = f.Call(&Stub::FellTree, fell, &step);
  CHECK(refused.error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  CHECK_THAT(refused.error_message(), Catch::Contains("felling.minimum_diameter"));
  v1::TimberGetPieceRequest get;
  get.set_barcode(Tag(BarcodeKind::kTree, 2));
  v1::TimberPiece piece;
  REQUIRE(f.Call(&Stub::GetPiece, get, &piece).ok());
  CHECK(piece.state() == "standing");
  get.set_barcode(Tag(BarcodeKind::kLog, 99));
  CHECK(f.Call(&Stub::GetPiece, get, &piece).error_code() == grpc::StatusCode::NOT_FOUND);
}

TEST_CASE("officers page through anomalies, traders may not list them") {
  TimberServiceFixture f;
  for (int i = 1; i <= 3; ++i) {
    const auto tree = Tag(BarcodeKind::kTree, i);
    f.db.RegisterTree(tree, TimberDatabase::kOkoume, 100);
    REQUIRE(f.db.felling
                .Fell({.tree = tree,
                       .stump = Tag(BarcodeKind::kStump, i),
                       .felled_at = f.db.clock.Now(),
                       .location = {11.20018, -0.5}},
                      f.db.officer)
                .ok());
  }
  v1::TimberListAnomaliesRequest request;
  request.set_rule("felling.inside_concession");
  request.mutable_page()->set_page_size(2);
  v1::TimberListAnomaliesResponse first, second;
  REQUIRE(f.Call(&Stub::ListAnomalies, request, &first).ok());
  CHECK(first.anomalies_size() == 2);
  REQUIRE_FALSE(first.page().next_page_token().empty());
  request.mutable_page()->set_page_token(first.page().next_page_token());
  REQUIRE(f.Call(&Stub::ListAnomalies, request, &second).ok());
  CHECK(second.anomalies_size() == 1);
  CHECK(second.page().next_page_token().empty());
  CHECK(second.anomalies(0).subject() == Tag(BarcodeKind::kTree, 3));

  request.mutable_page()->set_page_token("forged");
  CHECK(f.Call(&Stub::ListAnomalies, request, &second).error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(f.Call(&Stub::ListAnomalies, request, &second, kTraderA).error_code() == grpc::StatusCode::PERMISSION_DENIED);
}

TEST_CASE("a trader sees and changes only its own documents, and never the registry") {
  TimberServiceFixture f;
  const auto number = Tag(BarcodeKind::kWaybill, 1);
  v1::TimberDocumentResponse issued;
  REQUIRE(f.Call(&Stub::IssueWaybill, WaybillRequest(f.db, number, f.db.LogsAtForest(1, 100)), &issued, kTraderA).ok());
  CHECK(issued.document().owner() == kTraderA.actor);
  CHECK(issued.document().state() == "issued");

  v1::TimberGetDocumentRequest get;
  get.set_number(number);
  v1::TimberDocument document;
  CHECK(f.Call(&Stub::GetDocument, get, &document, kTraderA).ok());
  CHECK(f.Call(&Stub::GetDocument, get, &document, kOfficer).ok());
  const auto hidden = f.Call(&Stub::GetDocument, get, &document, kTraderB);
  CHECK(hidden.error_code() == grpc::StatusCode::NOT_FOUND);

  v1::TimberCancelWaybillRequest cancel;
  cancel.set_number(number);
  v1::TimberDocumentResponse response;
  CHECK(f.Call(&Stub::CancelWaybill, cancel, &response, kTraderB).error_code() == grpc::StatusCode::NOT_FOUND);
  CHECK(f.db.Text("SELECT state FROM timber.waybills") == "issued");
  REQUIRE(f.Call(&Stub::CancelWaybill, cancel, &response, kTraderA).ok());
  CHECK(response.document().state() == "cancelled");
  // The audit names the facade's client and the certificate it came through.
  CHECK(f.db.Count("SELECT count(*) FROM timber.audit_log WHERE action = 'waybill.cancelled' "
                   "AND actor LIKE 'trader-bois-du-nord%service-api%'") == 1);

  v1::TimberCreateOperatorRequest create;
  create.mutable_operator_()->set_name("Shell SARL");
  create.mutable_operator_()->set_country("GA");
  create.mutable_operator_()->set_registration_number("RCCM-9");
  v1::TimberOperator created;
  const auto denied = f.Call(&Stub::CreateOperator, create, &created, kTraderA);
  CHECK(denied.error_code() == grpc::StatusCode::PERMISSION_DENIED);
  CHECK_THAT(denied.error_message(), Catch::Contains(kTraderA.actor));
}

TEST_CASE("only other services' certificates may call timber") {
  TimberServiceFixture f;
  v1::TimberListSpeciesResponse species;
  const auto status = f.Call(&Stub::ListSpecies, v1::TimberListSpeciesRequest{}, &species, kOfficer, "gateway-demo");
  CHECK(status.error_code() == grpc::StatusCode::PERMISSION_DENIED);
  CHECK_THAT(status.error_message(), Catch::Contains("gateway-demo"));
}
