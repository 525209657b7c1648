#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/registry.h>

#include <cstdint>

namespace greenlane::ingest {

/// What an operator watches beside the gRPC call metrics: readings by what became of them,
/// greenlane_ingest_readings_total{outcome="accepted|duplicate|rejected"}. A rising duplicate rate
/// means gateways are resending (reconnects, restarts); rejected readings are lost to the gateway
/// and deserve a look at the log.
class IngestMetrics {
 public:
  explicit IngestMetrics(prometheus::Registry& registry);

  /// One committed batch (its ack follows).
  void BatchCommitted(std::uint64_t accepted, std::uint64_t duplicates, std::uint64_t rejected);

 private:
  prometheus::Family<prometheus::Counter>& readings_;
  prometheus::Counter& accepted_;
  prometheus::Counter& duplicate_;
  prometheus::Counter& rejected_;
};

}  // namespace greenlane::ingest
