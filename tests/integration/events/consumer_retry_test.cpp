// Events whose handler fails, and entries left pending by a consumer that went away.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "events_fixture.h"
#include "greenlane/core/config.h"
#include "greenlane/events/consumer.h"
#include "greenlane/events/relay.h"
#include "greenlane/metrics/registry.h"

using events_test::Fixture;
using events_test::Record;
using events_test::RiskOptions;
using namespace greenlane;
using namespace std::chrono_literals;

namespace {

struct DeadLetter {
  std::string consumer, event_id, topic, error;
  nlohmann::json payload;
  int deliveries;
};

std::vector<DeadLetter> DeadLetters(Fixture& f) {
  std::vector<DeadLetter> letters;
  auto lease = f.pg.Acquire();
  pqxx::nontransaction tx(*lease);
  for (const auto& row :
       tx.exec("SELECT consumer, event_id::text, topic, payload::text, error, deliveries FROM risk.dead_letter"
               " ORDER BY event_id")) {
    letters.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
                       row[4].as<std::string>(), nlohmann::json::parse(row[3].as<std::string>()), row[5].as<int>()});
  }
  return letters;
}

std::vector<std::string> Slice(const std::vector<std::string>& ids, std::size_t from, std::size_t to) {
  return {ids.begin() + static_cast<std::ptrdiff_t>(from), ids.begin() + static_cast<std::ptrdiff_t>(to)};
}

}  // namespace

TEST_CASE("an event that keeps failing is dead-lettered after max_deliveries without holding up the others") {
  Fixture f;
  const auto ids = f.PublishCommitted(6);
  events::Relay relay(f.pg, f.redis, {.schema = "timber"});
  REQUIRE(relay.RunOnce() == 6);

  // Events 0 and 1 can never be applied; 2 and 3 fail once. With batch_size 2 the two hopeless ones
  // are the oldest pending entries on every pass.
  std::map<std::string, int> attempts;
  auto options = RiskOptions(f, 2);
  options.max_deliveries = 3;
  events::Consumer consumer(f.pg, f.redis, options, [&](pqxx::work& tx, const events::Event& event) {
    const int attempt = ++attempts[event.id];
    Record(tx, event);
    if (event.id == ids[0] || event.id == ids[1]) {
      throw std::runtime_error("certificate " + event.payload["certificate"].get<std::string>() +
                               " names no issuing authority");
    }
    if ((event.id == ids[2] || event.id == ids[3]) && attempt == 1) throw std::runtime_error("serialization failure");
  });
  for (int pass = 0; pass < 20; ++pass) {
    consumer.RunOnce();
    if (f.XPendingCount() == 0 && f.AppliedCounts().size() == 4) break;
  }

  CHECK(f.AppliedCounts() == Fixture::Once(Slice(ids, 2, 6)));
  CHECK(f.XPendingCount() == 0);
  CHECK(attempts[ids[0]] == 3);
  CHECK(attempts[ids[1]] == 3);
  const auto letters = DeadLetters(f);
  REQUIRE(letters.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(letters[i].consumer == "risk");
    CHECK(letters[i].event_id == ids[i]);
    CHECK(letters[i].topic == f.topic);
    CHECK(letters[i].payload == nlohmann::json{{"certificate", "GA-EC-2026-" + std::to_string(i)}});
    CHECK_THAT(letters[i].error, Catch::Contains("GA-EC-2026-" + std::to_string(i) + " names no issuing authority"));
    CHECK(letters[i].deliveries == 3);
  }
  CHECK_THAT(metrics::Serialize(*metrics::DefaultRegistry()),
             Catch::Contains("greenlane_events_dead_lettered_total{group=\"risk\",topic=\"" + f.topic + "\"} 2"));
  CHECK(consumer.RunOnce() == 0);  // settled for good
}

TEST_CASE("an event that keeps failing is retried at retry_delay and does not slow down new events") {
  Fixture f;
  events::Relay relay(f.pg, f.redis, {.schema = "timber"});
  const std::string hopeless = f.PublishCommitted(1)[0];
  REQUIRE(relay.RunOnce() == 1);

  std::atomic<int> hopeless_attempts{0};
  auto options = RiskOptions(f);
  options.block = 20ms;
  options.retry_delay = 20ms;
  options.max_deliveries = 100000;
  events::Consumer consumer(f.pg, f.redis, options, [&](pqxx::work& tx, const events::Event& event) {
    if (event.id == hopeless) {
      ++hopeless_attempts;
      throw std::runtime_error("unknown species code");
    }
    Record(tx, event);
  });
  consumer.Start();
  // Long enough for a loop that backed off on every failing pass to be pausing for seconds.
  std::this_thread::sleep_for(2500ms);
  CHECK(hopeless_attempts >= 10);

  const auto ids = f.PublishCommitted(5);
  REQUIRE(relay.RunOnce() == 5);
  const auto published = std::chrono::steady_clock::now();
  while (f.AppliedCounts().size() < ids.size() && std::chrono::steady_clock::now() < published + 5s) {
    std::this_thread::sleep_for(10ms);
  }
  const auto latency = std::chrono::steady_clock::now() - published;
  consumer.Stop();
  CHECK(f.AppliedCounts() == Fixture::Once(ids));
  CHECK(latency < 1s);
}

TEST_CASE("entries pending on a consumer that never comes back are taken over once idle for claim_min_idle") {
  Fixture f;
  const auto ids = f.PublishCommitted(5);
  events::Relay relay(f.pg, f.redis, {.schema = "timber"});
  REQUIRE(relay.RunOnce() == 5);
  {
    auto gone_options = RiskOptions(f);
    gone_options.consumer_name = "risk-gone";
    events::Consumer gone(f.pg, f.redis, gone_options,
                          [](pqxx::work&, const events::Event&) { throw std::runtime_error("pod evicted"); });
    CHECK(gone.RunOnce() == 0);
  }
  REQUIRE(f.XPendingCount() == 5);

  auto options = RiskOptions(f);
  options.consumer_name = "risk-1";
  options.claim_min_idle = 400ms;
  events::Consumer survivor(f.pg, f.redis, options, Record);
  CHECK(survivor.RunOnce() == 0);  // not idle long enough: "risk-gone" might still be working on them
  CHECK(f.AppliedCounts().empty());
  std::this_thread::sleep_for(450ms);
  CHECK(survivor.RunOnce() == 5);
  CHECK(f.AppliedCounts() == Fixture::Once(ids));
  CHECK(f.XPendingCount() == 0);
}

TEST_CASE("an entry delivered max_deliveries times without being settled is dead-lettered unhandled") {
  Fixture f;
  const auto ids = f.PublishCommitted(2);
  events::Relay relay(f.pg, f.redis, {.schema = "timber"});
  REQUIRE(relay.RunOnce() == 2);
  // Three deliveries each that ended without a verdict, as when an event crashes the consumer
  // process; the second event had in fact committed, only its XACK was lost.
  const std::string stream = events::StreamName(f.topic);
  auto redis = f.redis.Acquire();
  REQUIRE(redis->Command({"XGROUP", "CREATE", stream, "risk", "0"}).AsString() == "OK");
  const auto read = redis->Command({"XREADGROUP", "GROUP", "risk", "risk-0", "STREAMS", stream, ">"})[0][1];
  REQUIRE(read.size() == 2);
  for (int i = 0; i < 2; ++i) {
    redis->Command({"XCLAIM", stream, "risk", "risk-0", "0", read[0][0].AsString(), read[1][0].AsString()});
  }
  f.Sql("WITH applied AS (INSERT INTO risk.inbox (consumer, event_id) VALUES ('risk', '" + ids[1] +
        "') RETURNING 1) SELECT count(*) FROM applied");

  auto options = RiskOptions(f);
  options.max_deliveries = 3;
  int calls = 0;
  events::Consumer consumer(f.pg, f.redis, options, [&](pqxx::work&, const events::Event&) { ++calls; });
  CHECK(consumer.RunOnce() == 2);
  CHECK(calls == 0);
  const auto letters = DeadLetters(f);
  REQUIRE(letters.size() == 1);
  CHECK(letters[0].event_id == ids[0]);
  CHECK(letters[0].deliveries == 3);
  CHECK_THAT(letters[0].error, Catch::Contains("3 times without being settled"));
  CHECK(f.XPendingCount() == 0);
}

TEST_CASE("a consumer rejects retry options that cannot work, naming them") {
  Fixture f;
  auto options = RiskOptions(f);
  options.max_deliveries = 0;
  CHECK_THROWS_WITH(events::Consumer(f.pg, f.redis, options, Record), Catch::Contains("max_deliveries"));
  options = RiskOptions(f);
  options.retry_delay = 60s;
  options.claim_min_idle = 60s;
  CHECK_THROWS_WITH(events::Consumer(f.pg, f.redis, options, Record),
                    Catch::Contains("claim_min_idle") && Catch::Contains("retry_delay"));
}
