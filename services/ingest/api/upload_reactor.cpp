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
                             IngestMetrics& metrics, int max_batch_readings)
    : pool_(pool),
      store_(store),
      metrics_(metrics),
      max_batch_readings_(max_batch_readings),
      request_id_(rpc::RequestId(*context)) {
  if (auto status = rpc::RequirePeer(*context, {"gateway-"}); !status.ok()) {
    Finish(status);
    return;
  }
  gateway_id_ = *rpc::PeerIdentity(*context);
  StartRead(&batch_);
}

void UploadReactor::OnReadDone(bool ok) {
  if (!ok) {  // the gateway closed its side (or the call broke): every batch read was acknowledged
    Finish(grpc::Status::OK);
    return;
  }
  if (batch_.readings_size() > max_batch_readings_) {
    Finish({grpc::StatusCode::INVALID_ARGUMENT, "a batch holds " + std::to_string(batch_.readings_size()) +
                                                    " readings; at most " + std::to_string(max_batch_readings_) +
                                                    " are allowed: send smaller batches"});
    return;
  }
  if (!pool_.TrySubmit([this] { CommitBatch(); })) {
    Finish({grpc::StatusCode::UNAVAILABLE, "the server is at capacity (worker queue full); retry with backoff"});
  }
}

void UploadReactor::CommitBatch() {
  log::RequestScope scope(request_id_);
  grpc::Status failure;
  try {
    BuildAck();
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
  if (failure.ok()) {
    StartWrite(&ack_);
  } else {
    Finish(failure);
  }
}

void UploadReactor::BuildAck() {
  std::vector<SequencedReading> readings;
  readings.reserve(static_cast<std::size_t>(batch_.readings_size()));
  for (const auto& reading : batch_.readings()) readings.push_back(FromProto(reading));
  auto screened = ScreenBatch(std::move(readings));
  const auto committed = store_.Commit(gateway_id_, screened.valid);

  auto rejected = std::move(screened.rejected);
  rejected.insert(rejected.end(), committed.conflicts.begin(), committed.conflicts.end());
  std::sort(rejected.begin(), rejected.end(), [](const auto& a, const auto& b) { return a.sequence < b.sequence; });
  durable_through_ = std::max(durable_through_, screened.highest_sequence);

  metrics_.BatchCommitted(static_cast<std::uint64_t>(committed.accepted),
                          static_cast<std::uint64_t>(committed.duplicates), rejected.size());
  ack_.Clear();
  ack_.set_durable_through(durable_through_);
  ack_.set_accepted(committed.accepted);
  ack_.set_duplicates(committed.duplicates);
  for (const auto& rejection : rejected) {
    log::Warn("reading rejected", {{"gateway", gateway_id_},
                                   {"sequence", rejection.sequence},
                                   {"field", rejection.field},
                                   {"reason", rejection.reason}});
    auto* out = ack_.add_rejected();
    out->set_sequence(rejection.sequence);
    out->set_field(rejection.field);
    out->set_reason(rejection.reason);
  }
  log::Debug("upload batch committed", {{"gateway", gateway_id_},
                                        {"durable_through", durable_through_},
                                        {"accepted", committed.accepted},
                                        {"duplicates", committed.duplicates},
                                        {"rejected", rejected.size()}});
}

void UploadReactor::OnWriteDone(bool ok) {
  if (!ok) {
    Finish({grpc::StatusCode::UNAVAILABLE, "the acknowledgement could not be sent"});
    return;
  }
  StartRead(&batch_);
}

void UploadReactor::OnDone() { delete this; }

}  // namespace greenlane::ingest
