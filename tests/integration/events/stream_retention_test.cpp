// What the relay keeps: stream entries a consumer group still needs, and published outbox rows for
// replaying.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <set>

#include "events_fixture.h"
#include "greenlane/events/consumer.h"
#include "greenlane/events/relay.h"

using events_test::Fixture;
using events_test::Record;
using events_test::RiskOptions;
using namespace greenlane;
using namespace std::chrono_literals;

TEST_CASE("the relay trims only stream entries every consumer group has acknowledged") {
  Fixture f;
  const auto ids = f.PublishCommitted(30);
  events::Relay relay(f.pg, f.redis, {.schema = "timber"});
  REQUIRE(relay.RunOnce() == 30);
  CHECK(relay.TrimStreams() == 0);  // no group yet: nobody has read anything
  CHECK(f.XLen() == 30);

  // "risk" applies the first 10; "api" reads 15 and cannot apply the last 5 of them yet.
  events::Consumer risk(f.pg, f.redis, RiskOptions(f, 10), Record);
  REQUIRE(risk.RunOnce() == 10);
  std::atomic<bool> api_stuck{true};
  const std::set<std::string> stuck_ids(ids.begin() + 10, ids.begin() + 15);
  auto api_options = RiskOptions(f, 15);
  api_options.group = "api";
  events::Consumer api(f.pg, f.redis, api_options, [&](pqxx::work&, const events::Event& event) {
    if (api_stuck && stuck_ids.contains(event.id)) throw std::runtime_error("permit register unreachable");
  });
  REQUIRE(api.RunOnce() == 10);
  REQUIRE(f.XPendingCount("api") == 5);

  CHECK(relay.TrimStreams() == 10);
  CHECK(f.XLen() == 20);
  CHECK(relay.TrimStreams() == 0);  // the groups still need the rest, however long they lag

  api_stuck = false;
  for (int pass = 0; pass < 5; ++pass) {
    risk.RunOnce();
    api.RunOnce();
  }
  CHECK(f.AppliedCounts() == Fixture::Once(ids));
  CHECK(f.Sql("SELECT count(*) FROM risk.inbox WHERE consumer = 'api'") == 30);
  CHECK(relay.TrimStreams() == 20);
  CHECK(f.XLen() == 0);
}

TEST_CASE("published outbox rows are kept for the retention, then pruned in bounded batches") {
  Fixture f;
  f.PublishCommitted(12);
  events::Relay relay(f.pg, f.redis, {.schema = "timber", .prune_batch = 5});
  REQUIRE(relay.RunOnce() == 12);
  f.PublishCommitted(3);  // never published: pruning must not touch them, however old
  f.Sql(
      "WITH aged AS (UPDATE timber.outbox SET published_at = now() - interval '8 days' WHERE id IN"
      " (SELECT id FROM timber.outbox WHERE published_at IS NOT NULL ORDER BY id LIMIT 9) RETURNING 1)"
      " SELECT count(*) FROM aged");
  f.Sql(
      "WITH aged AS (UPDATE timber.outbox SET created_at = now() - interval '30 days' WHERE published_at IS NULL"
      " RETURNING 1) SELECT count(*) FROM aged");

  CHECK(relay.PruneOutbox() == 5);
  CHECK(relay.PruneOutbox() == 4);
  CHECK(relay.PruneOutbox() == 0);
  CHECK(f.Sql("SELECT count(*) FROM timber.outbox WHERE published_at IS NOT NULL") == 3);
  CHECK(f.Sql("SELECT count(*) FROM timber.outbox WHERE published_at IS NULL") == 3);
}

TEST_CASE("events trimmed from the stream can be replayed from the outbox for a group created later") {
  Fixture f;
  const auto before = std::chrono::system_clock::now() - 1s;
  const auto ids = f.PublishCommitted(6);
  events::Relay relay(f.pg, f.redis, {.schema = "timber"});
  REQUIRE(relay.RunOnce() == 6);
  events::Consumer risk(f.pg, f.redis, RiskOptions(f), Record);
  REQUIRE(risk.RunOnce() == 6);
  REQUIRE(relay.TrimStreams() == 6);

  std::vector<std::string> api_seen;
  auto api_options = RiskOptions(f);
  api_options.group = "api";
  events::Consumer api(f.pg, f.redis, api_options,
                       [&](pqxx::work&, const events::Event& event) { api_seen.push_back(event.id); });
  CHECK(api.RunOnce() == 0);  // created after the trim: the stream no longer has them

  CHECK(relay.ReplaySince(f.topic, std::chrono::system_clock::now() + 1h) == 0);
  CHECK(relay.ReplaySince(f.topic, before) == 6);
  CHECK(relay.RunOnce() == 6);
  CHECK(api.RunOnce() == 6);
  CHECK(api_seen == ids);
  CHECK(risk.RunOnce() == 6);  // redelivered to "risk" too, and skipped through its inbox
  CHECK(f.AppliedCounts() == Fixture::Once(ids));
  CHECK_THROWS_AS(relay.ReplaySince("Not A Topic", before), core::GreenlaneException);
}
