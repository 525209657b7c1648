#pragma once

#include <prometheus/registry.h>

#include <string>

#include "greenlane/metrics/call_metrics.h"

namespace greenlane::metrics {

/// Request counts and latencies of an HTTP server:
/// greenlane_http_requests_total{service,method,route,status} and
/// greenlane_http_request_duration_seconds{service,method,route}.
class HttpMetrics {
 public:
  HttpMetrics(prometheus::Registry& registry, const std::string& service);

  /// Records one answered request. `route` is the matched route pattern (e.g.
  /// "/v1/permits/{id}"), never the raw path, so that ids cannot blow up the number of series.
  void Observe(const std::string& method, const std::string& route, unsigned status, double seconds);

 private:
  CallMetrics calls_;
};

}  // namespace greenlane::metrics
