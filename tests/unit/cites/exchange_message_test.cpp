#include "domain/exchange_message.h"

#include <catch2/catch.hpp>

using namespace greenlane;
using namespace greenlane::cites;

TEST_CASE("the signing input binds id, timestamp and operation to the exact body") {
  const auto input = SigningInput("0190-aa", "2026-11-21T00:00:00Z", "permit.deliver", "{\"a\":1}");
  CHECK(input == "0190-aa\n2026-11-21T00:00:00Z\npermit.deliver\n{\"a\":1}");
  CHECK(input != SigningInput("0190-aa", "2026-11-21T00:00:00Z", "permit.fetch", "{\"a\":1}"));
}

TEST_CASE("message ids and timestamps are checked before any signature") {
  CHECK(CheckMessageId("018f6c1e-7a9b-7cde-8f00-112233445566").ok());
  CHECK_FALSE(CheckMessageId("short").ok());
  CHECK_FALSE(CheckMessageId("has spaces in it").ok());
  CHECK_THAT(CheckMessageId("x").error().message, Catch::StartsWith("exchange.message_id"));
  const auto now = *core::ParseRfc3339("2026-11-21T12:00:00Z");
  CHECK(CheckTimestamp("2026-11-21T12:04:59Z", now, std::chrono::seconds(300)).ok());
  CHECK(CheckTimestamp("2026-11-21T11:55:00Z", now, std::chrono::seconds(300)).ok());
  const auto stale = CheckTimestamp("2026-11-21T11:50:00Z", now, std::chrono::seconds(300));
  REQUIRE_FALSE(stale.ok());
  CHECK_THAT(stale.error().message, Catch::StartsWith("exchange.timestamp") && Catch::Contains("600 s"));
  CHECK_FALSE(CheckTimestamp("yesterday", now, std::chrono::seconds(300)).ok());
}

TEST_CASE("delivery retries back off exponentially up to the cap") {
  using std::chrono::seconds;
  CHECK(DeliveryBackoff(1, seconds(30), seconds(3600)) == seconds(30));
  CHECK(DeliveryBackoff(2, seconds(30), seconds(3600)) == seconds(60));
  CHECK(DeliveryBackoff(4, seconds(30), seconds(3600)) == seconds(240));
  CHECK(DeliveryBackoff(20, seconds(30), seconds(3600)) == seconds(3600));
}
