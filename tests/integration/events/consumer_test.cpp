#include "greenlane/events/consumer.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "events_fixture.h"
#include "greenlane/core/config.h"
#include "greenlane/core/error.h"
#include "greenlane/events/relay.h"

using events_test::Fixture;
using events_test::Record;
using events_test::RiskOptions;
using namespace greenlane;
using namespace std::chrono_literals;

namespace {

// Makes the relay fail after its XADDs and before its commit, as a crash there would.
void BreakRelayCommit(Fixture& f, bool broken) {
  auto lease = f.pg.Acquire();
  pqxx::work tx(*lease);
  if (broken) {
    tx.exec(
        "CREATE FUNCTION timber.crash() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'simulated relay crash between XADD and commit'; END $$;"
        "CREATE TRIGGER crash BEFORE UPDATE ON timber.outbox EXECUTE FUNCTION timber.crash();");
  } else {
    tx.exec("DROP TRIGGER crash ON timber.outbox; DROP FUNCTION timber.crash();");
  }
  tx.commit();
}

}  // namespace

TEST_CASE("every committed event is applied exactly once across relay restarts and relay and consumer crashes") {
  Fixture f;
  const auto ids = f.PublishCommitted(40);

  // First relay publishes a batch, then goes away (restart).
  { CHECK(events::Relay(f.pg, f.redis, {.schema = "timber", .batch_size = 10}).RunOnce() == 10); }

  // Second relay crashes after XADDing the next batch: those 10 will be published twice.
  events::Relay relay(f.pg, f.redis, {.schema = "timber", .batch_size = 10});
  BreakRelayCommit(f, true);
  CHECK_THROWS(relay.RunOnce());
  BreakRelayCommit(f, false);
  while (relay.RunOnce() > 0) {
  }
  auto in_stream = f.StreamCounts();
  REQUIRE(in_stream.size() == 40);
  int duplicates = 0;
  for (const auto& [id, count] : in_stream) duplicates += count - 1;
  CHECK(duplicates == 10);

  // The consumer's Redis connection drops after it committed a batch but before XACK: a crash
  // between the two. Pool size 1 makes the killed connection the one the consumer uses.
  redis::Pool consumer_redis(redis::Options{.url = redis::TestServerUrl(), .size = 1});
  const std::string consumer_client = std::to_string(consumer_redis.Acquire()->Command({"CLIENT", "ID"}).AsInteger());
  std::atomic<int> handled{0};
  auto kill_before_ack = [&](pqxx::work& tx, const events::Event& event) {
    Record(tx, event);
    if (++handled == 5) f.redis.Acquire()->Command({"CLIENT", "KILL", "ID", consumer_client});
  };
  {
    events::Consumer consumer(f.pg, consumer_redis, RiskOptions(f, 15), kill_before_ack);
    try {
      consumer.RunOnce();
      FAIL("XACK succeeded on a killed connection");
    } catch (const core::GreenlaneException& e) {
      CHECK(e.error().kind == core::ErrorKind::kUnavailable);
    }
  }
  CHECK(f.Sql("SELECT count(*) FROM risk.applied") == 15);
  CHECK(f.XPendingCount() == 15);

  // Restarted under the same name, the consumer settles its pending entries without re-applying.
  std::atomic<int> calls{0};
  events::Consumer consumer(f.pg, consumer_redis, RiskOptions(f, 15), [&](pqxx::work& tx, const events::Event& event) {
    ++calls;
    Record(tx, event);
  });
  std::size_t settled = 0;
  for (int pass = 0; pass < 20 && (f.AppliedCounts().size() < 40 || f.XPendingCount() > 0); ++pass) {
    settled += consumer.RunOnce();
  }
  CHECK(f.AppliedCounts() == Fixture::Once(ids));
  CHECK(calls == 25);
  CHECK(settled == 50 - 15 + 15);  // 15 redelivered + 35 not yet read (25 new ids, 10 duplicates)
  CHECK(f.XPendingCount() == 0);
}

TEST_CASE("a handler that throws rolls back, and its event is retried and applied once") {
  Fixture f;
  const auto ids = f.PublishCommitted(5);
  events::Relay relay(f.pg, f.redis, {.schema = "timber"});
  REQUIRE(relay.RunOnce() == 5);

  std::atomic<int> attempts{0};
  events::Consumer consumer(f.pg, f.redis, RiskOptions(f), [&](pqxx::work& tx, const events::Event& event) {
    Record(tx, event);
    if (event.id == ids[2] && ++attempts == 1) throw std::runtime_error("permit service unavailable");
  });
  CHECK(consumer.RunOnce() == 4);
  CHECK(f.AppliedCounts().size() == 4);
  CHECK(f.XPendingCount() == 1);
  CHECK(consumer.RunOnce() == 1);
  CHECK(f.AppliedCounts() == Fixture::Once(ids));
  CHECK(f.XPendingCount() == 0);
}

TEST_CASE("two consumer groups each apply every event once, sharing one stream") {
  Fixture f;
  const auto ids = f.PublishCommitted(8);
  events::Relay relay(f.pg, f.redis, {.schema = "timber"});
  REQUIRE(relay.RunOnce() == 8);

  std::atomic<int> risk_calls{0};
  std::atomic<int> api_calls{0};
  events::Consumer risk(f.pg, f.redis, RiskOptions(f), [&](pqxx::work& tx, const events::Event& event) {
    ++risk_calls;
    Record(tx, event);
  });
  auto api_options = RiskOptions(f);
  api_options.group = "api";
  events::Consumer api(f.pg, f.redis, api_options, [&](pqxx::work&, const events::Event&) { ++api_calls; });
  CHECK(risk.RunOnce() == 8);
  CHECK(api.RunOnce() == 8);
  CHECK(risk.RunOnce() == 0);
  CHECK(risk_calls == 8);
  CHECK(api_calls == 8);
  CHECK(f.Sql("SELECT count(*) FROM risk.inbox WHERE consumer = 'api'") == 8);
}

TEST_CASE("started in the background, relay and consumer deliver events published while they run") {
  Fixture f;
  events::Relay relay(f.pg, f.redis,
                      {.schema = "timber", .batch_size = 7, .idle_poll = 10ms, .maintenance_interval = 20ms});
  events::Consumer consumer(f.pg, f.redis, RiskOptions(f), Record);
  relay.Start();
  consumer.Start();
  std::vector<std::string> ids;
  for (int round = 0; round < 5; ++round) {
    const auto more = f.PublishCommitted(10);
    ids.insert(ids.end(), more.begin(), more.end());
    std::this_thread::sleep_for(20ms);
  }
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (f.AppliedCounts().size() < ids.size() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
  }
  CHECK(f.AppliedCounts() == Fixture::Once(ids));
  // The running relay also trims what the only group has acknowledged.
  while (f.XLen() > 0 && std::chrono::steady_clock::now() < deadline + 5s) std::this_thread::sleep_for(20ms);
  CHECK(f.XLen() == 0);
  relay.Stop();
  consumer.Stop();
}

TEST_CASE("a consumer rejects incomplete options naming the option") {
  Fixture f;
  auto options = RiskOptions(f);
  options.consumer_name.clear();
  try {
    events::Consumer consumer(f.pg, f.redis, options, Record);
    FAIL("accepted an empty consumer_name");
  } catch (const core::ConfigError& e) {
    CHECK_THAT(e.what(), Catch::Contains("consumer_name"));
  }
}
