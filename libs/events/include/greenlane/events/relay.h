#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <set>
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
  /// Published rows are kept this long, so events can be replayed (ReplaySince), then pruned.
  std::chrono::seconds retention{std::chrono::hours(24 * 7)};
  /// How often the background loop trims streams (TrimStreams) and prunes the outbox (PruneOutbox).
  std::chrono::milliseconds maintenance_interval{60000};
  std::size_t prune_batch = 10000;  ///< rows deleted per PruneOutbox transaction
};

/// Moves committed outbox rows to their Redis streams, oldest first. At-least-once: rows are marked
/// published in the transaction that claimed them, after the XADDs, so a crash in between publishes
/// them again (consumers deduplicate by event id) and Redis being down loses nothing: the rows wait.
/// Several relays of one schema may run at once; each claims different rows (SKIP LOCKED).
///
/// Streams are never trimmed by length, which could drop entries a slow or stopped consumer group
/// has not read: TrimStreams only deletes entries every group has acknowledged. A stream without any
/// group is left whole. Events a group never saw (it was created later, or an entry was lost) can
/// be published again from the outbox while their rows are retained:
///
///   relay.ReplaySince("timber.certificate.issued", since);   // or, in SQL:
///   UPDATE <schema>.outbox SET published_at = NULL
///    WHERE topic = 'timber.certificate.issued' AND created_at >= '2026-01-01T00:00:00Z'
///      AND published_at IS NOT NULL;
///
/// Every group of the stream receives them again; groups that applied them already skip them
/// through their inbox.
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

  /// Deletes from each stream this relay has published to (since it was built) the entries that
  /// every consumer group has acknowledged: XTRIM MINID at the oldest entry a group still needs (its
  /// oldest pending entry, else the one after its last-delivered-id). Streams without groups are
  /// left alone. Returns how many entries it deleted. Throws core::GreenlaneException (kUnavailable)
  /// when Redis fails.
  std::size_t TrimStreams();

  /// Deletes up to prune_batch published rows older than `retention`, oldest first, in one
  /// transaction; returns how many (prune_batch means there may be more). Throws pqxx::failure or
  /// core::GreenlaneException (kUnavailable) when PostgreSQL fails.
  std::size_t PruneOutbox();

  /// Marks the retained rows of `topic` created at or after `since` unpublished, so the relay
  /// publishes them again; returns how many. Throws core::GreenlaneException (kInvalidArgument) for
  /// a malformed topic, pqxx::failure when PostgreSQL fails.
  std::size_t ReplaySince(const std::string& topic, std::chrono::system_clock::time_point since);

  /// Runs RunOnce on a background thread until Stop: straight on while batches come back full,
  /// pausing idle_poll when the outbox is empty and backing off (100 ms to 5 s) while it fails.
  /// Every maintenance_interval it also runs TrimStreams and PruneOutbox (the latter until a batch
  /// comes back short, one batch per step so publishing is not held up); their failures are logged.
  void Start();
  void Stop();

 private:
  /// TrimStreams and PruneOutbox every maintenance_interval, pruning on (one batch per call) while
  /// batches come back full; true while it has more to prune. Logs failures instead of throwing.
  bool MaintainIfDue();

  pg::Pool& pg_;
  redis::Pool& redis_;
  RelayOptions options_;
  std::string claim_sql_;
  std::string mark_sql_;
  std::string prune_sql_;
  std::string replay_sql_;
  std::mutex streams_mutex_;
  std::set<std::string> streams_;  // published to since construction; what TrimStreams looks at
  // Only the background loop touches these two.
  std::chrono::steady_clock::time_point next_maintenance_{};
  bool pruning_ = false;
  std::unique_ptr<internal::BackgroundLoop> loop_;
};

}  // namespace greenlane::events
