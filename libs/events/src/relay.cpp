#include "greenlane/events/relay.h"

#include "background_loop.h"
#include "greenlane/core/config.h"
#include "greenlane/core/log.h"
#include "greenlane/events/outbox.h"
#include "greenlane/pg/url.h"

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
      loop_(std::make_unique<internal::BackgroundLoop>()) {
  if (options_.batch_size == 0) options_.batch_size = 1;
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

  const std::string maxlen = std::to_string(options_.stream_maxlen);
  std::vector<std::vector<std::string>> commands;
  commands.reserve(rows.size());
  std::string ids = "{";
  for (const auto& row : rows) {
    const std::string topic = row[2].as<std::string>();
    commands.push_back({"XADD", StreamName(topic), "MAXLEN", "~", maxlen, "*", "event_id", row[1].as<std::string>(),
                        "topic", topic, "payload", row[3].as<std::string>(), "created_at", row[4].as<std::string>()});
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
  tx.exec_params(mark_sql_, ids);
  tx.commit();
  return rows.size();
}

void Relay::Start() {
  loop_->Start([this, backoff = internal::Backoff()]() mutable -> std::chrono::milliseconds {
    try {
      const std::size_t published = RunOnce();
      backoff.Reset();
      return published >= options_.batch_size ? std::chrono::milliseconds::zero() : options_.idle_poll;
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
