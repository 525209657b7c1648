#pragma once

#include <memory>
#include <string>

#include "greenlane/core/clock.h"
#include "greenlane/events/consumer.h"

namespace greenlane::risk {

/// Consumers of identify.result.ready and timber.anomaly.raised that keep their findings in
/// risk.evidence for the declarations they will be linked to. Exactly once through the inbox.
class EvidenceIntake {
 public:
  EvidenceIntake(pg::Pool& pg, redis::Pool& redis, const std::string& group, const std::string& consumer_name,
                 const core::Clock& clock);

  /// The handlers alone, so tests can apply an event without Redis.
  static events::Consumer::Handler IdentificationHandler(const core::Clock& clock);
  static events::Consumer::Handler TimberAnomalyHandler(const core::Clock& clock);

  void Start();
  void Stop();

 private:
  events::Consumer identification_;
  events::Consumer timber_;
};

}  // namespace greenlane::risk
