// Latency of GetLineage over mutual TLS for an export certificate built from --logs logs (100 per
// tree, trucked 500 per waybill, sawn 2,000 per run into one lot each), against a fresh database on
// GREENLANE_TEST_PG_URL. Anchor, in the same run: reading the same piece rows by primary key in one
// query, the floor any lineage answer pays.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "api/convert.h"
#include "bench_server.h"
#include "greenlane/rpc/caller.h"
#include "store/lineage_repository.h"

namespace {

using namespace greenlane;
using namespace greenlane::timber;
using namespace greenlane::timber::testing;
using greenlane::timber::bench::Require;

// Builds the chain through the store, as the service would; returns the certificate number.
std::string BuildCertificate(TimberDatabase& db, int log_count) {
  constexpr int kLogsPerTree = 100, kLogsPerWaybill = 500, kLogsPerRun = 2000;
  std::vector<std::string> logs;
  for (int t = 0; t * kLogsPerTree < log_count; ++t) {
    const auto from = 1 + std::int64_t{t} * kLogsPerTree;
    for (auto& log : db.LogsAtForest(std::min(kLogsPerTree, log_count - t * kLogsPerTree), from)) logs.push_back(log);
  }
  const std::vector<std::string> photos = {"p/1.jpg", "p/2.jpg", "p/3.jpg"};
  for (std::size_t i = 0, w = 1; i < logs.size(); i += kLogsPerWaybill, ++w) {
    const auto number = Tag(BarcodeKind::kWaybill, static_cast<std::int64_t>(w));
    const std::vector<std::string> load(logs.begin() + i, logs.begin() + std::min(logs.size(), i + kLogsPerWaybill));
    Require(db.waybills
                .Issue({.barcode = number,
                        .origin_site_id = db.forest_id,
                        .destination_site_id = db.sawmill_id,
                        .vehicle = "GA-1234-AB",
                        .driver = "Jean Mba",
                        .items = load,
                        .issued_at = At("2026-03-10T10:00:00Z"),
                        .photo_refs = photos},
                       db.officer)
                .ok(),
            "waybill");
    Require(db.waybills.Depart(number, At("2026-03-10T10:30:00Z"), db.officer).ok(), "depart");
    Require(db.waybills.Deliver(number, At("2026-03-10T12:00:00Z"), {}, db.officer).ok(), "deliver");
  }
  std::vector<std::string> lots;
  for (std::size_t i = 0; i < logs.size(); i += kLogsPerRun) {
    const std::vector<std::string> input(logs.begin() + i, logs.begin() + std::min(logs.size(), i + kLogsPerRun));
    lots.push_back(Tag(BarcodeKind::kLot, static_cast<std::int64_t>(lots.size() + 1)));
    // 126 dm³ per log, at most 40 % sawn: 50 dm³ per log stays under the yield.
    const Volume output{static_cast<std::int64_t>(input.size()) * 50};
    Require(db.processing
                .Record({.sawmill_site_id = db.sawmill_id,
                         .processed_at = At("2026-03-11T08:00:00Z"),
                         .input_logs = input,
                         .outputs = {{lots.back(), TimberDatabase::kOkoume, "sawn", output}}},
                        db.officer)
                .ok(),
            "processing");
  }
  const auto certificate = Tag(BarcodeKind::kCertificate, 1);
  Require(db.certificates
              .Issue({.barcode = certificate,
                      .items = lots,
                      .hs_code = "4407.29",
                      .destination_country = "FR",
                      .container = "MSCU1234565",
                      .cites_permit = std::nullopt,
                      .issued_at = At("2026-03-12T08:00:00Z")},
                     db.officer)
              .ok(),
          "certificate");
  return certificate;
}

// Milliseconds of each of `calls` GetLineage calls after three that warm the connection and the
// plans; `last` holds the last answer.
std::vector<double> TimedCalls(v1::TimberService::Stub& stub, const v1::TimberGetLineageRequest& request, int calls,
                               v1::TimberLineage& last) {
  std::vector<double> ms;
  for (int i = 0; i < calls + 3; ++i) {
    grpc::ClientContext context;
    rpc::SetDeadline(context, std::chrono::seconds(60));
    rpc::ActFor(context, "bench-officer", {"officer"});
    last.Clear();
    const auto start = std::chrono::steady_clock::now();
    const auto status = stub.GetLineage(&context, request, &last);
    const double elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    Require(status.ok(), "GetLineage: " + status.error_message());
    if (i >= 3) ms.push_back(elapsed);
  }
  return ms;
}

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("greenlane-timber lineage latency");
  int log_count = 10000;
  int calls = 50;
  app.add_option("--logs", log_count, "logs behind the certificate");
  app.add_option("--calls", calls, "GetLineage calls to time");
  CLI11_PARSE(app, argc, argv);

  TimberDatabase db;
  const auto build_start = std::chrono::steady_clock::now();
  const auto certificate = BuildCertificate(db, log_count);
  const double build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - build_start).count();

  bench::BenchServer server(db, 2, 2);
  auto stub = server.Stub();

  v1::TimberGetLineageRequest request;
  request.set_certificate(certificate);
  v1::TimberLineage lineage;
  const auto ms = TimedCalls(*stub, request, calls, lineage);
  const int pieces = lineage.pieces_size();
  std::vector<std::string> barcodes;
  for (const auto& piece : lineage.pieces()) barcodes.push_back(piece.barcode());
  // The summary risk asks for each declaration's certificate check: no pieces.
  request.set_summary(true);
  const auto summary_ms = TimedCalls(*stub, request, calls, lineage);
  Require(lineage.pieces_size() == 0, "GetLineage summary answered pieces");
  server.server->Stop();

  // The store's share (the SQL and the rows read into C++) and the conversion's, without gRPC.
  store::LineageRepository repository(db.context);
  std::vector<double> store_ms, convert_ms;
  for (int i = 0; i < calls + 3; ++i) {
    const auto start = std::chrono::steady_clock::now();
    auto lineage = repository.Trace(certificate);
    Require(lineage.ok(), "Trace");
    const auto traced = std::chrono::steady_clock::now();
    v1::TimberLineage answer;
    ToProto(*lineage, "token", &answer);
    const auto converted = std::chrono::steady_clock::now();
    if (i >= 3) {
      store_ms.push_back(std::chrono::duration<double, std::milli>(traced - start).count());
      convert_ms.push_back(std::chrono::duration<double, std::milli>(converted - traced).count());
    }
  }

  // Anchor: the same rows by primary key, one query, no walk, no network.
  std::string array = "{";
  for (const auto& barcode : barcodes) array.append(array.size() > 1 ? "," : "").append(barcode);
  array += "}";
  std::vector<double> anchor_ms;
  for (int i = 0; i < calls + 3; ++i) {
    pqxx::read_transaction tx(db.connection);
    const auto start = std::chrono::steady_clock::now();
    const auto rows = tx.exec_params("SELECT * FROM timber.pieces WHERE barcode = ANY($1::text[])", array);
    const double elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    Require(static_cast<int>(rows.size()) == pieces, "anchor rows");
    if (i >= 3) anchor_ms.push_back(elapsed);
  }

  const double p50 = Percentile(ms, 0.50), p99 = Percentile(ms, 0.99), anchor = Percentile(anchor_ms, 0.50);
  std::printf("certificate from %d logs: %d pieces in the lineage (built in %.1f s)\n", log_count, pieces, build_s);
  std::printf("GetLineage over mTLS: p50 %.1f ms, p99 %.1f ms over %d calls (goal p50 < 50 ms)\n", p50, p99, calls);
  std::printf("summary (no pieces, as risk's certificate check asks): p50 %.1f ms\n", Percentile(summary_ms, 0.50));
  std::printf("of which the store (SQL and rows into C++): p50 %.1f ms; rows into protobuf: p50 %.1f ms\n",
              Percentile(store_ms, 0.50), Percentile(convert_ms, 0.50));
  std::printf("anchor, the same rows by primary key in one query: p50 %.1f ms; lineage/anchor = %.1fx\n", anchor,
              p50 / anchor);
  return 0;
}
