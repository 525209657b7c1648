#include "upload/uploader.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "app/edge_metrics.h"
#include "greenlane/rpc/auth.h"
#include "greenlane/rpc/server.h"
#include "greenlane/v1/ingest.grpc.pb.h"
#include "store/reading_queue.h"
#include "temp_dir.h"

using namespace greenlane::edge;
using namespace std::chrono_literals;
using greenlane::edge::testing::TempDir;
namespace rpc = greenlane::rpc;
namespace v1 = greenlane::v1;

namespace {

std::string PkiDir() {
  const char* dir = std::getenv("GREENLANE_TEST_PKI_DIR");
  if (dir == nullptr || *dir == '\0') {
    FAIL(
        "GREENLANE_TEST_PKI_DIR is not set: run the tests through scripts/test (or eval \"$(scripts/test-services "
        "start DIR)\"), which makes a development PKI with deploy/pki/make-dev-pki");
  }
  return dir;
}

// An ingest stand-in that stores what it is sent, like the real one, and misbehaves on cue: it
// drops the first stream after storing a batch it never acknowledges, acknowledges every batch of
// later streams twice, and refuses one reading as invalid.
class FakeIngest final : public v1::IngestService::Service {
 public:
  FakeIngest(int drop_first_stream_after_batches, std::int64_t refuse_sequence)
      : drop_after_(drop_first_stream_after_batches), refuse_(refuse_sequence) {}

  grpc::Status Upload(grpc::ServerContext* context,
                      grpc::ServerReaderWriter<v1::UploadAck, v1::UploadBatch>* stream) override {
    std::size_t index = 0;
    {
      std::lock_guard lock(mutex_);
      index = streams_.size();
      streams_.emplace_back();
      peers_.push_back(rpc::PeerIdentity(*context).value_or(""));
    }
    v1::UploadBatch batch;
    int batches = 0;
    while (stream->Read(&batch)) {
      v1::UploadAck ack;
      {
        std::lock_guard lock(mutex_);
        for (const auto& sequenced : batch.readings()) {
          streams_[index].push_back(sequenced.sequence());
          if (sequenced.sequence() == refuse_) {
            auto& rejection = *ack.add_rejected();
            rejection.set_sequence(refuse_);
            rejection.set_field("captured_at");
            rejection.set_reason("in the future");
          } else if (stored_.insert(sequenced.sequence()).second) {
            ack.set_accepted(ack.accepted() + 1);
          } else {
            ack.set_duplicates(ack.duplicates() + 1);
            ++duplicates_;
          }
        }
      }
      ack.set_durable_through(batch.readings().rbegin()->sequence());
      if (index == 0 && ++batches == drop_after_) return {grpc::StatusCode::UNAVAILABLE, "ingest restarting"};
      if (!stream->Write(ack)) break;
      if (index > 0 && !stream->Write(ack)) break;
    }
    return grpc::Status::OK;
  }

  std::vector<std::vector<std::int64_t>> streams() const {
    std::lock_guard lock(mutex_);
    return streams_;
  }
  std::vector<std::string> peers() const {
    std::lock_guard lock(mutex_);
    return peers_;
  }
  std::set<std::int64_t> stored() const {
    std::lock_guard lock(mutex_);
    return stored_;
  }
  int duplicates() const {
    std::lock_guard lock(mutex_);
    return duplicates_;
  }

 private:
  const int drop_after_;
  const std::int64_t refuse_;
  mutable std::mutex mutex_;
  std::vector<std::vector<std::int64_t>> streams_;  // sequences as received, per stream
  std::vector<std::string> peers_;
  std::set<std::int64_t> stored_;
  int duplicates_ = 0;
};

std::vector<std::string> Readings(int count, int offset) {
  std::vector<std::string> readings;
  for (int i = 0; i < count; ++i) {
    v1::Reading reading;
    reading.set_kind("xrf");
    reading.set_device_serial("841515");
    reading.set_reading_number(std::to_string(offset + i));
    readings.push_back(reading.SerializeAsString());
  }
  return readings;
}

bool WaitUntil(const std::function<bool()>& done, std::chrono::seconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

}  // namespace

TEST_CASE("the uploader delivers every queued reading through a dropped stream and duplicate acks, in order") {
  const std::string pki = PkiDir();
  TempDir dir;
  greenlane::core::ManualClock clock(std::chrono::system_clock::now());
  ReadingQueue queue((dir.path() / "queue.db").string(), clock);
  queue.CommitFile(
      {.sha256 = "a", .name = "a.csv", .state = FileState::kProcessed, .error = {}, .seen_at = clock.Now()},
      Readings(1200, 0));
  queue.CommitFile(
      {.sha256 = "b", .name = "b.csv", .state = FileState::kProcessed, .error = {}, .seen_at = clock.Now()},
      Readings(1300, 1200));
  const auto all = queue.ReadAfter(0, 10000);
  REQUIRE(all.size() == 2500);
  const std::int64_t refused = all[1700].sequence;

  FakeIngest ingest(/*drop_first_stream_after_batches=*/3, refused);
  rpc::Server server({.tls = rpc::TlsFiles{pki + "/ca.crt", pki + "/servers/ingest.crt", pki + "/servers/ingest.key"},
                      .service_name = "ingest",
                      .registry = std::make_shared<prometheus::Registry>()});
  server.AddService(&ingest);
  const unsigned short port = server.Start();

  prometheus::Registry registry;
  EdgeMetrics metrics(registry);
  UploaderOptions options;
  options.channel = {
      .target = "127.0.0.1:" + std::to_string(port),
      .tls = rpc::TlsFiles{pki + "/ca.crt", pki + "/clients/gateway-demo.crt", pki + "/clients/gateway-demo.key"},
      .server_name_override = ""};
  options.batch_size = 300;
  options.window = 2;
  options.backoff = {.initial = 50ms, .max = 500ms};
  Uploader uploader(options, queue, metrics, [](std::uint64_t bound) { return bound; });
  uploader.Start();
  const bool drained = WaitUntil([&] { return queue.Depth() == 0; }, 30s);
  uploader.Stop();
  server.Shutdown(0ms);

  CHECK(drained);
  CHECK(queue.Depth() == 0);
  const auto streams = ingest.streams();
  REQUIRE(streams.size() >= 2);
  for (const auto& stream : streams) {  // each stream carries sequences in strictly increasing order
    for (std::size_t i = 1; i < stream.size(); ++i) REQUIRE(stream[i] > stream[i - 1]);
  }
  // The second stream started again from the first unacknowledged reading: the third batch,
  // stored but never acknowledged, arrived twice and was recognised as a duplicate.
  CHECK(streams[1].front() == all[600].sequence);
  CHECK(ingest.duplicates() >= 300);
  // Every reading reached ingest: stored, or refused as invalid and still acknowledged.
  std::set<std::int64_t> expected;
  for (const auto& reading : all) expected.insert(reading.sequence);
  std::set<std::int64_t> seen = ingest.stored();
  seen.insert(refused);
  CHECK(seen == expected);
  for (const auto& peer : ingest.peers()) CHECK(peer == "gateway-demo");
  CHECK(metrics.uploaded() == 2500);
}

TEST_CASE("the uploader waits for ingest to come up and then delivers what was queued meanwhile") {
  const std::string pki = PkiDir();
  TempDir dir;
  greenlane::core::ManualClock clock(std::chrono::system_clock::now());
  ReadingQueue queue((dir.path() / "queue.db").string(), clock);
  queue.CommitFile(
      {.sha256 = "a", .name = "a.csv", .state = FileState::kProcessed, .error = {}, .seen_at = clock.Now()},
      Readings(10, 0));
  const rpc::TlsFiles server_tls{pki + "/ca.crt", pki + "/servers/ingest.crt", pki + "/servers/ingest.key"};

  // Find a free port, then leave it closed while the gateway starts.
  FakeIngest ingest(/*drop_first_stream_after_batches=*/0, /*refuse_sequence=*/-1);
  unsigned short port = 0;
  {
    rpc::Server probe(
        {.tls = server_tls, .service_name = "ingest", .registry = std::make_shared<prometheus::Registry>()});
    probe.AddService(&ingest);
    port = probe.Start();
    probe.Shutdown(0ms);
  }
  prometheus::Registry registry;
  EdgeMetrics metrics(registry);
  UploaderOptions options;
  options.channel = {
      .target = "127.0.0.1:" + std::to_string(port),
      .tls = rpc::TlsFiles{pki + "/ca.crt", pki + "/clients/gateway-demo.crt", pki + "/clients/gateway-demo.key"},
      .server_name_override = ""};
  options.backoff = {.initial = 50ms, .max = 200ms};
  Uploader uploader(options, queue, metrics, [](std::uint64_t bound) { return bound; });
  uploader.Start();
  std::this_thread::sleep_for(500ms);
  CHECK(queue.Depth() == 10);  // nothing is lost while ingest is away

  rpc::Server server({.port = port,
                      .tls = server_tls,
                      .service_name = "ingest",
                      .registry = std::make_shared<prometheus::Registry>()});
  server.AddService(&ingest);
  server.Start();
  CHECK(WaitUntil([&] { return queue.Depth() == 0; }, 30s));
  uploader.Stop();
  server.Shutdown(0ms);
  CHECK(ingest.stored().size() == 10);
}
