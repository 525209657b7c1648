#include "domain/rate_limiter.h"

#include <catch2/catch.hpp>

using namespace greenlane;
using api::RateLimiter;

namespace {
core::TimePoint At(const char* text) { return core::ParseRfc3339(text).value(); }
}  // namespace

TEST_CASE("the rate limiter admits up to the limit in a window, then says when to retry") {
  RateLimiter limiter({3, std::chrono::seconds(60)});
  const auto now = At("2026-11-22T10:00:15Z");
  CHECK(limiter.Check("client:a", now).allowed);
  CHECK(limiter.Check("client:a", now).allowed);
  auto third = limiter.Check("client:a", now);
  CHECK(third.allowed);
  CHECK(third.remaining == 0);
  auto fourth = limiter.Check("client:a", now);
  CHECK_FALSE(fourth.allowed);
  CHECK(fourth.retry_after == std::chrono::seconds(45));
  CHECK(limiter.Check("client:b", now).allowed);                         // limits are per client
  CHECK(limiter.Check("client:a", At("2026-11-22T10:01:00Z")).allowed);  // a new window
}

TEST_CASE("counts from other instances, reported by Redis, count against the limit") {
  RateLimiter limiter({10, std::chrono::seconds(60)});
  const auto now = At("2026-11-22T10:00:00Z");
  REQUIRE(limiter.Check("client:a", now).allowed);
  auto pending = limiter.TakePending(now);
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].count == 1);
  limiter.ApplyTotal(pending[0], 10);  // nine more came through other instances
  CHECK_FALSE(limiter.Check("client:a", now).allowed);
}

TEST_CASE("requests in flight to Redis still count until Redis answers") {
  RateLimiter limiter({2, std::chrono::seconds(60)});
  const auto now = At("2026-11-22T10:00:00Z");
  REQUIRE(limiter.Check("k", now).allowed);
  REQUIRE(limiter.Check("k", now).allowed);
  auto pending = limiter.TakePending(now);
  CHECK_FALSE(limiter.Check("k", now).allowed);
  limiter.ApplyTotal(pending[0], 2);
  CHECK_FALSE(limiter.Check("k", now).allowed);
  auto refresh = limiter.TakePending(now);  // nothing new: only a request for the shared total
  REQUIRE(refresh.size() == 1);
  CHECK(refresh[0].count == 0);
}

TEST_CASE("an idle key still learns the total that other instances pushed") {
  RateLimiter limiter({5, std::chrono::seconds(60)});
  const auto now = At("2026-11-22T10:00:00Z");
  REQUIRE(limiter.Check("k", now).allowed);
  limiter.ApplyTotal(limiter.TakePending(now)[0], 1);
  auto refresh = limiter.TakePending(now);
  REQUIRE(refresh.size() == 1);
  limiter.ApplyTotal(refresh[0], 5);  // four more elsewhere
  CHECK_FALSE(limiter.Check("k", now).allowed);
}

TEST_CASE("when Redis fails the limits are not enforced and the counts are kept for later") {
  RateLimiter limiter({1, std::chrono::seconds(60)});
  const auto now = At("2026-11-22T10:00:00Z");
  REQUIRE(limiter.Check("k", now).allowed);
  auto pending = limiter.TakePending(now);
  limiter.SyncFailed(pending);
  CHECK_FALSE(limiter.enforced());
  auto decision = limiter.Check("k", now);
  CHECK(decision.allowed);
  CHECK_FALSE(decision.enforced);
  auto retry = limiter.TakePending(now);
  REQUIRE(retry.size() == 1);
  CHECK(retry[0].count == 2);  // the failed batch and the new request
  limiter.ApplyTotal(retry[0], 2);
  limiter.SyncSucceeded();
  CHECK_FALSE(limiter.Check("k", now).allowed);
}

TEST_CASE("keys of past windows are forgotten") {
  RateLimiter limiter({5, std::chrono::seconds(1)});
  REQUIRE(limiter.Check("k", At("2026-11-22T10:00:00Z")).allowed);
  auto pending = limiter.TakePending(At("2026-11-22T10:00:00Z"));
  limiter.ApplyTotal(pending[0], 1);
  CHECK(limiter.TakePending(At("2026-11-22T10:00:05Z")).empty());
  // a late answer for a forgotten window changes nothing
  limiter.ApplyTotal(pending[0], 99);
  CHECK(limiter.Check("k", At("2026-11-22T10:00:05Z")).allowed);
}
