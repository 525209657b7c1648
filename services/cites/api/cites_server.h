#pragma once

#include <prometheus/registry.h>

#include <memory>

#include "api/settings.h"
#include "greenlane/core/clock.h"

namespace greenlane::cites {

/// greenlane-cites assembled: pools, stores, signing key, worker pool, outbox relay, readiness probe
/// and the mutual-TLS gRPC server. main() and the integration tests build it the same way.
class CitesServer {
 public:
  /// Reads the signing key and the compiled-in code tables; does not connect. Throws
  /// core::ConfigError when the signing key cannot be read.
  explicit CitesServer(CitesSettings settings, const core::Clock& clock = core::SystemClock::Instance(),
                       std::shared_ptr<prometheus::Registry> registry = nullptr);
  ~CitesServer();
  CitesServer(const CitesServer&) = delete;
  CitesServer& operator=(const CitesServer&) = delete;

  /// Seeds and loads the species listings, starts the relay, the readiness probe and the gRPC
  /// server; returns the bound port.
  unsigned short Start();
  /// Stops taking calls, lets running ones finish for shutdown_grace, then stops the rest. Idempotent.
  void Stop();

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace greenlane::cites
