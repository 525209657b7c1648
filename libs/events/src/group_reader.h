#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "greenlane/events/outbox.h"
#include "greenlane/redis/connection.h"

namespace greenlane::events::internal {

/// One entry handed to this consumer, with how often the group has delivered it.
struct StreamEntry {
  std::string id;
  std::optional<Event> event;   ///< nullopt: not a readable event (not written by a Relay)
  std::int64_t deliveries = 1;  ///< deliveries so far, this one included; 1 means first delivery
};

/// The Redis side of one consumer of a consumer group: the XGROUP / XAUTOCLAIM / XPENDING / XCLAIM /
/// XREADGROUP / XACK conversation, without any PostgreSQL. Throws core::GreenlaneException
/// (kUnavailable) when Redis refuses a command; a missing group (the stream was deleted) is then
/// recreated on the next call.
class GroupReader {
 public:
  GroupReader(std::string stream, std::string group, std::string consumer);

  /// Takes over up to `count` entries that other consumers (or this one) left pending longer than
  /// `min_idle` (XAUTOCLAIM ... JUSTID, so the take-over is not counted as a delivery); ReadDue then
  /// retries them. Successive calls walk the whole pending list.
  void ClaimAbandoned(redis::Connection& redis, std::chrono::milliseconds min_idle, std::size_t count);

  /// Re-delivers to this consumer up to `count` of its pending entries idle at least `retry_delay`
  /// (oldest first). An entry just retried is idle again for `retry_delay`, so entries that keep
  /// failing never hide the ones behind them.
  std::vector<StreamEntry> ReadDue(redis::Connection& redis, std::chrono::milliseconds retry_delay, std::size_t count);

  /// Reads up to `count` entries never delivered to the group, waiting up to `block` if given.
  std::vector<StreamEntry> ReadNew(redis::Connection& redis, std::size_t count,
                                   std::optional<std::chrono::milliseconds> block);

  /// XACK; a refusal is logged, not thrown (the entries come back and the inbox skips them).
  void Acknowledge(redis::Connection& redis, const std::vector<std::string>& ids);

  const std::string& stream() const { return stream_; }

 private:
  void EnsureGroup(redis::Connection& redis);
  redis::Reply Run(redis::Connection& redis, const std::vector<std::string>& argv,
                   std::optional<std::chrono::milliseconds> block = std::nullopt);
  void LogLost(const std::string& id, const char* how);

  std::string stream_;
  std::string group_;
  std::string consumer_;
  bool group_ready_ = false;
  std::string claim_cursor_ = "0-0";
};

}  // namespace greenlane::events::internal
