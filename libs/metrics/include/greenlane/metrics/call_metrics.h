#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace greenlane::metrics {

/// Latency buckets for request handling, 0.5 ms to 10 s: fine enough to see a cache hit apart from
/// a query, coarse enough to stay cheap.
extern const prometheus::Histogram::BucketBoundaries kRequestDurationBuckets;

/// The shared engine of HttpMetrics and GrpcMetrics: a counter of finished calls labelled by
/// service, the call labels and the outcome, and a duration histogram labelled by service and the
/// call labels. prometheus-cpp's Family::Add takes a lock and hashes every label on each call, so
/// the label children are cached here and a repeat observation costs one shared-lock lookup.
class CallMetrics {
 public:
  struct Spec {
    std::string counter_name;
    std::string counter_help;
    std::string histogram_name;
    std::string histogram_help;
    std::vector<std::string> call_labels;  ///< e.g. {"method", "route"}; values given to Observe in this order
    std::string outcome_label;             ///< e.g. "status"; only on the counter
  };

  CallMetrics(prometheus::Registry& registry, const Spec& spec, std::string service);
  CallMetrics(const CallMetrics&) = delete;
  CallMetrics& operator=(const CallMetrics&) = delete;

  /// Counts one finished call and records its duration. `call_values` must match
  /// Spec::call_labels in number and order and must be low-cardinality (route patterns, method
  /// names; never raw paths or ids).
  void Observe(std::span<const std::string_view> call_values, std::string_view outcome, double seconds);

 private:
  struct Children {
    prometheus::Counter* calls;
    prometheus::Histogram* duration;
  };

  Children& ChildrenFor(std::span<const std::string_view> call_values, std::string_view outcome);

  prometheus::Family<prometheus::Counter>& calls_;
  prometheus::Family<prometheus::Histogram>& duration_;
  std::vector<std::string> call_labels_;
  std::string outcome_label_;
  std::string service_;
  std::shared_mutex mutex_;
  std::unordered_map<std::string, Children> children_;
};

}  // namespace greenlane::metrics
