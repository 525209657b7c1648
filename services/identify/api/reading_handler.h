#pragma once

#include <pqxx/pqxx>

#include "api/ingest_client.h"
#include "domain/answer/identifier.h"
#include "greenlane/events/outbox.h"
#include "store/result_store.h"

namespace greenlane::identify {

/// The handler of ingest.reading.accepted: fetches the reading from ingest, identifies it, and
/// stores the result with its identify.result.ready event in the consumer's transaction. Runs
/// inside events::Consumer, whose inbox makes a redelivered event a no-op; the unique reading id of
/// the results table makes a reading published twice (with two event ids) answered once.
class ReadingHandler {
 public:
  ReadingHandler(IngestClient& ingest, const Identifier& identifier, ResultStore& results)
      : ingest_(ingest), identifier_(identifier), results_(results) {}

  /// Throws (the event is then retried, and dead-lettered after max_deliveries) when ingest cannot
  /// be reached or no longer has the reading; a reading that cannot be interpreted is answered
  /// "invalid" instead.
  void operator()(pqxx::work& tx, const events::Event& event) const;

 private:
  IngestClient& ingest_;
  const Identifier& identifier_;
  ResultStore& results_;
};

}  // namespace greenlane::identify
