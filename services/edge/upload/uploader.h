#pragma once

#include <grpcpp/client_context.h>
#include <grpcpp/support/sync_stream.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>

#include "app/edge_metrics.h"
#include "domain/backoff.h"
#include "greenlane/rpc/channel.h"
#include "greenlane/v1/ingest.pb.h"
#include "store/reading_queue.h"

namespace greenlane::edge {

struct UploaderOptions {
  rpc::ChannelOptions channel;  ///< ingest's address and the gateway's mutual-TLS files
  std::size_t batch_size = 1000;
  std::size_t window = 4;  ///< batches sent and not yet acknowledged; more hides the round trip
  BackoffPolicy backoff;
  /// An in-flight batch unacknowledged this long means ingest is stuck: the stream is dropped and
  /// opened again (the batch is resent; ingest de-duplicates).
  std::chrono::milliseconds ack_timeout{30000};
  /// How often an idle stream looks at the queue when nobody calls Wake().
  std::chrono::milliseconds idle_poll{500};
};

/// Delivers the queue to ingest over one Upload stream at a time, in sequence order, with up to
/// `window` batches in flight. A reading leaves the queue only when an ack's durable_through
/// covers it (readings ingest refuses as invalid are acknowledged too: they are logged, counted and
/// deleted, since resending cannot fix them). When the stream breaks for any reason it is opened
/// again at once and then with exponential backoff and full jitter, and everything not yet
/// acknowledged is sent again from the start of the queue: ingest de-duplicates on (gateway,
/// sequence), so a resend can never store a reading twice.
///
/// The stream has no deadline, unlike unary calls (DESIGN §6): it lives as long as the gateway.
/// A dead peer is found by the channel's keepalive pings and a stuck one by ack_timeout.
class Uploader {
 public:
  Uploader(UploaderOptions options, ReadingQueue& queue, EdgeMetrics& metrics, RandomSource random);
  ~Uploader();  ///< Stops.
  Uploader(const Uploader&) = delete;
  Uploader& operator=(const Uploader&) = delete;

  /// Starts the upload thread.
  void Start();
  /// Cancels the stream and joins the thread. Readings not acknowledged stay queued. Idempotent.
  void Stop();
  /// New readings were queued: send them now rather than at the next idle poll.
  void Wake();

 private:
  struct InFlight {
    std::int64_t last_sequence;
    std::chrono::steady_clock::time_point sent_at;
  };

  void Run();
  /// One stream from open to break; true when it was healthy (acks arrived, or it stayed up past
  /// the backoff limit), so the next break is retried at once.
  bool RunSession();
  void ReadAcks(grpc::ClientReaderWriterInterface<v1::UploadBatch, v1::UploadAck>& stream);
  void HandleAck(const v1::UploadAck& ack);

  UploaderOptions options_;
  ReadingQueue& queue_;
  EdgeMetrics& metrics_;
  Backoff backoff_;

  std::mutex mutex_;
  std::condition_variable changed_;
  bool stopping_ = false;
  bool woken_ = false;
  grpc::ClientContext* context_ = nullptr;  // the open stream's, to cancel it from Stop()
  // Per session:
  bool broken_ = false;
  bool acked_ = false;
  std::int64_t highest_sent_ = 0;
  std::deque<InFlight> in_flight_;

  std::thread thread_;
};

}  // namespace greenlane::edge
