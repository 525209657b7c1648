#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/flags.h"
#include "domain/reading.h"
#include "domain/validation.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"
#include "greenlane/pg/pool.h"

namespace greenlane::ingest {

/// The topic of the event published for every newly stored reading.
inline constexpr const char* kReadingAcceptedTopic = "ingest.reading.accepted";

/// Readings (ingest.readings) and the sequence numbers gateways have had acknowledged.
class ReadingStore {
 public:
  ReadingStore(pg::Pool& pool, const core::Clock& clock) : pool_(pool), clock_(clock), flagger_(clock) {}

  /// Statements this store runs, for pg::PoolOptions::prepared.
  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  struct CommitResult {
    int accepted = 0;    ///< newly stored
    int duplicates = 0;  ///< already stored, by (gateway, sequence) or by natural key
    /// Sequences this gateway already used for a different reading (its numbering restarted):
    /// never stored, reported so the loss is loud rather than silent.
    std::vector<Rejection> conflicts;
  };

  /// Commits `readings` (already validated) from `gateway_id` in one transaction: stages them with
  /// COPY, stores those whose (gateway, sequence) is new and whose natural key is new, records every
  /// sequence against the reading it stands for, and publishes one ingest.reading.accepted event
  /// per stored reading. Sets id, gateway_id, received_at, flags and container_check_digit_valid on
  /// each. Throws (pqxx, core::GreenlaneException kUnavailable) when PostgreSQL fails: nothing is then
  /// stored and the gateway resends.
  CommitResult Commit(const std::string& gateway_id, std::vector<SequencedReading>& readings);

  /// kNotFound when there is no reading `id`; kInvalidArgument when it is not a UUID.
  core::Result<Reading> Get(const std::string& id);

  struct ListQuery {
    std::string container, declaration, device_serial, kind;  ///< "" = any
    std::optional<core::TimePoint> captured_from;             ///< inclusive
    std::optional<core::TimePoint> captured_until;            ///< exclusive
    int page_size = 0;                                        ///< 0 = default
    std::string page_token;
  };
  struct Page {
    std::vector<Reading> readings;
    std::string next_page_token;  ///< "" on the last page
  };
  /// Readings matching every filter given, newest capture first (keyset paging).
  core::Result<Page> List(const ListQuery& query);

 private:
  pg::Pool& pool_;
  const core::Clock& clock_;
  ReadingFlagger flagger_;
};

}  // namespace greenlane::ingest
