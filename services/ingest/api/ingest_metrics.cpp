#include "api/ingest_metrics.h"

namespace greenlane::ingest {
namespace {

prometheus::Family<prometheus::Counter>& Readings(prometheus::Registry& registry) {
  return prometheus::BuildCounter()
      .Name("greenlane_ingest_readings_total")
      .Help(
          "Readings in committed upload batches, by outcome: accepted (newly stored), duplicate (already "
          "stored), rejected (invalid, never stored)")
      .Register(registry);
}

}  // namespace

IngestMetrics::IngestMetrics(prometheus::Registry& registry)
    : readings_(Readings(registry)),
      accepted_(readings_.Add({{"outcome", "accepted"}})),
      duplicate_(readings_.Add({{"outcome", "duplicate"}})),
      rejected_(readings_.Add({{"outcome", "rejected"}})) {}

void IngestMetrics::BatchCommitted(std::uint64_t accepted, std::uint64_t duplicates, std::uint64_t rejected) {
  accepted_.Increment(static_cast<double>(accepted));
  duplicate_.Increment(static_cast<double>(duplicates));
  rejected_.Increment(static_cast<double>(rejected));
}

}  // namespace greenlane::ingest
