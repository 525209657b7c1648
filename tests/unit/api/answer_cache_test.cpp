#include "api/answer_cache.h"

#include <catch2/catch.hpp>

using greenlane::api::AnswerCache;
using greenlane::core::ManualClock;
using greenlane::core::SystemClock;
using greenlane::http::Response;
using namespace std::chrono_literals;

namespace {

Response Answer(const std::string& body) { return Response::Text(200, body, "application/json"); }

}  // namespace

TEST_CASE("a kept answer is given again until it expires") {
  ManualClock clock(SystemClock::Instance().Now());
  AnswerCache cache(clock, 1000ms, 100);
  CHECK_FALSE(cache.Find("/verify?a"));
  cache.Put("/verify?a", "P-1", cache.Take(), Answer("one"));
  REQUIRE(cache.Find("/verify?a"));
  CHECK(cache.Find("/verify?a")->body == "one");
  CHECK_FALSE(cache.Find("/verify?b"));
  clock.Advance(999ms);
  CHECK(cache.Find("/verify?a"));
  clock.Advance(1ms);
  CHECK_FALSE(cache.Find("/verify?a"));
}

TEST_CASE("forgetting a subject drops all its answers and only its answers") {
  ManualClock clock(SystemClock::Instance().Now());
  AnswerCache cache(clock, 60s, 100);
  cache.Put("/p1/verify", "P-1", cache.Take(), Answer("p1"));
  cache.Put("/p1/verify?quantity=2", "P-1", cache.Take(), Answer("p1 q2"));
  cache.Put("/p2/verify", "P-2", cache.Take(), Answer("p2"));
  cache.Forget("P-1");
  CHECK_FALSE(cache.Find("/p1/verify"));
  CHECK_FALSE(cache.Find("/p1/verify?quantity=2"));
  CHECK(cache.Find("/p2/verify"));
  // Answers fetched after the change are kept again.
  cache.Put("/p1/verify", "P-1", cache.Take(), Answer("p1 changed"));
  REQUIRE(cache.Find("/p1/verify"));
  CHECK(cache.Find("/p1/verify")->body == "p1 changed");
}

TEST_CASE("an answer fetched while its subject was changing is never kept") {
  ManualClock clock(SystemClock::Instance().Now());
  AnswerCache cache(clock, 60s, 100);
  const auto before_change = cache.Take();  // a verification asks cites...
  cache.Forget("P-1");                      // ...a change through this facade completes...
  cache.Put("/p1/verify", "P-1", before_change, Answer("maybe the old state"));  // ...the old answer arrives
  CHECK_FALSE(cache.Find("/p1/verify"));
  // The same holds for an answer kept just before the change.
  const auto kept = cache.Take();
  cache.Put("/p1/verify?x", "P-1", kept, Answer("old"));
  cache.Forget("P-1");
  CHECK_FALSE(cache.Find("/p1/verify?x"));
}

TEST_CASE("a full cache drops expired answers first, then everything, a ttl of 0 is off") {
  ManualClock clock(SystemClock::Instance().Now());
  AnswerCache cache(clock, 10s, 2);
  cache.Put("a", "A", cache.Take(), Answer("a"));
  clock.Advance(6s);
  cache.Put("b", "B", cache.Take(), Answer("b"));
  clock.Advance(5s);  // a expired, b not
  cache.Put("c", "C", cache.Take(), Answer("c"));
  CHECK(cache.Find("b"));
  CHECK(cache.Find("c"));
  cache.Put("d", "D", cache.Take(), Answer("d"));  // b and c still live: all go
  CHECK_FALSE(cache.Find("b"));
  CHECK_FALSE(cache.Find("c"));
  CHECK(cache.Find("d"));

  CHECK(cache.enabled());
  CHECK_FALSE(AnswerCache(clock, 0ms, 10).enabled());
}
