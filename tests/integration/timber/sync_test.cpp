#include <catch2/catch.hpp>
#include <thread>

#include "service_fixture.h"
#include "sync_support.h"

using namespace greenlane;
using namespace greenlane::timber;
using namespace greenlane::timber::testing;
using Stub = v1::TimberService::Stub;

namespace {

v1::TimberRegisterTreeRequest TreeRequest(const TimberDatabase& db, const std::string& barcode) {
  v1::TimberRegisterTreeRequest tree;
  tree.set_barcode(barcode);
  tree.set_concession_id(db.concession_id);
  tree.set_species(TimberDatabase::kOkoume);
  tree.set_dbh_cm(100);
  tree.set_bole_height_cm(2000);
  tree.mutable_location()->set_longitude(11.1);
  tree.mutable_location()->set_latitude(-0.5);
  return tree;
}

v1::TimberFellTreeRequest FellRequest(const std::string& tree, const std::string& stump) {
  v1::TimberFellTreeRequest fell;
  fell.set_tree(tree);
  fell.set_stump(stump);
  SetTime(fell.mutable_felled_at(), "2026-03-10T08:00:00Z");
  fell.mutable_location()->set_longitude(11.1);
  fell.mutable_location()->set_latitude(-0.5);
  return fell;
}

struct SyncFixture : TimberServiceFixture {
  void Register(const FieldDevice& device, const std::string& owner = {}) {
    v1::TimberDevice registered;
    const auto status = Call(&Stub::RegisterDevice, device.Registration(db.operator_id, owner), &registered);
    REQUIRE(status.ok());
  }

  v1::TimberSyncResponse Sync(const std::string& device, const std::vector<v1::TimberSyncRecord>& records,
                              const As& as = kOfficer) {
    v1::TimberSyncRequest request;
    request.set_device_id(device);
    for (const auto& record : records) *request.add_records() = record;
    v1::TimberSyncResponse response;
    const auto status = Call(&Stub::Sync, request, &response, as);
    INFO(status.error_message());
    REQUIRE(status.ok());
    return response;
  }

  std::int64_t AuditRows() { return db.Count("SELECT count(*) FROM timber.audit_log"); }
};

}  // namespace

TEST_CASE("a synced batch is applied in sequence order, and sending it again changes nothing") {
  SyncFixture f;
  const FieldDevice tablet{"tablet-ogooue-1"};
  f.Register(tablet);
  const auto tree = Tag(BarcodeKind::kTree, 501), stump = Tag(BarcodeKind::kStump, 501);
  // Out of order on purpose: the felling (sequence 2) needs the tree (sequence 1).
  const std::vector<v1::TimberSyncRecord> batch = {tablet.Record(2, "fell_tree", FellRequest(tree, stump)),
                                                   tablet.Record(1, "register_tree", TreeRequest(f.db, tree))};
  const auto first = f.Sync(tablet.id, batch);
  REQUIRE(first.results_size() == 2);
  CHECK(first.results(0).sequence() == 1);
  CHECK(first.results(0).status() == "accepted");
  CHECK(first.results(1).status() == "accepted");
  CHECK_FALSE(first.results(1).replayed());
  CHECK(f.db.Text("SELECT state FROM timber.pieces WHERE barcode = '" + tree + "'") == "felled");
  const auto audit_rows = f.AuditRows();
  const auto actor =
      f.db.Text("SELECT actor FROM timber.audit_log WHERE action = 'tree.felled' AND entity_id = '" + tree + "'");
  CHECK_THAT(actor, Catch::Contains("device tablet-ogooue-1 #2"));

  const auto again = f.Sync(tablet.id, batch);
  REQUIRE(again.results_size() == 2);
  for (const auto& result : again.results()) {
    CHECK(result.status() == "accepted");
    CHECK(result.replayed());
  }
  CHECK(f.AuditRows() == audit_rows);
  CHECK(f.db.Count("SELECT count(*) FROM timber.sync_records WHERE outcome = 'accepted'") == 2);

  SECTION("the same sequence with other bytes is a conflict and applies nothing") {
    const auto other = Tag(BarcodeKind::kTree, 502);
    const auto conflict = f.Sync(tablet.id, {tablet.Record(1, "register_tree", TreeRequest(f.db, other))});
    CHECK(conflict.results(0).status() == "conflict");
    CHECK_THAT(conflict.results(0).message(), Catch::Contains("new one"));
    CHECK(f.db.Count("SELECT count(*) FROM timber.pieces WHERE barcode = '" + other + "'") == 0);
  }
}

TEST_CASE("a record refused by a rule is stored as refused and answered the same when sent again") {
  SyncFixture f;
  const FieldDevice tablet{"tablet-2"};
  f.Register(tablet);
  const auto record =
      tablet.Record(1, "fell_tree", FellRequest(Tag(BarcodeKind::kTree, 999), Tag(BarcodeKind::kStump, 601)));
  const auto first = f.Sync(tablet.id, {record});
  CHECK(first.results(0).status() == "rejected");
  CHECK_FALSE(first.results(0).rule().empty());
  const auto again = f.Sync(tablet.id, {record});
  CHECK(again.results(0).status() == "rejected");
  CHECK(again.results(0).replayed());
  CHECK(again.results(0).rule() == first.results(0).rule());
  CHECK(again.results(0).message() == first.results(0).message());

  const auto garbage = [&] {
    v1::TimberSyncRecord r;
    r.set_sequence(2);
    r.set_kind("burn_forest");
    r.set_payload("{}");
    r.set_signature(tablet.key.Sign(SyncSigningInput(tablet.id, 2, "burn_forest", "{}")));
    return r;
  }();
  const auto unknown_kind = f.Sync(tablet.id, {garbage});
  CHECK(unknown_kind.results(0).status() == "rejected");
  CHECK_THAT(unknown_kind.results(0).message(), Catch::Contains("burn_forest"));
}

TEST_CASE("a record refused in the middle of a batch leaves the records around it applied") {
  SyncFixture f;
  const FieldDevice tablet{"tablet-3"};
  f.Register(tablet);
  const auto first = Tag(BarcodeKind::kTree, 701), last = Tag(BarcodeKind::kTree, 702);
  const auto response =
      f.Sync(tablet.id,
             {tablet.Record(1, "register_tree", TreeRequest(f.db, first)),
              tablet.Record(2, "fell_tree", FellRequest(Tag(BarcodeKind::kTree, 799), Tag(BarcodeKind::kStump, 799))),
              tablet.Record(3, "register_tree", TreeRequest(f.db, last))});
  REQUIRE(response.results_size() == 3);
  CHECK(response.results(0).status() == "accepted");
  CHECK(response.results(1).status() == "rejected");
  CHECK(response.results(2).status() == "accepted");
  CHECK(f.db.Count("SELECT count(*) FROM timber.pieces WHERE barcode IN ('" + first + "', '" + last + "')") == 2);
  CHECK(f.db.Count("SELECT count(*) FROM timber.sync_records") == 3);
  CHECK(f.db.Count("SELECT count(*) FROM timber.audit_log WHERE action = 'tree.registered'") == 2);
}

TEST_CASE("a double spend across two devices is decided by first acceptance and raises an anomaly") {
  SyncFixture f;
  const FieldDevice north{"tablet-north"}, south{"tablet-south"};
  f.Register(north);
  f.Register(south);
  const auto logs = f.db.LogsAtForest(2, 700);
  const auto first_waybill = WaybillRequest(f.db, Tag(BarcodeKind::kWaybill, 701), {logs[0]});
  const auto second_waybill = WaybillRequest(f.db, Tag(BarcodeKind::kWaybill, 702), {logs[0], logs[1]});
  const auto spent = south.Record(1, "issue_waybill", second_waybill);

  const auto accepted = f.Sync(north.id, {north.Record(1, "issue_waybill", first_waybill)});
  CHECK(accepted.results(0).status() == "accepted");
  const auto rejected = f.Sync(south.id, {spent});
  REQUIRE(rejected.results(0).status() == "rejected");
  CHECK(rejected.results(0).rule() == "custody.transport");
  CHECK_THAT(rejected.results(0).message(), Catch::Contains(first_waybill.number()));
  REQUIRE(rejected.results(0).anomalies_size() == 1);
  CHECK(rejected.results(0).anomalies(0).rule() == "sync.double_spend");
  CHECK(rejected.results(0).anomalies(0).subject() == logs[0]);
  CHECK(f.db.Count("SELECT count(*) FROM timber.anomalies WHERE rule = 'sync.double_spend'") == 1);
  CHECK(f.db.Count("SELECT count(*) FROM timber.waybills WHERE barcode = '" + second_waybill.number() + "'") == 0);
  CHECK(f.db.Text("SELECT state FROM timber.pieces WHERE barcode = '" + logs[1] + "'") == "at_site");

  const auto resent = f.Sync(south.id, {spent});
  CHECK(resent.results(0).replayed());
  CHECK(resent.results(0).rule() == "custody.transport");
  CHECK(f.db.Count("SELECT count(*) FROM timber.anomalies WHERE rule = 'sync.double_spend'") == 1);
}

TEST_CASE("a tampered record or one signed by another key is refused and stores nothing") {
  SyncFixture f;
  const FieldDevice tablet{"tablet-3"};
  f.Register(tablet);
  const auto tree = Tag(BarcodeKind::kTree, 801);
  const auto genuine = tablet.Record(1, "register_tree", TreeRequest(f.db, tree));

  auto tampered = genuine;
  auto payload = tampered.payload();
  payload.replace(payload.find("100"), 3, "190");  // a bigger tree than was measured
  tampered.set_payload(payload);
  const auto refused = f.Sync(tablet.id, {tampered});
  CHECK(refused.results(0).status() == "rejected");
  CHECK(refused.results(0).rule() == "sync.signature");

  const FieldDevice impostor{"tablet-3"};  // same id, another key
  const auto wrong_key = f.Sync(tablet.id, {impostor.Record(1, "register_tree", TreeRequest(f.db, tree))});
  CHECK(wrong_key.results(0).rule() == "sync.signature");
  CHECK(f.db.Count("SELECT count(*) FROM timber.pieces WHERE barcode = '" + tree + "'") == 0);
  CHECK(f.db.Count("SELECT count(*) FROM timber.sync_records") == 0);

  // Neither used up the sequence: the genuine record still applies.
  CHECK(f.Sync(tablet.id, {genuine}).results(0).status() == "accepted");
}

TEST_CASE("devices: unknown ones, traders and bad registrations") {
  SyncFixture f;
  const FieldDevice tablet{"tablet-4"};
  v1::TimberSyncRequest request;
  request.set_device_id("tablet-never-registered");
  *request.add_records() = tablet.Record(1, "register_tree", TreeRequest(f.db, Tag(BarcodeKind::kTree, 901)));
  v1::TimberSyncResponse response;
  const auto unknown = f.Call(&Stub::Sync, request, &response);
  CHECK(unknown.error_code() == grpc::StatusCode::NOT_FOUND);
  CHECK_THAT(unknown.error_message(), Catch::Contains("tablet-never-registered"));

  v1::TimberDevice registered;
  CHECK(f.Call(&Stub::RegisterDevice, tablet.Registration(f.db.operator_id), &registered, kTraderA).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
  f.Register(tablet, kTraderA.actor);
  CHECK(f.Call(&Stub::RegisterDevice, tablet.Registration(f.db.operator_id), &registered).error_code() ==
        grpc::StatusCode::ALREADY_EXISTS);
  auto bad_key = FieldDevice{"tablet-5"}.Registration(f.db.operator_id);
  bad_key.mutable_device()->set_public_key_pem("-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----\n");
  const auto bad = f.Call(&Stub::RegisterDevice, bad_key, &registered);
  CHECK(bad.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK_THAT(bad.error_message(), Catch::Contains("public_key_pem"));

  request.set_device_id(tablet.id);
  CHECK(f.Call(&Stub::Sync, request, &response, kTraderB).error_code() == grpc::StatusCode::NOT_FOUND);
  response.Clear();
  REQUIRE(f.Call(&Stub::Sync, request, &response, kTraderA).ok());
  CHECK(response.results(0).status() == "accepted");

  request.clear_records();
  CHECK(f.Call(&Stub::Sync, request, &response).error_code() == grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_CASE("the in-transaction hook commits with the step or not at all") {
  TimberDatabase db;
  store::Caller failing = db.officer;
  failing.in_transaction = [](pqxx::work&) { throw std::runtime_error("crash before commit"); };
  const auto tree = Tag(BarcodeKind::kTree, 950);
  CHECK_THROWS(db.felling.RegisterTree({.barcode = tree,
                                        .concession_id = db.concession_id,
                                        .species = TimberDatabase::kOkoume,
                                        .dbh_cm = 100,
                                        .bole_height_cm = 2000,
                                        .location = {11.1, -0.5}},
                                       failing));
  CHECK(db.Count("SELECT count(*) FROM timber.pieces WHERE barcode = '" + tree + "'") == 0);
}

namespace {

// A run of inventory records with every way a tree can be refused, in the middle of good ones.
std::vector<v1::TimberSyncRecord> MixedInventory(const FieldDevice& tablet, const TimberDatabase& db) {
  auto unknown_species = TreeRequest(db, Tag(BarcodeKind::kTree, 803));
  unknown_species.set_species("Quercus imaginaria");
  auto too_thin = TreeRequest(db, Tag(BarcodeKind::kTree, 804));
  too_thin.set_dbh_cm(0);
  auto stump_tag = TreeRequest(db, Tag(BarcodeKind::kStump, 805));
  auto no_concession = TreeRequest(db, Tag(BarcodeKind::kTree, 806));
  no_concession.set_concession_id("0190a1b2-0000-7000-8000-000000000000");
  v1::TimberSyncRecord bad_json;
  bad_json.set_sequence(9);
  bad_json.set_kind("register_tree");
  bad_json.set_payload("{\"barcode\": 12");
  bad_json.set_signature(tablet.key.Sign(SyncSigningInput(tablet.id, 9, "register_tree", bad_json.payload())));
  return {tablet.Record(1, "register_tree", TreeRequest(db, Tag(BarcodeKind::kTree, 801))),
          tablet.Record(2, "register_tree", TreeRequest(db, Tag(BarcodeKind::kTree, 800))),  // registered before
          tablet.Record(3, "register_tree", unknown_species),
          tablet.Record(4, "register_tree", too_thin),
          tablet.Record(5, "register_tree", stump_tag),
          tablet.Record(6, "register_tree", no_concession),
          tablet.Record(7, "register_tree", TreeRequest(db, Tag(BarcodeKind::kTree, 801))),  // twice in the batch
          tablet.Record(8, "register_tree", TreeRequest(db, Tag(BarcodeKind::kTree, 806))),  // 806's tag, now free
          bad_json,
          tablet.Record(10, "register_tree", TreeRequest(db, Tag(BarcodeKind::kTree, 810)))};
}

}  // namespace

TEST_CASE("a run of inventory records applied together answers exactly as the records one by one") {
  const FieldDevice tablet{"tablet-inventory"};
  std::vector<v1::TimberSyncResponse> answers;
  for (const bool together : {true, false}) {
    SyncFixture f;
    f.Register(tablet);
    f.db.RegisterTree(Tag(BarcodeKind::kTree, 800), TimberDatabase::kOkoume, 100);
    const auto records = MixedInventory(tablet, f.db);
    v1::TimberSyncResponse answer;
    if (together) {
      answer = f.Sync(tablet.id, records);
    } else {
      for (const auto& record : records) *answer.add_results() = f.Sync(tablet.id, {record}).results(0);
    }
    // Tree 800 registered beforehand, then 801, 806 (sequence 8) and 810.
    CHECK(f.db.Count("SELECT count(*) FROM timber.pieces WHERE kind = 'tree'") == 4);
    CHECK(f.db.Count("SELECT count(*) FROM timber.audit_log WHERE action = 'tree.registered'") == 4);
    CHECK(f.db.Count("SELECT count(*) FROM timber.sync_records WHERE outcome = 'accepted'") == 3);
    CHECK(f.db.Count("SELECT count(*) FROM timber.sync_records WHERE outcome = 'rejected'") == 7);
    CHECK(f.db.Count("SELECT count(*) FROM timber.audit_log WHERE actor LIKE '%(device tablet-inventory #10)'") == 1);
    answers.push_back(answer);
  }
  REQUIRE(answers[0].results_size() == 10);
  REQUIRE(answers[1].results_size() == 10);
  const std::vector<std::string> expected = {"accepted", "rejected", "rejected", "rejected", "rejected",
                                             "rejected", "rejected", "accepted", "rejected", "accepted"};
  for (int i = 0; i < 10; ++i) {
    INFO("sequence " << i + 1);
    const auto& together = answers[0].results(i);
    const auto& alone = answers[1].results(i);
    CHECK(together.status() == expected[i]);
    CHECK(together.sequence() == alone.sequence());
    CHECK(together.status() == alone.status());
    CHECK(together.rule() == alone.rule());
    CHECK(together.message() == alone.message());
  }
  CHECK(answers[0].results(1).rule() == "barcode.new");
  CHECK(answers[0].results(6).rule() == "barcode.new");
  CHECK_THAT(answers[0].results(5).message(), Catch::Contains("no concession"));
}

TEST_CASE("the same inventory batch synced twice at once is applied once") {
  SyncFixture f;
  const FieldDevice tablet{"tablet-twice"};
  f.Register(tablet);
  std::vector<v1::TimberSyncRecord> records;
  for (int i = 1; i <= 200; ++i) {
    records.push_back(tablet.Record(i, "register_tree", TreeRequest(f.db, Tag(BarcodeKind::kTree, 1000 + i))));
  }
  v1::TimberSyncRequest request;
  request.set_device_id(tablet.id);
  for (const auto& record : records) *request.add_records() = record;
  std::vector<v1::TimberSyncResponse> answers(2);
  std::vector<grpc::Status> statuses(2);
  std::vector<std::thread> senders;  // no assertion inside them: Catch's are not thread-safe
  for (std::size_t i = 0; i < answers.size(); ++i) {
    senders.emplace_back([&, i] { statuses[i] = f.Call(&Stub::Sync, request, &answers[i]); });
  }
  for (auto& sender : senders) sender.join();
  int replayed = 0;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const auto& answer = answers[i];
    INFO(statuses[i].error_message());
    REQUIRE(statuses[i].ok());
    REQUIRE(answer.results_size() == 200);
    for (const auto& result : answer.results()) {
      CHECK(result.status() == "accepted");
      replayed += result.replayed() ? 1 : 0;
    }
  }
  CHECK(replayed == 200);
  CHECK(f.db.Count("SELECT count(*) FROM timber.pieces WHERE kind = 'tree'") == 200);
  CHECK(f.db.Count("SELECT count(*) FROM timber.audit_log WHERE action = 'tree.registered'") == 200);
  CHECK(f.db.Count("SELECT count(*) FROM timber.sync_records") == 200);
}

TEST_CASE("a sequence listed twice in one inventory batch applies the first and answers the other a conflict") {
  SyncFixture f;
  const FieldDevice tablet{"tablet-reused-sequence"};
  f.Register(tablet);
  const auto first = Tag(BarcodeKind::kTree, 1201), second = Tag(BarcodeKind::kTree, 1202);
  const auto response = f.Sync(tablet.id, {tablet.Record(1, "register_tree", TreeRequest(f.db, first)),
                                           tablet.Record(1, "register_tree", TreeRequest(f.db, second)),
                                           tablet.Record(2, "register_tree", TreeRequest(f.db, second))});
  REQUIRE(response.results_size() == 3);
  CHECK(response.results(0).status() == "accepted");
  CHECK(response.results(1).status() == "conflict");
  CHECK(response.results(2).status() == "accepted");
  CHECK(f.db.Count("SELECT count(*) FROM timber.pieces WHERE kind = 'tree'") == 2);
  CHECK(f.db.Count("SELECT count(*) FROM timber.sync_records") == 2);
  CHECK(f.db.Count("SELECT count(*) FROM timber.audit_log WHERE action = 'tree.registered'") == 2);
}
