// Readings per second one gateway's Upload stream commits (validate, COPY, de-duplicate, outbox,
// commit, ack), with batches of --batch readings, against a fresh database on GREENLANE_TEST_PG_URL.
// --window batches are sent ahead of their acks, as greenlane-edge does (its upload_window, 4 by
// default); --window 1 waits for each ack before sending the next batch.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <pqxx/pqxx>
#include <thread>

#include "bench_stack.h"

using namespace greenlane;

int main(int argc, char** argv) {
  CLI::App app("greenlane-ingest upload throughput");
  int batches = 50;
  int batch_size = 1000;
  std::size_t window = 1;
  app.add_option("--batches", batches, "batches to send");
  app.add_option("--batch", batch_size, "readings per batch");
  app.add_option("--window", window, "batches sent and not yet acknowledged")->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);
  bench::BenchIngest ingest;
  std::vector<v1::UploadBatch> payload;
  for (int b = 0; b < batches; ++b) payload.push_back(bench::MakeBatch(1 + std::int64_t{b} * batch_size, batch_size));

  grpc::ClientContext context;
  auto stream = ingest.stub().Upload(&context);
  std::int64_t accepted = 0;
  std::vector<double> ack_ms;
  std::mutex mutex;
  std::condition_variable acked_changed;
  std::size_t acked = 0;
  bool reading_done = false;
  std::vector<std::chrono::steady_clock::time_point> sent_at(payload.size());
  const auto start = std::chrono::steady_clock::now();
  std::thread writer([&] {
    for (std::size_t i = 0; i < payload.size(); ++i) {
      {
        std::unique_lock lock(mutex);
        acked_changed.wait(lock, [&] { return reading_done || i - acked < window; });
        if (reading_done) return;
        sent_at[i] = std::chrono::steady_clock::now();
      }
      if (!stream->Write(payload[i])) return;
    }
  });
  for (std::size_t i = 0; i < payload.size(); ++i) {
    v1::UploadAck ack;
    if (!stream->Read(&ack)) break;
    std::lock_guard lock(mutex);
    ack_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - sent_at[i]).count());
    accepted += ack.accepted();
    ++acked;
    acked_changed.notify_all();
  }
  {
    std::lock_guard lock(mutex);
    reading_done = true;
    acked_changed.notify_all();
  }
  writer.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  stream->WritesDone();
  const auto status = stream->Finish();
  ingest.Stop();
  std::sort(ack_ms.begin(), ack_ms.end());
  std::int64_t anchor_rows = 0;
  const double anchor = bench::RawCopyRowsPerSecond(ingest.database_url(), anchor_rows);
  const double rate = accepted / seconds;
  std::cout << "batches=" << ack_ms.size() << " batch=" << batch_size << " window=" << window
            << " accepted=" << accepted << " seconds=" << seconds << " readings_per_s=" << static_cast<long>(rate)
            << " ack_ms_p50=" << bench::Percentile(ack_ms, 0.5) << " ack_ms_p99=" << bench::Percentile(ack_ms, 0.99)
            << " ack_ms_max=" << (ack_ms.empty() ? 0 : ack_ms.back()) << " status=" << status.error_code() << "\n"
            << "anchor_raw_copy_rows=" << anchor_rows << " anchor_rows_per_s=" << static_cast<long>(anchor)
            << " ratio=" << rate / anchor << "\n";
  return status.ok() && accepted == std::int64_t{batches} * batch_size ? 0 : 1;
}
