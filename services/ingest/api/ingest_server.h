#pragma once

#include <prometheus/registry.h>

#include <memory>

#include "api/settings.h"
#include "greenlane/core/clock.h"

namespace greenlane::ingest {

/// greenlane-ingest assembled: pools, stores, worker pool, outbox relay, readiness probe and the
/// mutual-TLS gRPC server. main() and the integration tests build it the same way.
class IngestServer {
 public:
  /// Builds everything without connecting. `registry` receives the call and reading metrics and is
  /// what /metrics serves (nullptr = the process registry).
  explicit IngestServer(IngestSettings settings, const core::Clock& clock = core::SystemClock::Instance(),
                        std::shared_ptr<prometheus::Registry> registry = nullptr);
  ~IngestServer();
  IngestServer(const IngestServer&) = delete;
  IngestServer& operator=(const IngestServer&) = delete;

  /// Starts the relay, the /metrics endpoint, the readiness probe and the gRPC server; returns the
  /// bound gRPC port. Throws core::ConfigError when a TLS file cannot be read,
  /// core::GreenlaneException when a port cannot be bound.
  unsigned short Start();
  /// Stops taking calls, lets running ones finish for shutdown_grace, then stops the workers and the
  /// relay. Idempotent.
  void Stop();
  /// The port of /metrics and /healthz (after Start).
  unsigned short metrics_port() const;

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace greenlane::ingest
