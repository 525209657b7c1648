#include <catch2/catch.hpp>

#include "events_fixture.h"
#include "greenlane/core/error.h"
#include "greenlane/events/relay.h"

using events_test::Fixture;
using namespace greenlane;

namespace {

std::vector<nlohmann::json> Certificates(int count) {
  std::vector<nlohmann::json> payloads;
  for (int i = 0; i < count; ++i) payloads.push_back({{"certificate", "GA-EC-2026-" + std::to_string(i)}, {"n", i}});
  return payloads;
}

/// Event ids in the order they stand in the test's stream.
std::vector<std::string> StreamOrder(Fixture& f) {
  std::vector<std::string> ids;
  const auto entries = f.redis.Acquire()->Command({"XRANGE", events::StreamName(f.topic), "-", "+"});
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto fields = entries[i][1];
    for (std::size_t k = 0; k + 1 < fields.size(); k += 2) {
      if (fields[k].AsString() == "event_id") ids.push_back(fields[k + 1].AsString());
    }
  }
  return ids;
}

}  // namespace

TEST_CASE("PublishMany records every payload of a batch under the id it returns") {
  Fixture f;
  auto payloads = Certificates(1000);
  // Quotes, backslashes, SQL and non-ASCII text must arrive as they were sent.
  payloads[17] = {{"note", "O'Brien said \"stop\" \\ '); DROP TABLE timber.outbox; --"}, {"species", "Cèdre ≠ 雪松"}};
  std::vector<std::string> ids;
  {
    auto lease = f.pg.Acquire();
    pqxx::work tx(*lease);
    ids = events::PublishMany(tx, "timber", f.topic, payloads);
    tx.commit();
  }
  REQUIRE(ids.size() == payloads.size());
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());

  auto lease = f.pg.Acquire();
  pqxx::nontransaction tx(*lease);
  std::map<std::string, nlohmann::json> stored;
  for (const auto& row : tx.exec("SELECT event_id::text, payload::text, topic FROM timber.outbox")) {
    CHECK(row[2].as<std::string>() == f.topic);
    stored[row[0].as<std::string>()] = nlohmann::json::parse(row[1].as<std::string>());
  }
  REQUIRE(stored.size() == payloads.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    INFO("payload " << i);
    CHECK(stored.at(ids[i]) == payloads[i]);
  }
}

TEST_CASE("a rolled-back PublishMany leaves nothing for the relay") {
  Fixture f;
  {
    auto lease = f.pg.Acquire();
    pqxx::work tx(*lease);
    CHECK(events::PublishMany(tx, "timber", f.topic, Certificates(50)).size() == 50);
    tx.abort();
  }
  CHECK(f.Sql("SELECT count(*) FROM timber.outbox") == 0);
  events::Relay relay(f.pg, f.redis, {.schema = "timber"});
  CHECK(relay.RunOnce() == 0);
  CHECK(f.XLen() == 0);
}

TEST_CASE("the relay publishes the events of PublishMany batches in the order given") {
  Fixture f;
  std::vector<std::string> ids;
  {
    auto lease = f.pg.Acquire();
    pqxx::work tx(*lease);
    for (const auto& id : events::PublishMany(tx, "timber", f.topic, Certificates(300))) ids.push_back(id);
    ids.push_back(events::Publish(tx, "timber", f.topic, {{"single", true}}));
    for (const auto& id : events::PublishMany(tx, "timber", f.topic, Certificates(200))) ids.push_back(id);
    tx.commit();
  }
  events::Relay relay(f.pg, f.redis, {.schema = "timber", .batch_size = 128});
  std::size_t published = 0;
  while (const auto n = relay.RunOnce()) published += n;
  CHECK(published == ids.size());
  CHECK(StreamOrder(f) == ids);
}

TEST_CASE("PublishMany of no payloads writes nothing") {
  Fixture f;
  auto lease = f.pg.Acquire();
  pqxx::work tx(*lease);
  CHECK(events::PublishMany(tx, "timber", f.topic, {}).empty());
  CHECK(tx.exec1("SELECT count(*) FROM timber.outbox")[0].as<int>() == 0);
}

TEST_CASE("PublishMany rejects a malformed topic or schema before writing anything") {
  Fixture f;
  auto lease = f.pg.Acquire();
  pqxx::work tx(*lease);
  try {
    events::PublishMany(tx, "timber", "Timber Certificate!", Certificates(3));
    FAIL("accepted a malformed topic");
  } catch (const core::GreenlaneException& e) {
    CHECK(e.error().field == "topic");
    CHECK_THAT(e.error().message, Catch::Contains("Timber Certificate!"));
  }
  try {
    events::PublishMany(tx, "timber.outbox; --", f.topic, Certificates(3));
    FAIL("accepted a schema that is not an identifier");
  } catch (const core::GreenlaneException& e) {
    CHECK(e.error().field == "schema");
  }
  CHECK(tx.exec1("SELECT count(*) FROM timber.outbox")[0].as<int>() == 0);
}
