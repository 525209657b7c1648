// Readings per second one gateway's Upload stream commits (validate, COPY, de-duplicate, outbox,
// commit, ack), with batches of --batch readings, against a fresh database on GREENLANE_TEST_PG_URL.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <pqxx/pqxx>

#include "bench_stack.h"

namespace {

using namespace greenlane;

// The anchor: the same rows COPYed by the server from a file into an empty table with the same
// columns, indexes and constraints, timed on its own (no validation, de-duplication, outbox or
// network). The file is written first by COPY ... TO, so both sides store identical rows.
double RawCopyRowsPerSecond(const std::string& url, std::int64_t& rows) {
  pqxx::connection connection(url);
  const std::string file = "/tmp/greenlane_ingest_anchor_" + std::to_string(::getpid()) + ".copy";
  {
    pqxx::work tx(connection);
    tx.exec0("CREATE TABLE ingest.readings_anchor (LIKE ingest.readings INCLUDING ALL)");
    tx.exec0("COPY ingest.readings TO " + tx.quote(file));
    tx.commit();
  }
  const auto start = std::chrono::steady_clock::now();
  {
    pqxx::work tx(connection);
    rows = tx.exec("COPY ingest.readings_anchor FROM " + tx.quote(file)).affected_rows();
    tx.commit();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::remove(file.c_str());
  return rows / seconds;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("greenlane-ingest upload throughput");
  int batches = 50;
  int batch_size = 1000;
  app.add_option("--batches", batches, "batches to send");
  app.add_option("--batch", batch_size, "readings per batch");
  CLI11_PARSE(app, argc, argv);
  bench::BenchIngest ingest;
  std::vector<v1::UploadBatch> payload;
  for (int b = 0; b < batches; ++b) payload.push_back(bench::MakeBatch(1 + std::int64_t{b} * batch_size, batch_size));

  grpc::ClientContext context;
  auto stream = ingest.stub().Upload(&context);
  std::int64_t accepted = 0;
  std::vector<double> ack_ms;
  const auto start = std::chrono::steady_clock::now();
  for (const auto& batch : payload) {
    const auto sent = std::chrono::steady_clock::now();
    v1::UploadAck ack;
    if (!stream->Write(batch) || !stream->Read(&ack)) break;
    ack_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - sent).count());
    accepted += ack.accepted();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  stream->WritesDone();
  const auto status = stream->Finish();
  ingest.Stop();
  std::sort(ack_ms.begin(), ack_ms.end());
  std::int64_t anchor_rows = 0;
  const double anchor = RawCopyRowsPerSecond(ingest.database_url(), anchor_rows);
  const double rate = accepted / seconds;
  std::cout << "batches=" << ack_ms.size() << " batch=" << batch_size << " accepted=" << accepted
            << " seconds=" << seconds << " readings_per_s=" << static_cast<long>(rate)
            << " ack_ms_p50=" << bench::Percentile(ack_ms, 0.5) << " ack_ms_p99=" << bench::Percentile(ack_ms, 0.99)
            << " ack_ms_max=" << (ack_ms.empty() ? 0 : ack_ms.back()) << " status=" << status.error_code() << "\n"
            << "anchor_raw_copy_rows=" << anchor_rows << " anchor_rows_per_s=" << static_cast<long>(anchor)
            << " ratio=" << rate / anchor << "\n";
  return status.ok() && accepted == std::int64_t{batches} * batch_size ? 0 : 1;
}
