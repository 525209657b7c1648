#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "greenlane/events/outbox.h"
#include "greenlane/pg/pool.h"
#include "greenlane/redis/pool.h"

namespace prometheus {
class Counter;
}

namespace greenlane::events {

namespace internal {
class BackgroundLoop;
class GroupReader;
struct StreamEntry;
}  // namespace internal

struct ConsumerOptions {
  std::string schema;         ///< where this service's inbox table is
  std::string topic;          ///< e.g. "timber.certificate.issued"; read from stream "greenlane.<topic>"
  std::string group;          ///< consumer group, usually the service name; also the inbox key
  std::string consumer_name;  ///< this replica, stable across restarts (e.g. the pod name)
  std::size_t batch_size = 100;
  std::chrono::milliseconds block{500};  ///< how long one read waits for new entries
  /// Deliveries after which an event whose handler still fails goes to `<schema>.dead_letter` (and
  /// is acknowledged) instead of being retried forever. At least 1.
  std::int64_t max_deliveries = 10;
  /// How long an event whose handler failed waits before it is delivered again. With the defaults
  /// an event is dead-lettered about 10 x 5 s after it first failed.
  std::chrono::milliseconds retry_delay{5000};
  /// Entries pending this long on any consumer of the group (one that crashed, or was renamed or
  /// scaled away) are taken over by this one (XAUTOCLAIM). Must exceed retry_delay, or a replica
  /// would take entries from one about to retry them.
  std::chrono::milliseconds claim_min_idle{60000};
};

/// Applies each event of a topic exactly once to this service's database, although Redis delivers at
/// least once: every event is handled in one transaction that also records (group, event id) in the
/// inbox, and a redelivered event finds itself there and is only acknowledged.
///
/// Replicas sharing a group split the stream. Entries a replica read but did not acknowledge are
/// retried by it (after retry_delay), or taken over by another replica once idle for claim_min_idle,
/// so a replica that never comes back loses nothing. Order is the stream's, except that an event
/// whose handler failed is retried after later ones. An event that fails max_deliveries times is
/// recorded in `<schema>.dead_letter` (consumer, event_id, topic, payload, error, deliveries,
/// failed_at), logged at error level, counted in greenlane_events_dead_lettered_total{topic,group}
/// and acknowledged; after fixing the cause, replay it (Relay::ReplaySince) and delete its row.
class Consumer {
 public:
  /// Applies one event inside `tx`; throws to reject it (the transaction rolls back and the event is
  /// retried on a later pass, so a handler must not have effects outside `tx`).
  using Handler = std::function<void(pqxx::work& tx, const Event& event)>;

  /// Throws core::ConfigError naming the option when the schema is not a plain identifier, the topic
  /// is malformed, or group or consumer_name is empty. The pools must outlive the consumer.
  Consumer(pg::Pool& pg, redis::Pool& redis, ConsumerOptions options, Handler handler);
  ~Consumer();  ///< Stops the background thread.
  Consumer(const Consumer&) = delete;
  Consumer& operator=(const Consumer&) = delete;

  /// One pass: creates the group if needed (XGROUP CREATE ... 0 MKSTREAM, so events published
  /// before the group existed are read too), takes over up to batch_size entries idle longer than
  /// claim_min_idle (XAUTOCLAIM), re-delivers up to batch_size of this consumer's pending entries
  /// idle at least retry_delay, reads up to batch_size new ones (waiting up to `block` when nothing
  /// was due), handles each in its own transaction, then acknowledges (XACK) those settled. Returns
  /// how many entries were settled (applied, found already applied, dead-lettered, or unreadable and
  /// dropped). A failing handler is logged and its entry stays pending until max_deliveries. Throws
  /// core::GreenlaneException (kUnavailable) or pqxx::broken_connection when Redis or PostgreSQL
  /// fails; what was committed is still acknowledged when possible.
  std::size_t RunOnce();

  /// Runs passes on a background thread until Stop, backing off (100 ms to 5 s) while passes fail or
  /// new events fail on first delivery; failing retries do not slow the stream down.
  void Start();
  void Stop();

 private:
  struct Pass {
    std::size_t settled = 0;
    std::size_t failed_first = 0;  // new events whose first delivery failed
  };
  Pass Poll();
  /// True when the entry is settled (may be acknowledged).
  bool Handle(pqxx::connection& pg, const internal::StreamEntry& entry, Pass& pass);
  bool DeadLetter(pqxx::connection& pg, const internal::StreamEntry& entry, const std::string& error,
                  std::int64_t deliveries);

  pg::Pool& pg_;
  redis::Pool& redis_;
  ConsumerOptions options_;
  Handler handler_;
  std::string insert_inbox_sql_;
  std::string insert_dead_letter_sql_;
  std::unique_ptr<internal::GroupReader> reader_;
  prometheus::Counter* dead_lettered_;
  std::unique_ptr<internal::BackgroundLoop> loop_;
};

}  // namespace greenlane::events
