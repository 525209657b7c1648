#include "api/evidence_intake.h"

#include "domain/evidence.h"
#include "greenlane/core/log.h"
#include "store/evidence_store.h"

namespace greenlane::risk {
namespace {

// A payload that can never be read is logged and settled rather than retried into the dead letters.
template <typename Records>
void StoreOrLog(pqxx::work& tx, const events::Event& event, const core::Result<Records>& records,
                const core::Clock& clock) {
  if (!records) {
    log::Error("evidence event refused", {{"topic", event.topic},
                                          {"event_id", event.id},
                                          {"field", records.error().field},
                                          {"reason", records.error().message}});
    return;
  }
  if constexpr (std::is_same_v<Records, EvidenceRecord>) {
    EvidenceStore::Insert(tx, event.id, {*records}, clock.Now(), clock);
  } else {
    EvidenceStore::Insert(tx, event.id, *records, clock.Now(), clock);
  }
}

events::ConsumerOptions Options(const std::string& topic, const std::string& group, const std::string& consumer_name) {
  return {.schema = "risk", .topic = topic, .group = group, .consumer_name = consumer_name};
}

}  // namespace

events::Consumer::Handler EvidenceIntake::IdentificationHandler(const core::Clock& clock) {
  return [&clock](pqxx::work& tx, const events::Event& event) {
    StoreOrLog(tx, event, EvidenceFromIdentification(event.payload), clock);
  };
}

events::Consumer::Handler EvidenceIntake::TimberAnomalyHandler(const core::Clock& clock) {
  return [&clock](pqxx::work& tx, const events::Event& event) {
    StoreOrLog(tx, event, EvidenceFromTimberAnomaly(event.payload), clock);
  };
}

EvidenceIntake::EvidenceIntake(pg::Pool& pg, redis::Pool& redis, const std::string& group,
                               const std::string& consumer_name, const core::Clock& clock)
    : identification_(pg, redis, Options("identify.result.ready", group, consumer_name), IdentificationHandler(clock)),
      timber_(pg, redis, Options("timber.anomaly.raised", group, consumer_name), TimberAnomalyHandler(clock)) {}

void EvidenceIntake::Start() {
  identification_.Start();
  timber_.Start();
}

void EvidenceIntake::Stop() {
  identification_.Stop();
  timber_.Stop();
}

}  // namespace greenlane::risk
