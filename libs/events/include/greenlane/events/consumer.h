#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "greenlane/events/outbox.h"
#include "greenlane/pg/pool.h"
#include "greenlane/redis/pool.h"

namespace greenlane::events {

namespace internal {
class BackgroundLoop;
}

struct ConsumerOptions {
  std::string schema;         ///< where this service's inbox table is
  std::string topic;          ///< e.g. "timber.certificate.issued"; read from stream "greenlane.<topic>"
  std::string group;          ///< consumer group, usually the service name; also the inbox key
  std::string consumer_name;  ///< this replica, stable across restarts (e.g. the pod name)
  std::size_t batch_size = 100;
  std::chrono::milliseconds block{500};  ///< how long one read waits for new entries
};

/// Applies each event of a topic exactly once to this service's database, although Redis delivers at
/// least once: every event is handled in one transaction that also records (group, event id) in the
/// inbox, and a redelivered event finds itself there and is only acknowledged.
///
/// Replicas sharing a group split the stream. A replica restarted under the same consumer_name first
/// finishes the entries it had read but not acknowledged. Order is the stream's, except that an
/// event whose handler failed is retried after later ones.
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
  /// before the group existed are read too), re-reads this consumer's pending entries, reads new
  /// ones (waiting up to `block` when nothing is pending), handles each in its own transaction, then
  /// acknowledges (XACK) those committed. Returns how many entries were settled (applied, found
  /// already applied, or unreadable and dropped). A failing handler is logged and its entry stays
  /// pending. Throws core::GreenlaneException (kUnavailable) or pqxx::broken_connection when Redis or
  /// PostgreSQL fails; what was committed is still acknowledged when possible.
  std::size_t RunOnce();

  /// Runs passes on a background thread until Stop, backing off (100 ms to 5 s) while they fail.
  void Start();
  void Stop();

 private:
  struct Pass {
    std::size_t settled = 0;
    std::size_t failed = 0;
  };
  Pass Poll();

  pg::Pool& pg_;
  redis::Pool& redis_;
  ConsumerOptions options_;
  Handler handler_;
  std::string stream_;
  std::string insert_inbox_sql_;
  bool group_ready_ = false;
  std::unique_ptr<internal::BackgroundLoop> loop_;
};

}  // namespace greenlane::events
