#pragma once

#include <prometheus/registry.h>

#include <memory>

#include "api/document_services.h"
#include "api/settings.h"
#include "greenlane/core/clock.h"

namespace greenlane::risk {

/// greenlane-risk assembled: data files, pools, stores, the selection pipeline, the evidence
/// consumers, the outbox relay, readiness and the mutual-TLS gRPC server. main() and the
/// integration tests build it the same way.
class RiskServer {
 public:
  /// Loads rules.json, model.json and evidence.json from settings.data_dir (throws core::ConfigError
  /// naming the file and field when one is missing or invalid) without connecting. `document_services`
  /// are the document checkers by owner ("cites", "timber") and the CITES listings (main() passes
  /// ConnectDocumentServices(settings); tests pass fakes or clients of fake servers).
  explicit RiskServer(RiskSettings settings, const core::Clock& clock = core::SystemClock::Instance(),
                      std::shared_ptr<prometheus::Registry> registry = nullptr,
                      DocumentServices document_services = {});
  ~RiskServer();
  RiskServer(const RiskServer&) = delete;
  RiskServer& operator=(const RiskServer&) = delete;

  /// Seeds the shipped rule set when the database has none (first start), starts the relay, the
  /// evidence consumers, readiness and the gRPC server; returns the bound port.
  unsigned short Start();
  /// Stops taking calls, lets running ones finish for shutdown_grace, then stops the rest. Idempotent.
  void Stop();

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace greenlane::risk
