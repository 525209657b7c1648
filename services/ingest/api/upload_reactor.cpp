#include "api/upload_reactor.h"

#include <algorithm>
#include <pqxx/except>

#include "api/convert.h"
#include "domain/validation.h"
#include "greenlane/core/error.h"
#include "greenlane/core/log.h"
#include "greenlane/rpc/auth.h"
#include "greenlane/rpc/request_id.h"
#include "greenlane/rpc/status.h"

namespace greenlane::ingest {

UploadReactor::UploadReactor(grpc::CallbackServerContext* context, core::WorkerPool& pool, ReadingStore& store,
                             IngestMetrics& metrics, UploadLimits limits)
    : pool_(pool), store_(store), metrics_(metrics), limits_(limits), request_id_(rpc::RequestId(*context)) {
  std::lock_guard lock(mutex_);
  if (auto status = rpc::RequirePeer(*context, {"gateway-"}); !status.ok()) {
    FinishLocked(status);
    return;
  }
  gateway_id_ = *rpc::PeerIdentity(*context);
  StartReadLocked();
}

void UploadReactor::StartReadLocked() {
  reading_ = std::make_unique<Batch>();
  StartRead(&reading_->request);
}

void UploadReactor::OnReadDone(bool ok) {
  std::lock_guard lock(mutex_);
  auto batch = std::move(reading_);
  if (!ok) {  // the gateway closed its side (or the call broke): acknowledge what was read, then end
    reads_ended_ = true;
    AdvanceLocked();
    return;
  }
  if (batch->request.readings_size() > limits_.max_batch_readings) {
    FinishLocked({grpc::StatusCode::INVALID_ARGUMENT,
                  "a batch holds " + std::to_string(batch->request.readings_size()) + " readings; at most " +
                      std::to_string(limits_.max_batch_readings) + " are allowed: send smaller batches"});
    return;
  }
  Batch* committing = batch.get();
  batches_.push_back(std::move(batch));
  ++commits_running_;
  if (!pool_.TrySubmit([this, committing] { Commit(committing); })) {
    --commits_running_;
    FinishLocked(rpc::ToGrpcStatus(core::WorkerPool::QueueFullError()));
    return;
  }
  AdvanceLocked();
}

void UploadReactor::Commit(Batch* batch) {
  log::RequestScope scope(request_id_);
  grpc::Status failure;
  try {
    CommitAndCount(*batch);
  } catch (const core::GreenlaneException& e) {
    log::Warn("upload batch not committed", {{"gateway", gateway_id_}, {"error", e.what()}});
    failure = rpc::ToGrpcStatus(e.error());
  } catch (const pqxx::broken_connection& e) {
    log::Warn("upload batch not committed: PostgreSQL connection lost",
              {{"gateway", gateway_id_}, {"error", e.what()}});
    failure = {grpc::StatusCode::UNAVAILABLE, "the database connection was lost; resend the unacknowledged batch"};
  } catch (const pqxx::in_doubt_error& e) {
    log::Warn("upload batch commit in doubt", {{"gateway", gateway_id_}, {"error", e.what()}});
    failure = {grpc::StatusCode::UNAVAILABLE, "the commit outcome is unknown; resend the unacknowledged batch"};
  } catch (const std::exception& e) {
    log::Error("upload batch failed", {{"gateway", gateway_id_}, {"error", e.what()}});
    failure = {grpc::StatusCode::INTERNAL, "internal error; quote request id '" + request_id_ + "' when reporting it"};
  }
  std::unique_lock lock(mutex_);
  batch->committed = true;
  batch->failure = failure;
  --commits_running_;
  AdvanceLocked();
  const bool unused = done_ && commits_running_ == 0;
  lock.unlock();
  if (unused) delete this;  // gRPC finished with the call while this commit ran
}

void UploadReactor::AdvanceLocked() {
  if (finished_) return;
  if (!writing_ && !batches_.empty() && batches_.front()->committed) {
    auto& batch = *batches_.front();
    if (!batch.failure.ok()) {
      FinishLocked(batch.failure);
      return;
    }
    durable_through_ = std::max(durable_through_, batch.highest_sequence);
    batch.ack.set_durable_through(durable_through_);
    writing_ = true;
    StartWrite(&batch.ack);
    return;  // OnWriteDone moves on
  }
  if (reads_ended_) {
    if (batches_.empty() && !writing_) FinishLocked(grpc::Status::OK);
    return;
  }
  if (!reading_ && batches_.size() < static_cast<std::size_t>(limits_.pipeline)) StartReadLocked();
}

void UploadReactor::FinishLocked(const grpc::Status& status) {
  if (finished_) return;
  finished_ = true;
  Finish(status);
}

void UploadReactor::CommitAndCount(Batch& batch) {
  std::vector<SequencedReading> readings;
  readings.reserve(static_cast<std::size_t>(batch.request.readings_size()));
  for (const auto& reading : batch.request.readings()) readings.push_back(FromProto(reading));
  auto screened = ScreenBatch(std::move(readings));
  const auto committed = store_.Commit(gateway_id_, screened.valid);

  auto rejected = std::move(screened.rejected);
  rejected.insert(rejected.end(), committed.conflicts.begin(), committed.conflicts.end());
  std::sort(rejected.begin(), rejected.end(), [](const auto& a, const auto& b) { return a.sequence < b.sequence; });
  batch.highest_sequence = screened.highest_sequence;

  metrics_.BatchCommitted(static_cast<std::uint64_t>(committed.accepted),
                          static_cast<std::uint64_t>(committed.duplicates), rejected.size());
  batch.ack.set_accepted(committed.accepted);
  batch.ack.set_duplicates(committed.duplicates);
  for (const auto& rejection : rejected) {
    log::Warn("reading rejected", {{"gateway", gateway_id_},
                                   {"sequence", rejection.sequence},
                                   {"field", rejection.field},
                                   {"reason", rejection.reason}});
    auto* out = batch.ack.add_rejected();
    out->set_sequence(rejection.sequence);
    out->set_field(rejection.field);
    out->set_reason(rejection.reason);
  }
  log::Debug("upload batch committed", {{"gateway", gateway_id_},
                                        {"highest_sequence", batch.highest_sequence},
                                        {"accepted", committed.accepted},
                                        {"duplicates", committed.duplicates},
                                        {"rejected", rejected.size()}});
}

void UploadReactor::OnWriteDone(bool ok) {
  std::lock_guard lock(mutex_);
  writing_ = false;
  batches_.pop_front();
  if (!ok) {
    FinishLocked({grpc::StatusCode::UNAVAILABLE, "the acknowledgement could not be sent"});
    return;
  }
  AdvanceLocked();
}

void UploadReactor::OnDone() {
  std::unique_lock lock(mutex_);
  done_ = true;
  const bool unused = commits_running_ == 0;
  lock.unlock();
  if (unused) delete this;  // else the last commit to end deletes it
}

}  // namespace greenlane::ingest
