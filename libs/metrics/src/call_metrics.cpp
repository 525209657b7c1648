#include "greenlane/metrics/call_metrics.h"

#include <mutex>
#include <stdexcept>

namespace greenlane::metrics {
namespace {

// Cannot occur in a method name, route pattern or status, so joined keys are unambiguous.
constexpr char kKeySeparator = '\x1f';

}  // namespace

const prometheus::Histogram::BucketBoundaries kRequestDurationBuckets = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

CallMetrics::CallMetrics(prometheus::Registry& registry, const Spec& spec, std::string service)
    : calls_(prometheus::BuildCounter().Name(spec.counter_name).Help(spec.counter_help).Register(registry)),
      duration_(prometheus::BuildHistogram().Name(spec.histogram_name).Help(spec.histogram_help).Register(registry)),
      call_labels_(spec.call_labels),
      outcome_label_(spec.outcome_label),
      service_(std::move(service)) {}

void CallMetrics::Observe(std::span<const std::string_view> call_values, std::string_view outcome, double seconds) {
  Children& children = ChildrenFor(call_values, outcome);
  children.calls->Increment();
  children.duration->Observe(seconds);
}

CallMetrics::Children& CallMetrics::ChildrenFor(std::span<const std::string_view> call_values,
                                                std::string_view outcome) {
  if (call_values.size() != call_labels_.size()) {
    throw std::invalid_argument("CallMetrics::Observe: expected " + std::to_string(call_labels_.size()) +
                                " label values, got " + std::to_string(call_values.size()));
  }
  // Reused per thread so that the common case (a known series) does not allocate.
  thread_local std::string key;
  key.clear();
  for (auto value : call_values) {
    key.append(value);
    key.push_back(kKeySeparator);
  }
  key.append(outcome);
  {
    std::shared_lock lock(mutex_);
    if (auto it = children_.find(key); it != children_.end()) return it->second;
  }
  std::unique_lock lock(mutex_);
  if (auto it = children_.find(key); it != children_.end()) return it->second;
  prometheus::Labels labels{{"service", service_}};
  for (std::size_t i = 0; i < call_values.size(); ++i) labels.emplace(call_labels_[i], std::string(call_values[i]));
  auto& duration = duration_.Add(labels, kRequestDurationBuckets);
  labels.emplace(outcome_label_, std::string(outcome));
  auto& calls = calls_.Add(labels);
  return children_.emplace(key, Children{&calls, &duration}).first->second;
}

}  // namespace greenlane::metrics
