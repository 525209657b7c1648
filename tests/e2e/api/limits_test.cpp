#include <catch2/catch.hpp>
#include <thread>

#include "api_stack.h"

using greenlane::testing::ApiStack;
using nlohmann::json;

TEST_CASE("429 with Retry-After once a client passes its rate limit") {
  ApiStack stack([](auto& settings) {
    settings.rate_limit.limit = 5;
    settings.rate_limit.window = std::chrono::seconds(3600);
  });
  const std::string token = stack.Token(stack.CreateClient("busy", {"trader"}));
  auto client = stack.Connect();
  for (int i = 0; i < 5; ++i) REQUIRE(client.Send("GET", "/v1/me", "", ApiStack::Bearer(token)).status == 200);
  auto refused = client.Send("GET", "/v1/me", "", ApiStack::Bearer(token));
  CHECK(refused.status == 429);
  const int retry_after = std::stoi(refused.headers["retry-after"]);
  CHECK(retry_after >= 1);
  CHECK(retry_after <= 3600);
  CHECK(json::parse(refused.body)["type"] == "urn:greenlane:problem:rate-limited");
  // another client is not affected
  const std::string other = stack.Token(stack.CreateClient("calm", {"trader"}));
  CHECK(client.Send("GET", "/v1/me", "", ApiStack::Bearer(other)).status == 200);
}

TEST_CASE("the limit is shared through Redis by two API instances") {
  auto limit_small = [](auto& settings) {
    settings.rate_limit.limit = 6;
    settings.rate_limit.window = std::chrono::seconds(3600);
    settings.rate_limit_sync = std::chrono::milliseconds(10);
  };
  ApiStack first(limit_small);
  const std::string token = first.Token(first.CreateClient("shared", {"trader"}));
  // The second instance uses the same Redis (and its own database): it trusts tokens from the
  // same signing key, so the same client is counted by both.
  ApiStack second(limit_small);
  auto a = first.Connect();
  auto b = second.Connect();
  for (int i = 0; i < 3; ++i) REQUIRE(a.Send("GET", "/v1/me", "", ApiStack::Bearer(token)).status == 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // both instances sync
  for (int i = 0; i < 3; ++i) REQUIRE(b.Send("GET", "/v1/me", "", ApiStack::Bearer(token)).status == 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(a.Send("GET", "/v1/me", "", ApiStack::Bearer(token)).status == 429);
  CHECK(b.Send("GET", "/v1/me", "", ApiStack::Bearer(token)).status == 429);
}

TEST_CASE("with Redis unreachable the API keeps serving and readiness says why") {
  ApiStack stack([](auto& settings) {
    settings.redis_url = "redis://127.0.0.1:1";  // nothing listens there
    settings.rate_limit.limit = 2;
    settings.rate_limit_sync = std::chrono::milliseconds(10);
  });
  const std::string token = stack.Token(stack.CreateClient("t", {"trader"}));
  auto client = stack.Connect();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the first sync fails
  for (int i = 0; i < 10; ++i) REQUIRE(client.Send("GET", "/v1/me", "", ApiStack::Bearer(token)).status == 200);
  auto ready = client.Send("GET", "/readyz");
  CHECK(ready.status == 503);
  CHECK(json::parse(ready.body)["checks"]["redis"] == "unreachable");
  CHECK(json::parse(ready.body)["checks"]["postgresql"] == "ok");
}

TEST_CASE("liveness and readiness") {
  ApiStack stack;
  auto client = stack.Connect();
  CHECK(client.Send("GET", "/healthz").status == 200);
  auto ready = client.Send("GET", "/readyz");
  CHECK(ready.status == 200);
  CHECK(json::parse(ready.body)["status"] == "ready");
}
