// Readings per second from one gateway end to end, as issue 4 counts them: greenlane-edge's durable
// SQLite queue (filled beforehand, as after an outage) -> its Uploader over one mutual-TLS Upload
// stream -> greenlane-ingest -> PostgreSQL, timed until the queue is empty (every reading
// acknowledged durable and deleted from the queue); next to a raw COPY of the same rows into the
// same table in the same run.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <pqxx/pqxx>
#include <thread>

#include "bench_stack.h"
#include "store/reading_queue.h"
#include "upload/uploader.h"

using namespace greenlane;

namespace {

// The queue as the watcher leaves it: one committed file per `per_file` readings.
void Fill(edge::ReadingQueue& queue, int readings, int per_file) {
  for (int first = 0; first < readings; first += per_file) {
    const auto batch = bench::MakeBatch(1 + first, std::min(per_file, readings - first));
    std::vector<std::string> serialized;
    for (const auto& sequenced : batch.readings()) serialized.push_back(sequenced.reading().SerializeAsString());
    char sha[65];
    std::snprintf(sha, sizeof sha, "%064d", first);
    queue.CommitFile({.sha256 = sha,
                      .name = "vanta-" + std::to_string(first) + ".csv",
                      .state = edge::FileState::kProcessed,
                      .error = "",
                      .seen_at = core::SystemClock::Instance().Now()},
                     serialized);
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("one gateway's queue drained into greenlane-ingest");
  int readings = 100000;
  std::size_t batch_size = 1000;
  std::size_t window = 4;
  app.add_option("--readings", readings, "readings queued before the upload starts");
  app.add_option("--batch", batch_size, "readings per Upload batch (greenlane-edge's upload_batch)");
  app.add_option("--window", window, "batches in flight (greenlane-edge's upload_window)")->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);

  bench::BenchIngest ingest;
  const std::string path = "/tmp/greenlane-drain-bench-" + std::to_string(::getpid()) + ".sqlite";
  edge::ReadingQueue queue(path, core::SystemClock::Instance());
  Fill(queue, readings, 1000);

  prometheus::Registry registry;
  edge::EdgeMetrics metrics(registry);
  edge::UploaderOptions options;
  options.channel = ingest.gateway_channel();
  options.batch_size = batch_size;
  options.window = window;
  edge::Uploader uploader(options, queue, metrics, edge::SystemRandomSource());
  const auto start = std::chrono::steady_clock::now();
  uploader.Start();
  uploader.Wake();
  const auto give_up = start + std::chrono::minutes(5);
  while (queue.Depth() > 0 && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  uploader.Stop();
  ingest.Stop();
  const auto left = queue.Depth();
  for (const auto& suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());

  std::int64_t stored = 0;
  {
    pqxx::connection connection(ingest.database_url());
    pqxx::nontransaction tx(connection);
    stored = tx.exec1("SELECT count(*) FROM ingest.readings")[0].as<std::int64_t>();
  }
  std::int64_t anchor_rows = 0;
  const double anchor = bench::RawCopyRowsPerSecond(ingest.database_url(), anchor_rows);
  const double rate = stored / seconds;
  std::cout << "queued=" << readings << " stored=" << stored << " left_in_queue=" << left << " batch=" << batch_size
            << " window=" << window << " seconds=" << seconds << " readings_per_s=" << static_cast<long>(rate) << "\n"
            << "anchor_raw_copy_rows=" << anchor_rows << " anchor_rows_per_s=" << static_cast<long>(anchor)
            << " ratio=" << rate / anchor << "\n";
  return stored == readings && left == 0 ? 0 : 1;
}
