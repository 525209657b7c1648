#include "app/edge_metrics.h"

#include <chrono>

namespace greenlane::edge {
namespace {

prometheus::Gauge& Gauge(prometheus::Registry& registry, const std::string& name, const std::string& help) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(registry).Add({});
}

prometheus::Counter& Counter(prometheus::Registry& registry, const std::string& name, const std::string& help) {
  return prometheus::BuildCounter().Name(name).Help(help).Register(registry).Add({});
}

}  // namespace

EdgeMetrics::EdgeMetrics(prometheus::Registry& registry)
    : depth_(Gauge(registry, "greenlane_edge_queue_depth", "Readings queued and not yet acknowledged by ingest")),
      oldest_age_(Gauge(registry, "greenlane_edge_queue_oldest_age_seconds",
                        "Age of the oldest unacknowledged reading (0 when the queue is empty)")),
      queue_full_(Gauge(registry, "greenlane_edge_queue_full",
                        "1 while analyzer files wait in their folder because the queue is at capacity")),
      files_(prometheus::BuildCounter()
                 .Name("greenlane_edge_files_total")
                 .Help("Analyzer files handled, by outcome")
                 .Register(registry)),
      imported_files_(files_.Add({{"outcome", "imported"}})),
      rejected_files_(files_.Add({{"outcome", "rejected"}})),
      duplicate_files_(files_.Add({{"outcome", "duplicate"}})),
      enqueued_(Counter(registry, "greenlane_edge_readings_enqueued_total", "Readings committed to the local queue")),
      uploaded_(Counter(registry, "greenlane_edge_readings_uploaded_total",
                        "Readings acknowledged by ingest and removed from the queue")),
      refused_(Counter(registry, "greenlane_edge_readings_refused_total",
                       "Readings ingest acknowledged as invalid (logged with the reason)")),
      reconnects_(
          Counter(registry, "greenlane_edge_stream_reconnects_total", "Upload streams opened again after a break")) {}

void EdgeMetrics::FileImported(std::uint64_t readings) {
  imported_files_.Increment();
  enqueued_.Increment(static_cast<double>(readings));
}

void EdgeMetrics::SetQueue(std::uint64_t depth, std::optional<core::TimePoint> oldest, core::TimePoint now) {
  depth_.Set(static_cast<double>(depth));
  oldest_age_.Set(oldest ? std::chrono::duration<double>(now - *oldest).count() : 0.0);
}

}  // namespace greenlane::edge
