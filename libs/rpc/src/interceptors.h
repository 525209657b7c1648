#pragma once

#include <grpcpp/support/server_interceptor.h>

#include "greenlane/metrics/grpc_metrics.h"

namespace greenlane::rpc::internal {

/// Gives every call a request id (the caller's well-formed `x-request-id`, or a new UUIDv7) that
/// handlers read with RequestId() and that the caller gets back in the initial metadata, and writes
/// one JSON log line per call: method, peer, caller CN, status code, duration.
class LoggingInterceptorFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override;
};

/// Counts and times every call in GrpcMetrics, recorded as the status is sent so that a caller
/// that has its answer also finds it counted.
class MetricsInterceptorFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit MetricsInterceptorFactory(metrics::GrpcMetrics& metrics) : metrics_(metrics) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override;

 private:
  metrics::GrpcMetrics& metrics_;
};

}  // namespace greenlane::rpc::internal
