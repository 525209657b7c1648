#include "greenlane/metrics/grpc_metrics.h"

#include <array>

namespace greenlane::metrics {
namespace {

// Indexed by grpc::StatusCode; metrics does not link gRPC, and these values are fixed by the
// gRPC protocol.
constexpr std::array<std::string_view, 17> kGrpcCodeNames{
    "OK",        "CANCELLED",      "UNKNOWN",           "INVALID_ARGUMENT",   "DEADLINE_EXCEEDED",
    "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
    "ABORTED",   "OUT_OF_RANGE",   "UNIMPLEMENTED",     "INTERNAL",           "UNAVAILABLE",
    "DATA_LOSS", "UNAUTHENTICATED"};

}  // namespace

std::string_view GrpcCodeName(int grpc_code) {
  if (grpc_code < 0 || grpc_code >= static_cast<int>(kGrpcCodeNames.size())) return "UNKNOWN";
  return kGrpcCodeNames[static_cast<std::size_t>(grpc_code)];
}

GrpcMetrics::GrpcMetrics(prometheus::Registry& registry, const std::string& service)
    : calls_(registry,
             {.counter_name = "greenlane_grpc_server_handled_total",
              .counter_help = "gRPC calls finished by the server, by method and status code",
              .histogram_name = "greenlane_grpc_server_handling_seconds",
              .histogram_help = "Time from receiving a gRPC call to sending its status, by method",
              .call_labels = {"grpc_method"},
              .outcome_label = "grpc_code"},
             service) {}

void GrpcMetrics::Observe(const std::string& grpc_method, int grpc_code, double seconds) {
  const std::array<std::string_view, 1> call_values{grpc_method};
  calls_.Observe(call_values, GrpcCodeName(grpc_code), seconds);
}

}  // namespace greenlane::metrics
