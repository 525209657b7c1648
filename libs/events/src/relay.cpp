#include "greenlane/events/relay.h"

#include "background_loop.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/config.h"
#include "greenlane/core/log.h"
#include "greenlane/events/outbox.h"
#include "greenlane/pg/url.h"
#include "stream_trim.h"

namespace greenlane::events {
namespace {

std::string CheckedSchema(const std::string& schema) {
  if (!pg::IsPlainIdentifier(schema)) {
    throw core::ConfigError("relay schema \"" + schema + "\" must be a lower-case identifier ([a-z_][a-z0-9_]*)");
  }
  return schema;
}

}  // namespace

Relay::Relay(pg::Pool& pg, redis::Pool& redis, RelayOptions options)
    : pg_(pg),
      redis_(redis),
      options_(std::move(options)),
      claim_sql_(
          "SELECT id, event_id::text, topic, payload::text,"
          " to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') FROM " +
          CheckedSchema(options_.schema) +
          ".outbox WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED"),
      mark_sql_("UPDATE " + options_.schema + ".outbox SET published_at = now() WHERE id = ANY($1::bigint[])"),
      // Walks the primary key from the oldest row, where the expired rows are; SKIP LOCKED lets
      // relays of the same schema prune side by side.
      prune_sql_("DELETE FROM " + options_.schema + ".outbox WHERE id IN (SELECT id FROM " + options_.schema +
                 ".outbox WHERE published_at < now() - $1 * interval '1 second' ORDER BY id LIMIT $2"
                 " FOR UPDATE SKIP LOCKED)"),
      replay_sql_("UPDATE " + options_.schema +
                  ".outbox SET published_at = NULL"
                  " WHERE topic = $1 AND created_at >= $2::timestamptz AND published_at IS NOT NULL"),
      loop_(std::make_unique<internal::BackgroundLoop>()) {
  if (options_.batch_size == 0) options_.batch_size = 1;
  if (options_.prune_batch == 0) options_.prune_batch = 1;
}

Relay::~Relay() { Stop(); }

std::size_t Relay::RunOnce() {
  auto pg = pg_.Acquire();
  pqxx::work tx(*pg);
  // Right after a burst the statistics still say the outbox is nearly empty, and the planner would
  // sort the whole backlog on every batch instead of walking the partial index in id order.
  tx.exec("SET LOCAL enable_sort = off");
  const pqxx::result rows = tx.exec_params(claim_sql_, options_.batch_size);
  if (rows.empty()) {
    tx.commit();
    return 0;
  }

  std::vector<std::vector<std::string>> commands;
  commands.reserve(rows.size());
  std::string ids = "{";
  for (const auto& row : rows) {
    const std::string topic = row[2].as<std::string>();
    // No MAXLEN: trimming by length could drop entries a lagging group has not read (TrimStreams
    // trims what every group has acknowledged instead).
    commands.push_back({"XADD", StreamName(topic), "*", "event_id", row[1].as<std::string>(), "topic", topic, "payload",
                        row[3].as<std::string>(), "created_at", row[4].as<std::string>()});
    if (ids.size() > 1) ids += ',';
    ids += row[0].c_str();
  }
  ids += '}';

  {
    auto redis = redis_.Acquire();
    const auto replies = redis->Pipeline(commands);
    for (std::size_t i = 0; i < replies.size(); ++i) {
      if (replies[i].IsError()) {
        throw core::GreenlaneException(
            core::Error::Internal("XADD to Redis stream " + commands[i][1] + " was refused: " + replies[i].AsString()));
      }
    }
  }
  {
    std::lock_guard lock(streams_mutex_);
    for (const auto& command : commands) streams_.insert(command[1]);
  }
  tx.exec_params(mark_sql_, ids);
  tx.commit();
  return rows.size();
}

std::size_t Relay::TrimStreams() {
  std::vector<std::string> streams;
  {
    std::lock_guard lock(streams_mutex_);
    streams.assign(streams_.begin(), streams_.end());
  }
  std::size_t removed = 0;
  if (streams.empty()) return removed;
  auto redis = redis_.Acquire();
  for (const auto& stream : streams) removed += internal::TrimAcknowledged(*redis, stream);
  return removed;
}

std::size_t Relay::PruneOutbox() {
  auto pg = pg_.Acquire();
  pqxx::work tx(*pg);
  const auto pruned = tx.exec_params(prune_sql_, options_.retention.count(), options_.prune_batch).affected_rows();
  tx.commit();
  return pruned;
}

std::size_t Relay::ReplaySince(const std::string& topic, std::chrono::system_clock::time_point since) {
  if (auto problem = TopicProblem(topic); !problem.empty()) {
    throw core::GreenlaneException(core::Error::InvalidArgument("topic", problem));
  }
  const std::string from = core::FormatRfc3339(since, 6);
  auto pg = pg_.Acquire();
  pqxx::work tx(*pg);
  const auto marked = tx.exec_params(replay_sql_, topic, from).affected_rows();
  tx.commit();
  log::Info("outbox events marked for publishing again",
            {{"schema", options_.schema}, {"topic", topic}, {"since", from}, {"events", marked}});
  return marked;
}

bool Relay::MaintainIfDue() {
  const auto now = std::chrono::steady_clock::now();
  if (!pruning_ && now < next_maintenance_) return false;
  if (!pruning_) {
    next_maintenance_ = now + options_.maintenance_interval;
    try {
      TrimStreams();
    } catch (const std::exception& e) {
      log::Warn("trimming the streams failed; retrying at the next maintenance",
                {{"schema", options_.schema}, {"error", e.what()}});
    }
  }
  try {
    pruning_ = PruneOutbox() >= options_.prune_batch;
  } catch (const std::exception& e) {
    pruning_ = false;
    log::Warn("pruning the outbox failed; retrying at the next maintenance",
              {{"schema", options_.schema}, {"error", e.what()}});
  }
  return pruning_;
}

void Relay::Start() {
  loop_->Start([this, backoff = internal::Backoff()]() mutable -> std::chrono::milliseconds {
    try {
      const std::size_t published = RunOnce();
      backoff.Reset();
      const bool more_to_prune = MaintainIfDue();
      return published >= options_.batch_size || more_to_prune ? std::chrono::milliseconds::zero() : options_.idle_poll;
    } catch (const std::exception& e) {
      const auto pause = backoff.Next();
      log::Warn("outbox relay failed; the events stay in the outbox and are retried",
                {{"schema", options_.schema}, {"error", e.what()}, {"retry_in_ms", pause.count()}});
      return pause;
    }
  });
}

void Relay::Stop() { loop_->Stop(); }

}  // namespace greenlane::events
