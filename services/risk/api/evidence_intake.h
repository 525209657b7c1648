#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "domain/evidence.h"
#include "greenlane/core/clock.h"
#include "greenlane/events/consumer.h"

namespace greenlane::risk {

/// Consumers of identify.result.ready and timber.anomaly.raised that keep their findings in
/// risk.evidence for the declarations they will be linked to. Exactly once through the inbox.
class EvidenceIntake {
 public:
  /// What follows the storing of an event's records, in the same transaction: the service
  /// re-assesses the declarations already assessed that they name (Pipeline::ReassessLinked).
  using AfterStored = std::function<void(pqxx::work&, const std::vector<EvidenceRecord>&)>;

  EvidenceIntake(pg::Pool& pg, redis::Pool& redis, const std::string& group, const std::string& consumer_name,
                 const core::Clock& clock, AfterStored after_stored = nullptr);

  /// The handlers alone, so tests can apply an event without Redis.
  static events::Consumer::Handler IdentificationHandler(const core::Clock& clock, AfterStored after_stored = nullptr);
  static events::Consumer::Handler TimberAnomalyHandler(const core::Clock& clock, AfterStored after_stored = nullptr);

  void Start();
  void Stop();

 private:
  events::Consumer identification_;
  events::Consumer timber_;
};

}  // namespace greenlane::risk
