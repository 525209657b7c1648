#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>

#include "api/ingest_metrics.h"
#include "greenlane/core/worker_pool.h"
#include "greenlane/v1/ingest.pb.h"
#include "store/reading_store.h"

namespace greenlane::ingest {

struct UploadLimits {
  int max_batch_readings = 5000;  ///< a larger batch ends the stream with INVALID_ARGUMENT
  int pipeline = 2;               ///< batches of one stream committed at once
};

/// One gateway's Upload stream. Commits each batch on the worker pool (gRPC's threads never block on
/// SQL), up to `pipeline` batches of the stream at once, each in its own transaction on its own
/// connection: PostgreSQL stores one batch while ingest reads and stages the next, instead of the
/// two taking turns. Acks go out in the order the batches came, each once its batch and every batch
/// before it committed, so durable_through only ever names a durable prefix of the stream. With
/// `pipeline` batches unacknowledged the stream stops reading: a fast gateway waits for the database
/// instead of filling memory. Deletes itself once the call is done and none of its commits runs.
class UploadReactor final : public grpc::ServerBidiReactor<v1::UploadBatch, v1::UploadAck> {
 public:
  /// Refuses the call at once unless the client certificate names a gateway ("gateway-*").
  UploadReactor(grpc::CallbackServerContext* context, core::WorkerPool& pool, ReadingStore& store,
                IngestMetrics& metrics, UploadLimits limits);

  void OnReadDone(bool ok) override;
  void OnWriteDone(bool ok) override;
  void OnDone() override;

 private:
  /// A batch from its read to its ack.
  struct Batch {
    v1::UploadBatch request;
    bool committed = false;
    grpc::Status failure;  ///< set when the commit failed: the stream ends with it, in turn
    std::int64_t highest_sequence = 0;
    v1::UploadAck ack;  ///< all but durable_through, which is set when its turn comes
  };

  // Members named *Locked run with mutex_ held. Reactions may come on any thread, and a Start* call
  // may run its reaction before returning, so the mutex is recursive and every Start* call is the
  // last thing its caller does to the state.
  void StartReadLocked();
  /// Runs on a worker: commits `batch` and records the outcome in it, then moves the stream on.
  void Commit(Batch* batch);
  /// The commit itself and the ack's counts; throws when PostgreSQL fails.
  void CommitAndCount(Batch& batch);
  /// Writes the oldest batch's ack once it is committed and no ack is being written, reads more
  /// while fewer than `pipeline` batches wait, and finishes the call once the gateway closed its
  /// side and every batch is acknowledged.
  void AdvanceLocked();
  void FinishLocked(const grpc::Status& status);

  core::WorkerPool& pool_;
  ReadingStore& store_;
  IngestMetrics& metrics_;
  UploadLimits limits_;
  std::string gateway_id_;
  std::string request_id_;

  std::recursive_mutex mutex_;
  std::unique_ptr<Batch> reading_;              ///< the batch being read
  std::deque<std::unique_ptr<Batch>> batches_;  ///< read and not yet acknowledged, oldest first
  bool writing_ = false;                        ///< the front batch's ack is being written
  bool reads_ended_ = false;                    ///< the gateway closed its side, or the call broke
  bool finished_ = false;
  bool done_ = false;  ///< OnDone ran: gRPC is done with this reactor
  int commits_running_ = 0;
  std::int64_t durable_through_ = 0;  ///< highest sequence acknowledged on this stream
};

}  // namespace greenlane::ingest
