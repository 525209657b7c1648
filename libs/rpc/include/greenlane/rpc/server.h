#pragma once

#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/server.h>
#include <prometheus/registry.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "greenlane/rpc/tls.h"

namespace greenlane::metrics {
class GrpcMetrics;
}  // namespace greenlane::metrics

namespace greenlane::rpc {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 0;  ///< 0 picks a free port; Start() returns it
  std::optional<TlsFiles> tls;
  /// With tls set: true refuses clients without a certificate from tls->ca_file (mutual TLS,
  /// the default between services); false still verifies a certificate when one is presented.
  bool require_client_cert = true;
  int max_message_bytes = 4 << 20;
  std::string service_name;  ///< e.g. "timber": metrics label, and a health-check name
  /// Where the call metrics go; nullptr means metrics::DefaultRegistry().
  std::shared_ptr<prometheus::Registry> registry;
};

/// A gRPC server with what every Greenlane service needs: grpc.health.v1 (SERVING for the whole
/// server, for service_name and for every registered proto service), server reflection, a JSON
/// log line and metrics for every call, an `x-request-id` on every call (the caller's, or a new
/// UUIDv7; read it with RequestId()), keepalive limits that match MakeChannel(), and TLS or mutual
/// TLS from PEM files.
class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();  ///< Shuts down without grace if still running.
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Registers a service (not owned; it must outlive the server). Call before Start().
  void AddService(grpc::Service* service);

  /// Binds and starts serving; returns the bound port. Throws core::ConfigError when a TLS file
  /// cannot be read and core::GreenlaneException (kUnavailable) when the address cannot be bound.
  unsigned short Start();

  /// Reports NOT_SERVING so that load balancers stop sending, lets running calls finish for up
  /// to `grace`, cancels the rest and waits for their handlers. Idempotent.
  void Shutdown(std::chrono::milliseconds grace);

  /// The health service, to report NOT_SERVING while a dependency is down; nullptr before Start().
  grpc::HealthCheckServiceInterface* health();

 private:
  ServerOptions options_;
  std::vector<grpc::Service*> services_;
  std::unique_ptr<metrics::GrpcMetrics> metrics_;  // outlives server_: its interceptors use it
  std::unique_ptr<grpc::Server> server_;
};

}  // namespace greenlane::rpc
