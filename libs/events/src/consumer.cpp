#include "greenlane/events/consumer.h"

#include <prometheus/counter.h>

#include "background_loop.h"
#include "greenlane/core/config.h"
#include "greenlane/core/log.h"
#include "greenlane/metrics/registry.h"
#include "greenlane/pg/url.h"
#include "group_reader.h"

namespace greenlane::events {
namespace {

ConsumerOptions Checked(ConsumerOptions options) {
  if (!pg::IsPlainIdentifier(options.schema)) {
    throw core::ConfigError("consumer schema \"" + options.schema +
                            "\" must be a lower-case identifier ([a-z_][a-z0-9_]*)");
  }
  if (auto problem = TopicProblem(options.topic); !problem.empty()) throw core::ConfigError("consumer " + problem);
  if (options.group.empty()) throw core::ConfigError("consumer group must not be empty (use the service name)");
  if (options.consumer_name.empty()) {
    throw core::ConfigError("consumer_name must not be empty (use a name stable across restarts, e.g. the pod name)");
  }
  if (options.max_deliveries < 1) {
    throw core::ConfigError("consumer max_deliveries must be at least 1, got " +
                            std::to_string(options.max_deliveries));
  }
  if (options.retry_delay.count() < 0 || options.claim_min_idle <= options.retry_delay) {
    throw core::ConfigError("consumer claim_min_idle (" + std::to_string(options.claim_min_idle.count()) +
                            " ms) must exceed retry_delay (" + std::to_string(options.retry_delay.count()) +
                            " ms, at least 0), or replicas would take over entries about to be retried");
  }
  if (options.batch_size == 0) options.batch_size = 1;
  return options;
}

prometheus::Counter& DeadLetteredCounter(const std::string& topic, const std::string& group) {
  static auto& family = prometheus::BuildCounter()
                            .Name("greenlane_events_dead_lettered_total")
                            .Help("Events a consumer group gave up on after max_deliveries failed deliveries")
                            .Register(*metrics::DefaultRegistry());
  return family.Add({{"topic", topic}, {"group", group}});
}

}  // namespace

Consumer::Consumer(pg::Pool& pg, redis::Pool& redis, ConsumerOptions options, Handler handler)
    : pg_(pg),
      redis_(redis),
      options_(Checked(std::move(options))),
      handler_(std::move(handler)),
      insert_inbox_sql_("INSERT INTO " + options_.schema +
                        ".inbox (consumer, event_id) VALUES ($1, $2::uuid) ON CONFLICT DO NOTHING"),
      // Skipped when the inbox shows the event applied (its last delivery committed but was not
      // acknowledged). A replayed event may fail again: the row then holds the latest failure.
      insert_dead_letter_sql_("INSERT INTO " + options_.schema +
                              ".dead_letter (consumer, event_id, topic, payload, error, deliveries)"
                              " SELECT $1, $2::uuid, $3, $4::jsonb, $5, $6 WHERE NOT EXISTS (SELECT 1 FROM " +
                              options_.schema +
                              ".inbox WHERE consumer = $1 AND event_id = $2::uuid)"
                              " ON CONFLICT (consumer, event_id) DO UPDATE SET topic = excluded.topic,"
                              " payload = excluded.payload, error = excluded.error, deliveries = excluded.deliveries,"
                              " failed_at = now()"),
      reader_(
          std::make_unique<internal::GroupReader>(StreamName(options_.topic), options_.group, options_.consumer_name)),
      dead_lettered_(&DeadLetteredCounter(options_.topic, options_.group)),
      loop_(std::make_unique<internal::BackgroundLoop>()) {}

Consumer::~Consumer() { Stop(); }

std::size_t Consumer::RunOnce() { return Poll().settled; }

Consumer::Pass Consumer::Poll() {
  // PostgreSQL first: reading from Redis counts a delivery, and an outage must not use them up.
  auto pg = pg_.Acquire();
  auto redis = redis_.Acquire();
  reader_->ClaimAbandoned(*redis, options_.claim_min_idle, options_.batch_size);
  std::vector<internal::StreamEntry> entries = reader_->ReadDue(*redis, options_.retry_delay, options_.batch_size);
  std::vector<internal::StreamEntry> fresh =
      reader_->ReadNew(*redis, options_.batch_size, entries.empty() ? std::optional(options_.block) : std::nullopt);
  entries.insert(entries.end(), std::make_move_iterator(fresh.begin()), std::make_move_iterator(fresh.end()));

  Pass pass;
  std::vector<std::string> settled;
  try {
    for (const auto& entry : entries) {
      if (Handle(*pg, entry, pass)) settled.push_back(entry.id);
    }
  } catch (...) {
    reader_->Acknowledge(*redis, settled);  // what committed must not be handled again needlessly
    throw;
  }
  reader_->Acknowledge(*redis, settled);
  pass.settled = settled.size();
  return pass;
}

bool Consumer::Handle(pqxx::connection& pg, const internal::StreamEntry& entry, Pass& pass) {
  const std::string& stream = reader_->stream();
  if (!entry.event) {
    log::Error("dropping a stream entry that is not a readable event (not written by a relay)",
               {{"stream", stream}, {"entry", entry.id}, {"group", options_.group}});
    return true;
  }
  if (entry.deliveries > options_.max_deliveries) {
    // The earlier deliveries neither failed nor committed: the consumer died or lost PostgreSQL
    // while handling it, perhaps because of this very event.
    return DeadLetter(pg, entry,
                      "delivered " + std::to_string(entry.deliveries - 1) +
                          " times without being settled (the consumer stopped or lost PostgreSQL while handling it)",
                      entry.deliveries - 1);
  }
  try {
    pqxx::work tx(pg);
    if (tx.exec_params(insert_inbox_sql_, options_.group, entry.event->id).affected_rows() == 1) {
      handler_(tx, *entry.event);
    }
    tx.commit();
    return true;
  } catch (const pqxx::broken_connection&) {
    throw;
  } catch (const std::exception& e) {
    if (entry.deliveries >= options_.max_deliveries) return DeadLetter(pg, entry, e.what(), entry.deliveries);
    if (entry.deliveries == 1) ++pass.failed_first;
    log::Warn("event handler failed; the event stays pending and is retried",
              {{"stream", stream},
               {"group", options_.group},
               {"event_id", entry.event->id},
               {"entry", entry.id},
               {"deliveries", entry.deliveries},
               {"max_deliveries", options_.max_deliveries},
               {"retry_in_ms", options_.retry_delay.count()},
               {"error", e.what()}});
    return false;
  }
}

bool Consumer::DeadLetter(pqxx::connection& pg, const internal::StreamEntry& entry, const std::string& error,
                          std::int64_t deliveries) {
  const Event& event = *entry.event;
  const nlohmann::json fields = {{"stream", reader_->stream()}, {"group", options_.group},  {"event_id", event.id},
                                 {"entry", entry.id},           {"deliveries", deliveries}, {"error", error}};
  bool recorded = false;
  try {
    pqxx::work tx(pg);
    recorded = tx.exec_params(insert_dead_letter_sql_, options_.group, event.id, event.topic, event.payload.dump(),
                              error, deliveries)
                   .affected_rows() == 1;
    tx.commit();
  } catch (const pqxx::broken_connection&) {
    throw;
  } catch (const std::exception& e) {
    auto failed = fields;
    failed["dead_letter_error"] = e.what();
    log::Error("cannot record a failing event in " + options_.schema + ".dead_letter; it stays pending", failed);
    return false;
  }
  if (!recorded) return true;  // already applied: only the acknowledgement was missing
  dead_lettered_->Increment();
  log::Error("event moved to " + options_.schema + ".dead_letter after its handler kept failing", fields);
  return true;
}

void Consumer::Start() {
  loop_->Start([this, backoff = internal::Backoff()]() mutable -> std::chrono::milliseconds {
    try {
      const Pass pass = Poll();
      if (pass.failed_first == 0) {
        backoff.Reset();
        return std::chrono::milliseconds::zero();  // the next read blocks while nothing is due
      }
      return backoff.Next();
    } catch (const std::exception& e) {
      const auto pause = backoff.Next();
      log::Warn("event consumer failed; retrying", {{"stream", reader_->stream()},
                                                    {"group", options_.group},
                                                    {"error", e.what()},
                                                    {"retry_in_ms", pause.count()}});
      return pause;
    }
  });
}

void Consumer::Stop() { loop_->Stop(); }

}  // namespace greenlane::events
