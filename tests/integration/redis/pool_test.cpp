#include "greenlane/redis/pool.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "greenlane/core/config.h"
#include "greenlane/core/error.h"
#include "greenlane/redis/test_server.h"

using namespace std::chrono_literals;
using greenlane::core::ErrorKind;
using greenlane::core::GreenlaneException;
using greenlane::redis::Options;
using greenlane::redis::Pool;
using greenlane::redis::Reply;
using greenlane::redis::TestServerUrl;
using greenlane::redis::UniqueKeyPrefix;

namespace {

std::string ClientId(Pool::Lease& lease) { return std::to_string(lease->Command({"CLIENT", "ID"}).AsInteger()); }

// Drops a client from the server side, as a Redis restart, failover or `timeout` setting would.
void KillClient(Pool& pool, const std::string& id) {
  auto admin = pool.Acquire();
  REQUIRE(admin->Command({"CLIENT", "KILL", "ID", id}).AsInteger() == 1);
}

std::string UnavailableMessage(const std::function<void()>& action) {
  try {
    action();
  } catch (const GreenlaneException& e) {
    CHECK(e.error().kind == ErrorKind::kUnavailable);
    return e.what();
  }
  FAIL("expected kUnavailable");
  return {};
}

}  // namespace

TEST_CASE("commands round-trip binary-safe values and report each reply type") {
  Pool pool(Options{.url = TestServerUrl()});
  const std::string key = UniqueKeyPrefix("redis-test") + "blob";
  const std::string blob("a\0b\r\n\xff end", 10);
  auto lease = pool.Acquire();

  const Reply set = lease->Command({"SET", key, blob, "EX", "60"});
  CHECK(set.IsStatus());
  CHECK(set.AsString() == "OK");
  const Reply get = lease->Command({"GET", key});
  REQUIRE(get.IsString());
  CHECK(get.AsString() == blob);
  CHECK(lease->Command({"STRLEN", key}).AsInteger() == 10);
  CHECK(lease->Command({"GET", key + ":absent"}).IsNil());

  const Reply wrong = lease->Command({"LPUSH", key, "x"});
  CHECK(wrong.IsError());
  CHECK_THAT(wrong.AsString(), Catch::StartsWith("WRONGTYPE"));

  lease->Command({"RPUSH", key + ":list", "a", "b", "c"});
  lease->Command({"EXPIRE", key + ":list", "60"});
  const Reply list = lease->Command({"LRANGE", key + ":list", "0", "-1"});
  REQUIRE(list.IsArray());
  REQUIRE(list.size() == 3);
  CHECK(list[2].AsString() == "c");
  CHECK_THROWS_AS(list[3], GreenlaneException);
  CHECK_THROWS_AS(list.AsInteger(), GreenlaneException);
}

TEST_CASE("a pipeline of 1000 commands answers in order") {
  Pool pool(Options{.url = TestServerUrl()});
  const std::string key = UniqueKeyPrefix("redis-test") + "counter";
  std::vector<std::vector<std::string>> commands;
  commands.reserve(1002);
  for (int i = 0; i < 1000; ++i) commands.push_back({"INCR", key});
  commands.push_back({"HGET", key, "field"});  // wrong type: the error stays in its slot
  commands.push_back({"DEL", key});

  auto lease = pool.Acquire();
  const auto replies = lease->Pipeline(commands);
  REQUIRE(replies.size() == 1002);
  for (int i = 0; i < 1000; ++i) REQUIRE(replies[i].AsInteger() == i + 1);
  CHECK(replies[1000].IsError());
  CHECK(replies[1001].AsInteger() == 1);
}

TEST_CASE("a connection the server dropped while leased fails once, then reconnects") {
  Pool pool(Options{.url = TestServerUrl(), .size = 2});
  auto lease = pool.Acquire();
  const std::string old_id = ClientId(lease);
  KillClient(pool, old_id);

  const std::string message = UnavailableMessage([&] { lease->Command({"PING"}); });
  CHECK_THAT(message, Catch::Contains("PING") && Catch::Contains("failed"));
  CHECK(lease->Command({"PING"}).AsString() == "PONG");
  CHECK(ClientId(lease) != old_id);
}

TEST_CASE("an idle connection the server dropped is reopened by Acquire without a failed call") {
  Pool pool(Options{.url = TestServerUrl(), .size = 1});
  Pool admin(Options{.url = TestServerUrl(), .size = 1});
  std::string old_id;
  {
    auto lease = pool.Acquire();
    old_id = ClientId(lease);
  }
  KillClient(admin, old_id);
  auto lease = pool.Acquire();
  CHECK(lease->Command({"PING"}).AsString() == "PONG");
  CHECK(ClientId(lease) != old_id);
}

TEST_CASE("checkouts beyond the pool size time out naming the wait") {
  Pool pool(Options{.url = TestServerUrl(), .size = 1, .timeout = 200ms});
  auto held = pool.Acquire();
  CHECK_THAT(UnavailableMessage([&] { pool.Acquire(); }), Catch::Contains("within 200 ms"));
}

TEST_CASE("a blocking command may wait longer than the socket timeout when asked to") {
  Pool pool(Options{.url = TestServerUrl(), .timeout = 200ms});
  const std::string key = UniqueKeyPrefix("redis-test") + "queue";
  auto lease = pool.Acquire();
  CHECK(lease->Command({"BLPOP", key, "0.5"}, 500ms).IsNil());
  CHECK_THROWS_AS(lease->Command({"BLPOP", key, "0.5"}), GreenlaneException);
  CHECK(lease->Command({"PING"}).AsString() == "PONG");
}

TEST_CASE("a database number in the URL selects that database") {
  Pool db0(Options{.url = TestServerUrl()});
  Pool db3(Options{.url = TestServerUrl() + "/3"});
  const std::string key = UniqueKeyPrefix("redis-test") + "where";
  db3.Acquire()->Command({"SET", key, "three", "EX", "60"});
  CHECK(db0.Acquire()->Command({"GET", key}).IsNil());
  CHECK(db3.Acquire()->Command({"GET", key}).AsString() == "three");
}

TEST_CASE("Redis down: the pool builds, Acquire reports the endpoint, Ping is false") {
  Pool pool(Options{.url = "redis://127.0.0.1:1", .timeout = 200ms});
  CHECK_THAT(UnavailableMessage([&] { pool.Acquire(); }),
             Catch::Contains("127.0.0.1:1/0") && Catch::Contains("connecting"));
  CHECK_FALSE(pool.Ping());
  CHECK_THROWS_AS(Pool(Options{.url = "redis://cache:notaport"}), greenlane::core::ConfigError);
}

TEST_CASE("Ping is true when Redis answers") {
  Pool pool(Options{.url = TestServerUrl()});
  CHECK(pool.Ping());
}
