#pragma once

#include <unistd.h>

#include <chrono>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "greenlane/events/consumer.h"
#include "greenlane/events/outbox.h"
#include "greenlane/pg/migrations.h"
#include "greenlane/pg/pool.h"
#include "greenlane/pg/test_database.h"
#include "greenlane/redis/pool.h"
#include "greenlane/redis/test_server.h"

namespace events_test {

using namespace greenlane;

/// A topic (and so a stream) no other test process uses, since tests share one Redis.
inline std::string UniqueTopic() {
  return "test" + std::to_string(::getpid()) + "x" + std::to_string(std::random_device{}()) + ".certificate.issued";
}

/// A database where service "timber" publishes and service "risk" consumes into risk.applied, plus a
/// stream of its own that is deleted afterwards.
struct Fixture {
  Fixture() {
    pqxx::connection connection(db.url());
    Migrate(connection, "timber", "");
    Migrate(connection, "risk", "CREATE TABLE risk.applied (event_id uuid NOT NULL, topic text NOT NULL);");
  }
  ~Fixture() { redis.Acquire()->Command({"DEL", events::StreamName(topic)}); }

  static void Migrate(pqxx::connection& connection, const std::string& schema, const std::string& extra) {
    const std::string sql = events::OutboxInboxDdl(schema) + extra;
    auto result = pg::ApplyMigrations(connection, schema, {{1, "0001_events.sql", sql, pg::Sha256Hex(sql)}});
    if (!result.ok()) throw std::runtime_error(result.error().message);
  }

  /// Publishes `count` events, each in its own committed transaction; returns their ids.
  std::vector<std::string> PublishCommitted(int count) {
    std::vector<std::string> ids;
    auto lease = pg.Acquire();
    for (int i = 0; i < count; ++i) {
      pqxx::work tx(*lease);
      ids.push_back(events::Publish(tx, "timber", topic, {{"certificate", "GA-EC-2026-" + std::to_string(i)}}));
      tx.commit();
    }
    return ids;
  }

  int Sql(const std::string& query) {
    auto lease = pg.Acquire();
    pqxx::nontransaction tx(*lease);
    return tx.exec1(query)[0].as<int>();
  }

  /// How many times each event id occurs in the stream.
  std::map<std::string, int> StreamCounts() {
    std::map<std::string, int> counts;
    const auto entries = redis.Acquire()->Command({"XRANGE", events::StreamName(topic), "-", "+"});
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const auto fields = entries[i][1];
      for (std::size_t f = 0; f + 1 < fields.size(); f += 2) {
        if (fields[f].AsString() == "event_id") ++counts[fields[f + 1].AsString()];
      }
    }
    return counts;
  }

  /// XLEN of the test's stream.
  std::size_t XLen() {
    return static_cast<std::size_t>(redis.Acquire()->Command({"XLEN", events::StreamName(topic)}).AsInteger());
  }

  /// Entries of the stream read by consumer group `group` and not yet acknowledged.
  std::size_t XPendingCount(const std::string& group = "risk") {
    const auto summary = redis.Acquire()->Command({"XPENDING", events::StreamName(topic), group});
    return static_cast<std::size_t>(summary[0].AsInteger());
  }

  /// How many times the consumer applied each event.
  std::map<std::string, int> AppliedCounts() {
    std::map<std::string, int> counts;
    auto lease = pg.Acquire();
    pqxx::nontransaction tx(*lease);
    for (const auto& row : tx.exec("SELECT event_id::text, count(*) FROM risk.applied GROUP BY event_id")) {
      counts[row[0].as<std::string>()] = row[1].as<int>();
    }
    return counts;
  }

  static std::map<std::string, int> Once(const std::vector<std::string>& ids) {
    std::map<std::string, int> counts;
    for (const auto& id : ids) counts[id] = 1;
    return counts;
  }

  pg::TestDatabase db{"gl_events"};
  pg::Pool pg{pg::PoolOptions{.url = db.url(), .size = 4}};
  redis::Pool redis{redis::Options{.url = redis::TestServerUrl()}};
  std::string topic = UniqueTopic();
};

/// The handler of service "risk": records that it applied the event, in the consumer's transaction.
inline void Record(pqxx::work& tx, const events::Event& event) {
  tx.exec_params("INSERT INTO risk.applied (event_id, topic) VALUES ($1::uuid, $2)", event.id, event.topic);
}

/// Consumer "risk-0" of group "risk". Failed events are due again at once (retry_delay 0), so tests
/// need not wait for retries.
inline events::ConsumerOptions RiskOptions(const Fixture& f, std::size_t batch_size = 100) {
  using namespace std::chrono_literals;
  return {.schema = "risk",
          .topic = f.topic,
          .group = "risk",
          .consumer_name = "risk-0",
          .batch_size = batch_size,
          .block = 100ms,
          .retry_delay = 0ms};
}

}  // namespace events_test
