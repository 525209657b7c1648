#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "greenlane/pg/pool.h"
#include "greenlane/redis/pool.h"

namespace greenlane::events {

namespace internal {
class BackgroundLoop;
}

struct RelayOptions {
  std::string schema;                       ///< whose outbox to drain
  std::size_t batch_size = 500;             ///< rows per transaction and per Redis pipeline
  std::chrono::milliseconds idle_poll{50};  ///< pause when the outbox is empty
  /// Streams are trimmed to about this many entries (XADD MAXLEN ~), so Redis memory stays bounded;
  /// a consumer group lagging further behind loses the oldest entries.
  std::size_t stream_maxlen = 1000000;
};

/// Moves committed outbox rows to their Redis streams, oldest first. At-least-once: rows are marked
/// published in the transaction that claimed them, after the XADDs, so a crash in between publishes
/// them again (consumers deduplicate by event id) and Redis being down loses nothing: the rows wait.
/// Several relays of one schema may run at once; each claims different rows (SKIP LOCKED).
class Relay {
 public:
  /// Throws core::ConfigError unless `options.schema` is a plain identifier. The pools must outlive
  /// the relay.
  Relay(pg::Pool& pg, redis::Pool& redis, RelayOptions options);
  ~Relay();  ///< Stops the background thread.
  Relay(const Relay&) = delete;
  Relay& operator=(const Relay&) = delete;

  /// One batch: claims up to batch_size unpublished rows (FOR UPDATE SKIP LOCKED, by id), XADDs them
  /// in one pipeline (fields event_id, topic, payload, created_at), marks them published, commits.
  /// Returns how many it published. Throws (core::GreenlaneException kUnavailable, or pqxx::failure)
  /// when PostgreSQL or Redis fails; the rows then stay unpublished.
  std::size_t RunOnce();

  /// Runs RunOnce on a background thread until Stop: straight on while batches come back full,
  /// pausing idle_poll when the outbox is empty and backing off (100 ms to 5 s) while it fails.
  void Start();
  void Stop();

 private:
  pg::Pool& pg_;
  redis::Pool& redis_;
  RelayOptions options_;
  std::string claim_sql_;
  std::string mark_sql_;
  std::unique_ptr<internal::BackgroundLoop> loop_;
};

}  // namespace greenlane::events
