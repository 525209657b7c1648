// Acknowledgement latency of one gateway's Upload stream at a steady rate (the figure:
// p50/p99 at 1,000 readings/s, goal p99 < 200 ms). Batches of --batch readings are sent on a fixed
// schedule, open loop: a slow ack does not delay the next send, so queueing behind a slow commit
// shows in the figure instead of being hidden (no coordinated omission). Each ack's latency runs
// from the moment its batch was due to the moment the ack arrived.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <deque>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

#include "bench_stack.h"

using namespace greenlane;
using SteadyClock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  CLI::App app("greenlane-ingest acknowledgement latency at a steady rate");
  int rate = 1000;
  int batch_size = 10;
  double seconds = 10;
  double warmup = 1;
  app.add_option("--rate", rate, "readings per second")->check(CLI::Range(1, 1000000));
  app.add_option("--batch", batch_size, "readings per batch")->check(CLI::Range(1, 5000));
  app.add_option("--seconds", seconds, "measured run length")->check(CLI::PositiveNumber);
  app.add_option("--warmup", warmup, "seconds sent first and not measured (connections, plans)")
      ->check(CLI::NonNegativeNumber);
  CLI11_PARSE(app, argc, argv);

  bench::BenchIngest ingest;
  const auto interval = std::chrono::duration_cast<SteadyClock::duration>(
      std::chrono::duration<double>(static_cast<double>(batch_size) / rate));
  const auto batches = static_cast<std::int64_t>((seconds + warmup) * rate / batch_size);
  std::vector<v1::UploadBatch> payload;
  for (std::int64_t b = 0; b < batches; ++b) payload.push_back(bench::MakeBatch(1 + b * batch_size, batch_size));

  grpc::ClientContext context;
  auto stream = ingest.stub().Upload(&context);
  std::mutex mutex;
  std::deque<SteadyClock::time_point> due;  // of batches sent and not yet acknowledged, in order
  const auto start = SteadyClock::now() + std::chrono::milliseconds(100);
  const auto measured_from =
      start + std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(warmup));
  std::vector<double> ack_ms;
  std::int64_t acks = 0, accepted = 0;
  std::thread reader([&] {
    v1::UploadAck ack;
    while (stream->Read(&ack)) {
      const auto now = SteadyClock::now();
      std::lock_guard lock(mutex);
      const auto due_at = due.front();
      due.pop_front();
      ++acks;
      accepted += ack.accepted();
      if (due_at >= measured_from) ack_ms.push_back(std::chrono::duration<double, std::milli>(now - due_at).count());
    }
  });
  for (std::int64_t b = 0; b < batches; ++b) {
    const auto due_at = start + b * interval;
    std::this_thread::sleep_until(due_at);
    {
      std::lock_guard lock(mutex);
      due.push_back(due_at);
    }
    if (!stream->Write(payload[static_cast<std::size_t>(b)])) break;
  }
  stream->WritesDone();
  reader.join();
  const auto status = stream->Finish();
  ingest.Stop();

  std::sort(ack_ms.begin(), ack_ms.end());
  const double p99 = bench::Percentile(ack_ms, 0.99);
  std::cout << "rate=" << rate << "/s batch=" << batch_size << " measured_acks=" << ack_ms.size()
            << " ack_ms_p50=" << bench::Percentile(ack_ms, 0.5) << " ack_ms_p99=" << p99
            << " ack_ms_max=" << (ack_ms.empty() ? 0.0 : ack_ms.back())
            << " (goal p99 < 200 ms: " << (p99 < 200 ? "met" : "missed") << ") status=" << status.error_code() << "\n";
  return status.ok() && acks == batches && accepted == batches * batch_size ? 0 : 1;
}
