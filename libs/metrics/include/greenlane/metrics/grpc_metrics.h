#pragma once

#include <prometheus/registry.h>

#include <string>
#include <string_view>

#include "greenlane/metrics/call_metrics.h"

namespace greenlane::metrics {

/// Call counts and latencies of a gRPC server:
/// greenlane_grpc_server_handled_total{service,grpc_method,grpc_code} and
/// greenlane_grpc_server_handling_seconds{service,grpc_method}.
class GrpcMetrics {
 public:
  GrpcMetrics(prometheus::Registry& registry, const std::string& service);

  /// Records one finished call. `grpc_method` is the full method ("/pkg.Service/Method");
  /// `grpc_code` is a grpc::StatusCode value, shown by its canonical name ("OK", "NOT_FOUND").
  void Observe(const std::string& grpc_method, int grpc_code, double seconds);

 private:
  CallMetrics calls_;
};

/// The canonical name of a gRPC status code ("OK", "DEADLINE_EXCEEDED"); "UNKNOWN" for values
/// outside the defined range, so a misbehaving peer cannot add series.
std::string_view GrpcCodeName(int grpc_code);

}  // namespace greenlane::metrics
