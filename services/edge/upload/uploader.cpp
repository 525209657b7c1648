#include "upload/uploader.h"

#include <algorithm>

#include "greenlane/core/log.h"
#include "greenlane/v1/ingest.grpc.pb.h"

namespace greenlane::edge {

Uploader::Uploader(UploaderOptions options, ReadingQueue& queue, EdgeMetrics& metrics, RandomSource random)
    : options_(std::move(options)), queue_(queue), metrics_(metrics), backoff_(options_.backoff, std::move(random)) {}

Uploader::~Uploader() { Stop(); }

void Uploader::Start() {
  thread_ = std::thread([this] { Run(); });
}

void Uploader::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    if (context_) context_->TryCancel();
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Uploader::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  changed_.notify_all();
}

void Uploader::Run() {
  while (true) {
    bool healthy = false;
    try {
      healthy = RunSession();
    } catch (const std::exception& e) {
      log::Error("upload session failed", {{"error", e.what()}});
    }
    std::unique_lock lock(mutex_);
    if (stopping_) return;
    if (healthy) backoff_.Reset();
    const auto delay = backoff_.NextDelay();
    log::Warn("upload stream closed; reconnecting",
              {{"delay_ms", delay.count()}, {"attempt", backoff_.failures()}, {"queued", queue_.Depth()}});
    metrics_.Reconnect();
    changed_.wait_for(lock, delay, [this] { return stopping_; });
    if (stopping_) return;
  }
}

bool Uploader::RunSession() {
  const auto opened_at = std::chrono::steady_clock::now();
  // A new channel for every session: a shared channel would wait out gRPC's own reconnect backoff
  // (up to two minutes) after an outage, whatever our backoff says.
  auto stub = v1::IngestService::NewStub(rpc::MakeChannel(options_.channel));
  grpc::ClientContext context;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return false;
    context_ = &context;
    broken_ = false;
    acked_ = false;
    highest_sent_ = 0;
    in_flight_.clear();
  }
  auto stream = stub->Upload(&context);
  std::thread reader([&] { ReadAcks(*stream); });

  std::int64_t next_after = 0;  // everything still queued is unacknowledged: send it all again
  std::string why = "stopping";
  while (true) {
    std::unique_lock lock(mutex_);
    if (stopping_) break;
    if (broken_) {
      why = "stream broken";
      break;
    }
    const auto now = std::chrono::steady_clock::now();
    if (!in_flight_.empty() && now - in_flight_.front().sent_at > options_.ack_timeout) {
      why = "no acknowledgement within ack_timeout";
      break;
    }
    if (in_flight_.size() >= options_.window) {
      changed_.wait_for(lock, options_.ack_timeout);
      continue;
    }
    lock.unlock();

    const auto readings = queue_.ReadAfter(next_after, options_.batch_size);
    if (readings.empty()) {
      lock.lock();
      changed_.wait_for(lock, options_.idle_poll, [this] { return stopping_ || broken_ || woken_; });
      woken_ = false;
      continue;
    }
    v1::UploadBatch batch;
    for (const auto& queued : readings) {
      auto& sequenced = *batch.add_readings();
      sequenced.set_sequence(queued.sequence);
      if (!sequenced.mutable_reading()->ParseFromString(queued.reading)) {
        // Only this gateway writes the queue, so this is disk corruption: send the sequence with
        // an empty reading so ingest refuses it by name and the rest of the queue still flows.
        log::Error("queued reading is corrupt", {{"sequence", queued.sequence}});
      }
    }
    next_after = readings.back().sequence;
    lock.lock();
    highest_sent_ = next_after;  // before the write: an ack may arrive before Write returns
    in_flight_.push_back({next_after, std::chrono::steady_clock::now()});
    lock.unlock();
    if (!stream->Write(batch)) {
      why = "write failed";
      break;
    }
  }

  // A failed write or read means the call is over and Finish() will tell why; otherwise (stop, a
  // stuck ingest) the call is cancelled so that the reader's Read returns.
  if (why != "write failed" && why != "stream broken") context.TryCancel();
  reader.join();
  const grpc::Status status = stream->Finish();
  std::lock_guard lock(mutex_);
  context_ = nullptr;
  if (!stopping_) {
    log::Warn("upload stream ended", {{"reason", why},
                                      {"grpc_code", static_cast<int>(status.error_code())},
                                      {"grpc_message", status.error_message()},
                                      {"unacknowledged_batches", in_flight_.size()}});
  }
  return acked_ || std::chrono::steady_clock::now() - opened_at > options_.backoff.max;
}

void Uploader::ReadAcks(grpc::ClientReaderWriterInterface<v1::UploadBatch, v1::UploadAck>& stream) {
  v1::UploadAck ack;
  try {
    while (stream.Read(&ack)) HandleAck(ack);
  } catch (const std::exception& e) {
    log::Error("cannot apply an acknowledgement; reconnecting", {{"error", e.what()}});
  }
  {
    std::lock_guard lock(mutex_);
    broken_ = true;
  }
  changed_.notify_all();
}

void Uploader::HandleAck(const v1::UploadAck& ack) {
  std::int64_t through = ack.durable_through();
  {
    std::lock_guard lock(mutex_);
    // Never trust an ack beyond what this stream sent: deleting unsent readings would lose them.
    if (through > highest_sent_) {
      log::Error("ingest acknowledged sequences it was never sent; ignoring the excess",
                 {{"durable_through", through}, {"highest_sent", highest_sent_}});
      through = highest_sent_;
    }
  }
  for (const auto& rejection : ack.rejected()) {
    if (rejection.sequence() > through) continue;
    log::Warn("ingest refused a reading; it leaves the queue",
              {{"sequence", rejection.sequence()}, {"field", rejection.field()}, {"reason", rejection.reason()}});
  }
  const std::size_t deleted = queue_.AcknowledgeThrough(through);
  metrics_.Acknowledged(deleted);
  metrics_.RefusedByIngest(static_cast<std::uint64_t>(std::count_if(
      ack.rejected().begin(), ack.rejected().end(), [&](const auto& r) { return r.sequence() <= through; })));
  {
    std::lock_guard lock(mutex_);
    acked_ = true;
    while (!in_flight_.empty() && in_flight_.front().last_sequence <= through) in_flight_.pop_front();
  }
  changed_.notify_all();
}

}  // namespace greenlane::edge
