#pragma once

#include <prometheus/registry.h>

#include <memory>

#include "api/settings.h"
#include "greenlane/core/clock.h"

namespace greenlane::identify {

/// greenlane-identify assembled: tables, pools, the reference library, the consumer of
/// ingest.reading.accepted, the outbox relay, readiness and the mutual-TLS gRPC server. main() and
/// the integration tests build it the same way.
class IdentifyServer {
 public:
  /// Reads the identification tables (throws core::ConfigError naming a bad file); connects nothing.
  explicit IdentifyServer(IdentifySettings settings, const core::Clock& clock = core::SystemClock::Instance(),
                          std::shared_ptr<prometheus::Registry> registry = nullptr);
  ~IdentifyServer();
  IdentifyServer(const IdentifyServer&) = delete;
  IdentifyServer& operator=(const IdentifyServer&) = delete;

  /// Loads the reference library from PostgreSQL, starts the relay, the consumer, the readiness
  /// probe and the gRPC server; returns the bound port.
  unsigned short Start();
  /// Stops taking calls and events, lets running calls finish for shutdown_grace. Idempotent.
  void Stop();

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace greenlane::identify
