#include <catch2/catch.hpp>
#include <chrono>
#include <vector>

#include "domain/backoff.h"
#include "domain/capacity.h"
#include "domain/file_readiness.h"

using namespace greenlane::edge;
using namespace std::chrono_literals;

TEST_CASE("a file is complete only when two consecutive polls see the same size and mtime") {
  ReadinessTracker tracker;
  CHECK_FALSE(tracker.Observe("/in/a.csv", {100, 1}));  // first sight
  tracker.EndPoll();
  CHECK_FALSE(tracker.Observe("/in/a.csv", {250, 2}));  // still being written
  tracker.EndPoll();
  CHECK(tracker.Observe("/in/a.csv", {250, 2}));
  tracker.EndPoll();
}

TEST_CASE("a touched file with the same size is not complete until it settles") {
  ReadinessTracker tracker;
  CHECK_FALSE(tracker.Observe("/in/a.csv", {100, 1}));
  tracker.EndPoll();
  CHECK_FALSE(tracker.Observe("/in/a.csv", {100, 5}));
  tracker.EndPoll();
  CHECK(tracker.Observe("/in/a.csv", {100, 5}));
}

TEST_CASE("a file that disappears is forgotten, so a new file under its name waits two polls again") {
  ReadinessTracker tracker;
  CHECK_FALSE(tracker.Observe("/in/a.csv", {100, 1}));
  tracker.EndPoll();
  tracker.EndPoll();  // a poll where the file was gone (moved to processed/)
  CHECK(tracker.tracked() == 0);
  CHECK_FALSE(tracker.Observe("/in/a.csv", {100, 1}));
}

TEST_CASE("backoff reconnects at once, then waits with full jitter under a doubling cap") {
  std::vector<std::uint64_t> bounds;
  Backoff backoff({.initial = 100ms, .max = 1000ms}, [&](std::uint64_t bound) {
    bounds.push_back(bound);
    return bound;  // the largest wait allowed
  });
  CHECK(backoff.NextDelay() == 0ms);
  CHECK(backoff.NextDelay() == 100ms);
  CHECK(backoff.NextDelay() == 200ms);
  CHECK(backoff.NextDelay() == 400ms);
  CHECK(backoff.NextDelay() == 800ms);
  CHECK(backoff.NextDelay() == 1000ms);
  for (int i = 0; i < 100; ++i) CHECK(backoff.NextDelay() == 1000ms);  // long outages stay at the cap
  CHECK(bounds.front() == 100);
}

TEST_CASE("backoff jitter comes from the random source and stays within the cap") {
  Backoff backoff({.initial = 100ms, .max = 1000ms}, [](std::uint64_t) { return 1'000'000u; });
  CHECK(backoff.NextDelay() == 0ms);
  CHECK(backoff.NextDelay() == 100ms);  // a misbehaving source is clamped to the cap
  Backoff lucky({.initial = 100ms, .max = 1000ms}, [](std::uint64_t) { return 0u; });
  lucky.NextDelay();
  CHECK(lucky.NextDelay() == 0ms);
}

TEST_CASE("after a healthy stream the next disconnect is retried at once again") {
  Backoff backoff({.initial = 100ms, .max = 1000ms}, [](std::uint64_t bound) { return bound; });
  backoff.NextDelay();
  backoff.NextDelay();
  CHECK(backoff.failures() == 2);
  backoff.Reset();
  CHECK(backoff.NextDelay() == 0ms);
}

TEST_CASE("a file is admitted whole only when it fits under the capacity") {
  CHECK(AdmitFile(0, 10, 3) == Admission::kAccept);
  CHECK(AdmitFile(7, 10, 3) == Admission::kAccept);
  CHECK(AdmitFile(8, 10, 3) == Admission::kWait);  // never half a file
  CHECK(AdmitFile(10, 10, 1) == Admission::kWait);
  CHECK(AdmitFile(12, 10, 1) == Admission::kWait);
}

TEST_CASE("a file larger than the whole queue still enters an empty queue instead of waiting forever") {
  CHECK(AdmitFile(0, 10, 50) == Admission::kAccept);
  CHECK(AdmitFile(1, 10, 50) == Admission::kWait);
}

TEST_CASE("the queue-full alarm reports each change once") {
  CapacityAlarm alarm;
  CHECK(alarm.Update(false) == CapacityAlarm::Change::kNone);
  CHECK(alarm.Update(true) == CapacityAlarm::Change::kRaised);
  CHECK(alarm.raised());
  CHECK(alarm.Update(true) == CapacityAlarm::Change::kNone);
  CHECK(alarm.Update(false) == CapacityAlarm::Change::kCleared);
  CHECK_FALSE(alarm.raised());
}
