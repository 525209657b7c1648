#include "store/permit_cache.h"

#include <catch2/catch.hpp>

#include "fixtures.h"

using namespace greenlane::cites;
using namespace std::chrono_literals;
using greenlane::core::ManualClock;

namespace {

StoredPermit Stored(const std::string& number, PermitState state) {
  StoredPermit stored;
  stored.record = testing::IssuedRecord(testing::MahoganyExport());
  stored.record.permit.number = number;
  stored.record.state = state;
  return stored;
}

}  // namespace

TEST_CASE("Verify's cache serves the newest state it was given, until its time to live passes") {
  ManualClock clock(greenlane::core::SystemClock::Instance().Now());
  PermitCache cache(clock, 2s, 100);
  CHECK(cache.Find("BR-EX-2025-000123") == nullptr);
  cache.Put(Stored("BR-EX-2025-000123", PermitState::kIssued));
  REQUIRE(cache.Find("BR-EX-2025-000123") != nullptr);
  cache.Put(Stored("BR-EX-2025-000123", PermitState::kUsed));  // a change made here shows at once
  CHECK(cache.Find("BR-EX-2025-000123")->record.state == PermitState::kUsed);
  clock.Advance(2s);
  CHECK(cache.Find("BR-EX-2025-000123") == nullptr);  // another replica's change shows by now
}

TEST_CASE("Verify's cache stays within its size and can be turned off") {
  ManualClock clock(greenlane::core::SystemClock::Instance().Now());
  PermitCache small(clock, 10s, 2);
  small.Put(Stored("A-EX-2025-000001", PermitState::kIssued));
  small.Put(Stored("A-EX-2025-000002", PermitState::kIssued));
  small.Put(Stored("A-EX-2025-000003", PermitState::kIssued));
  CHECK(small.Find("A-EX-2025-000003") != nullptr);
  const int kept = (small.Find("A-EX-2025-000001") != nullptr) + (small.Find("A-EX-2025-000002") != nullptr);
  CHECK(kept < 2);

  PermitCache off(clock, 0ms, 100);
  off.Put(Stored("A-EX-2025-000001", PermitState::kIssued));
  CHECK(off.Find("A-EX-2025-000001") == nullptr);
}
