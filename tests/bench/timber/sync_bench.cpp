// Offline sync throughput end to end: --devices field devices, each sending --records signed
// register_tree records in batches of --batch over mutual TLS (one client thread per device) into
// greenlane-timber and PostgreSQL (fresh database on GREENLANE_TEST_PG_URL). Every record is
// verified, applied by the rules, audited and stored with its (device, sequence) in one transaction.
// Anchor, in the same run: raw Ed25519 verification of the same records (one thread), the floor of
// what a sync could do without a database. Then the whole set is sent again: every record must be
// answered "replayed" and nothing may change (the idempotent path's rate).
#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include "bench_server.h"
#include "greenlane/rpc/caller.h"
#include "sync_support.h"

namespace {

using namespace greenlane;
using namespace greenlane::timber;
using namespace greenlane::timber::testing;
using bench::Require;

using Batches = std::vector<v1::TimberSyncRequest>;

Batches SignedBatches(const TimberDatabase& db, const FieldDevice& device, int device_index, int records, int batch) {
  Batches batches;
  for (int i = 0; i < records; ++i) {
    if (i % batch == 0) {
      batches.emplace_back();
      batches.back().set_device_id(device.id);
    }
    v1::TimberRegisterTreeRequest tree;
    tree.set_barcode(Tag(BarcodeKind::kTree, 1 + std::int64_t{device_index} * 1000000 + i));
    tree.set_concession_id(db.concession_id);
    tree.set_species(TimberDatabase::kOkoume);
    tree.set_dbh_cm(100);
    tree.set_bole_height_cm(2000);
    tree.mutable_location()->set_longitude(11.1);
    tree.mutable_location()->set_latitude(-0.5);
    *batches.back().add_records() = device.Record(i + 1, "register_tree", tree);
  }
  return batches;
}

// Sends every device's batches, one thread per device; answers the seconds taken and counts results.
double SendAll(const bench::BenchServer& server, const std::vector<Batches>& per_device, bool expect_replayed) {
  std::atomic<int> wrong{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (const auto& batches : per_device) {
    threads.emplace_back([&] {
      auto stub = server.Stub();
      for (const auto& batch : batches) {
        grpc::ClientContext context;
        rpc::SetDeadline(context, std::chrono::seconds(120));
        rpc::ActFor(context, "bench-officer", {"officer"});
        v1::TimberSyncResponse response;
        const auto status = stub->Sync(&context, batch, &response);
        if (!status.ok()) {
          std::fprintf(stderr, "Sync: %s\n", status.error_message().c_str());
          ++wrong;
          continue;
        }
        for (const auto& result : response.results()) {
          if (result.status() != "accepted" || result.replayed() != expect_replayed) ++wrong;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Require(wrong == 0, std::to_string(wrong.load()) + " records not answered as expected");
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("greenlane-timber offline sync throughput");
  int devices = 4, records = 2000, batch = 250, workers = 4;
  app.add_option("--devices", devices, "field devices syncing at once (one client thread each)");
  app.add_option("--records", records, "signed records per device");
  app.add_option("--batch", batch, "records per Sync call");
  app.add_option("--workers", workers, "greenlane-timber worker threads (and PostgreSQL connections)");
  CLI11_PARSE(app, argc, argv);

  TimberDatabase db;
  bench::BenchServer server(db, workers, workers);
  std::vector<FieldDevice> fleet;
  std::vector<Batches> per_device;
  {
    auto stub = server.Stub();
    for (int d = 0; d < devices; ++d) {
      fleet.push_back({"bench-tablet-" + std::to_string(d)});
      grpc::ClientContext context;
      rpc::ActFor(context, "bench-officer", {"officer"});
      v1::TimberDevice registered;
      Require(stub->RegisterDevice(&context, fleet.back().Registration(db.operator_id), &registered).ok(),
              "RegisterDevice");
      per_device.push_back(SignedBatches(db, fleet.back(), d, records, batch));
    }
  }
  const double total = static_cast<double>(devices) * records;

  // Anchor: verifying the same signatures, nothing else.
  const auto verify_start = std::chrono::steady_clock::now();
  for (int d = 0; d < devices; ++d) {
    for (const auto& request : per_device[d]) {
      for (const auto& r : request.records()) {
        Require(fleet[d].key.Verify(SyncSigningInput(fleet[d].id, r.sequence(), r.kind(), r.payload()), r.signature()),
                "anchor verification");
      }
    }
  }
  const double verify_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - verify_start).count();

  const double sync_s = SendAll(server, per_device, false);
  const auto stored = db.Count("SELECT count(*) FROM timber.sync_records");
  const auto audited = db.Count("SELECT count(*) FROM timber.audit_log");
  const double replay_s = SendAll(server, per_device, true);
  Require(db.Count("SELECT count(*) FROM timber.sync_records") == stored, "a replay stored a record");
  Require(db.Count("SELECT count(*) FROM timber.audit_log") == audited, "a replay changed the audit log");
  server.server->Stop();

  const double sync_rate = total / sync_s, verify_rate = total / verify_s;
  std::printf("%d devices x %d signed records (batches of %d, %d workers): %.0f records in %.2f s\n", devices, records,
              batch, workers, total, sync_s);
  std::printf("signed-record sync into PostgreSQL: %.0f records/s (goal >= 4000)\n", sync_rate);
  std::printf("anchor, raw Ed25519 verification (1 thread): %.0f records/s; sync/verify = %.3f\n", verify_rate,
              sync_rate / verify_rate);
  std::printf("same batches sent again (all replayed, nothing changed): %.0f records/s\n", total / replay_s);
  return 0;
}
