#include "greenlane/core/uuid.h"

#include <catch2/catch.hpp>
#include <set>

using namespace greenlane::core;

TEST_CASE("UUIDv7 carries version 7, the RFC variant and the clock's millisecond") {
  ManualClock clock(ParseRfc3339("2026-11-22T08:15:30.250Z").value());
  const Uuid id = Uuid::NewV7(clock);
  CHECK(id.version() == 7);
  CHECK((id.bytes()[8] & 0xC0) == 0x80);
  std::uint64_t ms = 0;
  for (int i = 0; i < 6; ++i) ms = ms << 8 | id.bytes()[i];
  CHECK(ms == 1795335330250ULL);
}

TEST_CASE("UUIDv7 ids are strictly increasing within one millisecond") {
  ManualClock clock(ParseRfc3339("2026-11-22T08:15:30Z").value());
  Uuid previous = Uuid::NewV7(clock);
  std::set<std::string> seen{previous.ToString()};
  for (int i = 0; i < 10000; ++i) {
    const Uuid next = Uuid::NewV7(clock);
    REQUIRE(previous < next);
    REQUIRE(next.ToString() > previous.ToString());
    seen.insert(next.ToString());
    previous = next;
  }
  CHECK(seen.size() == 10001);
}

TEST_CASE("UUID text round trip and rejection of malformed text") {
  const Uuid id = Uuid::NewV7();
  auto parsed = Uuid::Parse(id.ToString());
  REQUIRE(parsed);
  CHECK(*parsed == id);
  CHECK_FALSE(Uuid::Parse("not-a-uuid"));
  CHECK_FALSE(Uuid::Parse("0190c3d2-7b1a-7xyz-8000-000000000000"));
  CHECK_FALSE(Uuid::Parse("0190c3d27b1a-7000-8000-0000000000000"));
}
