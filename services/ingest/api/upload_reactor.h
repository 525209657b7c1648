#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include <cstdint>
#include <string>

#include "api/ingest_metrics.h"
#include "greenlane/core/worker_pool.h"
#include "greenlane/v1/ingest.pb.h"
#include "store/reading_store.h"

namespace greenlane::ingest {

/// One gateway's Upload stream. Reads a batch, commits it on the worker pool (gRPC's threads never
/// block on SQL), writes the ack, and only then reads the next batch: one batch in flight per
/// stream is the flow control, so a fast gateway waits for the database instead of filling memory.
/// Deletes itself when the call is done.
class UploadReactor final : public grpc::ServerBidiReactor<v1::UploadBatch, v1::UploadAck> {
 public:
  /// Refuses the call at once unless the client certificate names a gateway ("gateway-*").
  UploadReactor(grpc::CallbackServerContext* context, core::WorkerPool& pool, ReadingStore& store,
                IngestMetrics& metrics, int max_batch_readings);

  void OnReadDone(bool ok) override;
  void OnWriteDone(bool ok) override;
  void OnDone() override;

 private:
  /// Runs on a worker; ends by starting the ack's write or finishing the call, and touches nothing
  /// of the reactor after that (the call may complete, and the reactor go, on another thread).
  void CommitBatch();
  /// The commit itself; throws when PostgreSQL fails.
  void BuildAck();

  core::WorkerPool& pool_;
  ReadingStore& store_;
  IngestMetrics& metrics_;
  int max_batch_readings_;
  std::string gateway_id_;
  std::string request_id_;
  v1::UploadBatch batch_;
  v1::UploadAck ack_;
  std::int64_t durable_through_ = 0;  // highest sequence acknowledged on this stream
};

}  // namespace greenlane::ingest
