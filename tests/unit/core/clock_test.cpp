#include "greenlane/core/clock.h"

#include <catch2/catch.hpp>

using namespace greenlane::core;

TEST_CASE("RFC 3339 round trip in UTC with milliseconds") {
  auto parsed = ParseRfc3339("2026-11-22T08:15:30.250Z");
  REQUIRE(parsed);
  CHECK(FormatRfc3339(*parsed) == "2026-11-22T08:15:30.250Z");
  CHECK(ToUnixSeconds(*parsed) == 1795335330);
}

TEST_CASE("RFC 3339 offsets are converted to UTC") {
  auto parsed = ParseRfc3339("2026-11-22T10:15:30+02:00");
  REQUIRE(parsed);
  CHECK(FormatRfc3339(*parsed) == "2026-11-22T08:15:30.000Z");
}

TEST_CASE("RFC 3339 rejects impossible and malformed times") {
  CHECK_FALSE(ParseRfc3339("2026-02-30T00:00:00Z"));
  CHECK_FALSE(ParseRfc3339("2026-13-01T00:00:00Z"));
  CHECK_FALSE(ParseRfc3339("2026-11-22 8:15:30Z"));
  CHECK_FALSE(ParseRfc3339("2026-11-22T08:15:30"));
  CHECK_FALSE(ParseRfc3339(""));
}

TEST_CASE("the manual clock moves only when told") {
  ManualClock clock(ParseRfc3339("2026-01-01T00:00:00Z").value());
  const auto start = clock.Now();
  CHECK(clock.Now() == start);
  clock.Advance(std::chrono::minutes(5));
  CHECK(clock.Now() - start == std::chrono::minutes(5));
}

TEST_CASE("RFC 3339 formatting with other precisions truncates, never rounds") {
  const auto time = ParseRfc3339("1969-12-31T23:59:59.987654321Z").value();  // before the epoch too
  CHECK(FormatRfc3339(time, 0) == "1969-12-31T23:59:59Z");
  CHECK(FormatRfc3339(time, 6) == "1969-12-31T23:59:59.987654Z");
  CHECK(FormatRfc3339(time, 9) == "1969-12-31T23:59:59.987654321Z");
}
