#pragma once

#include <prometheus/registry.h>

#include <memory>

#include "api/settings.h"
#include "greenlane/core/clock.h"

namespace greenlane::timber {

/// greenlane-timber assembled: rules and species from data_dir, the token key, pools, repositories,
/// worker pool, outbox relay, readiness probe and the mutual-TLS gRPC server. main() and the
/// integration tests build it the same way.
class TimberServer {
 public:
  /// Loads the data files and the signing key (throws core::ConfigError naming the file and what is
  /// wrong) and builds everything without connecting. `registry` receives the call metrics (nullptr =
  /// the process registry).
  explicit TimberServer(TimberSettings settings, const core::Clock& clock = core::SystemClock::Instance(),
                        std::shared_ptr<prometheus::Registry> registry = nullptr);
  ~TimberServer();
  TimberServer(const TimberServer&) = delete;
  TimberServer& operator=(const TimberServer&) = delete;

  /// Starts the relay, the readiness probe and the gRPC server; returns the bound port.
  unsigned short Start();
  /// Stops taking calls, lets running ones finish for shutdown_grace, then stops the workers and the
  /// relay. Idempotent.
  void Stop();

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace greenlane::timber
