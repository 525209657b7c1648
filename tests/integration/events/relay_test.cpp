#include "greenlane/events/relay.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "events_fixture.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/config.h"
#include "greenlane/core/error.h"

using events_test::Fixture;
using namespace greenlane;

TEST_CASE("the outbox DDL names the schema and leaves no placeholder") {
  const std::string ddl = events::OutboxInboxDdl("cites");
  CHECK_THAT(ddl, Catch::Contains("CREATE TABLE cites.outbox") && Catch::Contains("CREATE TABLE cites.inbox") &&
                      Catch::Contains("CREATE TABLE cites.dead_letter") &&
                      Catch::Contains("WHERE published_at IS NULL"));
  CHECK_THAT(ddl, !Catch::Contains("{{"));
  CHECK_THROWS_AS(events::OutboxInboxDdl("cites; DROP"), core::GreenlaneException);
}

TEST_CASE("Publish rejects a malformed topic naming it") {
  Fixture f;
  auto lease = f.pg.Acquire();
  pqxx::work tx(*lease);
  try {
    events::Publish(tx, "timber", "Timber Certificate!", {});
    FAIL("accepted a malformed topic");
  } catch (const core::GreenlaneException& e) {
    CHECK(e.error().field == "topic");
    CHECK_THAT(e.error().message, Catch::Contains("Timber Certificate!"));
  }
}

TEST_CASE("the relay publishes each committed event exactly once and never a rolled-back one") {
  Fixture f;
  std::vector<std::string> committed;
  std::string rolled_back;
  {
    auto lease = f.pg.Acquire();
    for (int i = 0; i < 25; ++i) {
      pqxx::work tx(*lease);
      const std::string id = events::Publish(tx, "timber", f.topic, {{"n", i}, {"species", "Dalbergia nigra"}});
      if (i == 7) {
        rolled_back = id;
        tx.abort();
      } else {
        committed.push_back(id);
        tx.commit();
      }
    }
  }
  CHECK(f.Sql("SELECT count(*) FROM timber.outbox WHERE published_at IS NULL") == 24);

  events::Relay relay(f.pg, f.redis, {.schema = "timber", .batch_size = 10});
  CHECK(relay.RunOnce() == 10);
  CHECK(relay.RunOnce() == 10);
  CHECK(relay.RunOnce() == 4);
  CHECK(relay.RunOnce() == 0);

  const auto counts = f.StreamCounts();
  CHECK(counts == Fixture::Once(committed));
  CHECK_FALSE(counts.contains(rolled_back));
  CHECK(f.Sql("SELECT count(*) FROM timber.outbox WHERE published_at IS NULL") == 0);

  const auto first = f.redis.Acquire()->Command({"XRANGE", events::StreamName(f.topic), "-", "+", "COUNT", "1"})[0][1];
  std::map<std::string, std::string> fields;
  for (std::size_t i = 0; i + 1 < first.size(); i += 2) fields[first[i].AsString()] = first[i + 1].AsString();
  CHECK(fields["event_id"] == committed.front());
  CHECK(fields["topic"] == f.topic);
  CHECK(nlohmann::json::parse(fields["payload"]) == nlohmann::json{{"n", 0}, {"species", "Dalbergia nigra"}});
  CHECK(core::ParseRfc3339(fields["created_at"]).has_value());
}

TEST_CASE("two relays of one outbox publishing side by side send each event once") {
  Fixture f;
  std::vector<std::string> committed;
  {
    auto lease = f.pg.Acquire();
    pqxx::work tx(*lease);
    for (int i = 0; i < 2000; ++i) committed.push_back(events::Publish(tx, "timber", f.topic, {{"n", i}}));
    tx.commit();
  }
  events::Relay first(f.pg, f.redis, {.schema = "timber", .batch_size = 50});
  events::Relay second(f.pg, f.redis, {.schema = "timber", .batch_size = 50});
  std::atomic<std::size_t> published{0};
  auto drain = [&](events::Relay& relay) {
    while (const auto n = relay.RunOnce()) published += n;
  };
  std::thread one(drain, std::ref(first));
  std::thread two(drain, std::ref(second));
  one.join();
  two.join();
  CHECK(published == committed.size());
  CHECK(f.StreamCounts() == Fixture::Once(committed));
  CHECK(f.Sql("SELECT count(*) FROM timber.outbox WHERE published_at IS NULL") == 0);
}

TEST_CASE("events wait in the outbox while Redis is unreachable, then all go out") {
  Fixture f;
  const auto ids = f.PublishCommitted(12);
  {
    redis::Pool down(redis::Options{.url = "redis://127.0.0.1:1", .timeout = std::chrono::milliseconds(200)});
    events::Relay relay(f.pg, down, {.schema = "timber"});
    try {
      relay.RunOnce();
      FAIL("the relay claimed success without Redis");
    } catch (const core::GreenlaneException& e) {
      CHECK(e.error().kind == core::ErrorKind::kUnavailable);
    }
  }
  CHECK(f.Sql("SELECT count(*) FROM timber.outbox WHERE published_at IS NULL") == 12);
  CHECK(f.StreamCounts().empty());

  events::Relay relay(f.pg, f.redis, {.schema = "timber"});
  CHECK(relay.RunOnce() == 12);
  CHECK(f.StreamCounts() == Fixture::Once(ids));
}

TEST_CASE("a relay rejects a schema that is not a plain identifier") {
  Fixture f;
  CHECK_THROWS_AS(events::Relay(f.pg, f.redis, {.schema = "timber.outbox"}), core::ConfigError);
}
