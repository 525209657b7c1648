#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <cstdint>
#include <optional>

#include "greenlane/core/clock.h"

namespace greenlane::edge {

/// What an operator watches on a gateway (served at /metrics):
/// - greenlane_edge_queue_depth, greenlane_edge_queue_oldest_age_seconds: how far behind uploads are;
/// - greenlane_edge_queue_full: 1 while files wait because the queue is at capacity (the alarm);
/// - greenlane_edge_files_total{outcome="imported|rejected|duplicate"}: what happened to files;
/// - greenlane_edge_readings_enqueued_total, greenlane_edge_readings_uploaded_total (acknowledged by
///   ingest; its rate() is the upload rate), greenlane_edge_readings_refused_total (acknowledged
///   as invalid by ingest);
/// - greenlane_edge_stream_reconnects_total.
class EdgeMetrics {
 public:
  explicit EdgeMetrics(prometheus::Registry& registry);

  void FileImported(std::uint64_t readings);
  void FileRejected() { rejected_files_.Increment(); }
  void FileDuplicate() { duplicate_files_.Increment(); }
  void SetQueueFull(bool full) { queue_full_.Set(full ? 1 : 0); }
  void Acknowledged(std::uint64_t readings) { uploaded_.Increment(static_cast<double>(readings)); }
  void RefusedByIngest(std::uint64_t readings) { refused_.Increment(static_cast<double>(readings)); }
  void Reconnect() { reconnects_.Increment(); }
  /// Depth and the age of the oldest unacknowledged reading (0 when the queue is empty).
  void SetQueue(std::uint64_t depth, std::optional<core::TimePoint> oldest, core::TimePoint now);

  double rejected_files() const { return rejected_files_.Value(); }
  double uploaded() const { return uploaded_.Value(); }

 private:
  prometheus::Gauge& depth_;
  prometheus::Gauge& oldest_age_;
  prometheus::Gauge& queue_full_;
  prometheus::Family<prometheus::Counter>& files_;
  prometheus::Counter& imported_files_;
  prometheus::Counter& rejected_files_;
  prometheus::Counter& duplicate_files_;
  prometheus::Counter& enqueued_;
  prometheus::Counter& uploaded_;
  prometheus::Counter& refused_;
  prometheus::Counter& reconnects_;
};

}  // namespace greenlane::edge
