#include "api/evidence_intake.h"

#include "domain/evidence.h"
#include "greenlane/core/log.h"
#include "store/evidence_store.h"

namespace greenlane::risk {
namespace {

// A payload that can never be read is logged and settled rather than retried into the dead letters.
template <typename Records>
void StoreOrLog(pqxx::work& tx, const events::Event& event, const core::Result<Records>& records,
                const core::Clock& clock, const EvidenceIntake::AfterStored& after_stored) {
  if (!records) {
    log::Error("evidence event refused", {{"topic", event.topic},
                                          {"event_id", event.id},
                                          {"field", records.error().field},
                                          {"reason", records.error().message}});
    return;
  }
  std::vector<EvidenceRecord> stored;
  if constexpr (std::is_same_v<Records, EvidenceRecord>) {
    stored = {*records};
  } else {
    stored = *records;
  }
  EvidenceStore::Insert(tx, event.id, stored, clock.Now(), clock);
  if (after_stored) after_stored(tx, stored);
}

events::ConsumerOptions Options(const std::string& topic, const std::string& group, const std::string& consumer_name) {
  return {.schema = "risk", .topic = topic, .group = group, .consumer_name = consumer_name};
}

}  // namespace

events::Consumer::Handler EvidenceIntake::IdentificationHandler(const core::Clock& clock, AfterStored after_stored) {
  return [&clock, after_stored](pqxx::work& tx, const events::Event& event) {
    StoreOrLog(tx, event, EvidenceFromIdentification(event.payload), clock, after_stored);
  };
}

events::Consumer::Handler EvidenceIntake::TimberAnomalyHandler(const core::Clock& clock, AfterStored after_stored) {
  return [&clock, after_stored](pqxx::work& tx, const events::Event& event) {
    StoreOrLog(tx, event, EvidenceFromTimberAnomaly(event.payload), clock, after_stored);
  };
}

EvidenceIntake::EvidenceIntake(pg::Pool& pg, redis::Pool& redis, const std::string& group,
                               const std::string& consumer_name, const core::Clock& clock, AfterStored after_stored)
    : identification_(pg, redis, Options("identify.result.ready", group, consumer_name),
                      IdentificationHandler(clock, after_stored)),
      timber_(pg, redis, Options("timber.anomaly.raised", group, consumer_name),
              TimberAnomalyHandler(clock, after_stored)) {}

void EvidenceIntake::Start() {
  identification_.Start();
  timber_.Start();
}

void EvidenceIntake::Stop() {
  identification_.Stop();
  timber_.Stop();
}

}  // namespace greenlane::risk
