#include "domain/flags.h"

#include <catch2/catch.hpp>

#include "reading_samples.h"

using namespace greenlane::ingest;
using Catch::Matchers::VectorContains;
using ingest_test::At;
using ingest_test::ValidReading;

namespace {

Device Vanta(std::optional<Verification> verification) {
  return {"VAN-800123", "xrf", "Vanta C", "Callao", "gateway-callao", std::move(verification)};
}

Verification Passed(const std::string& next_due) {
  return {"VAN-800123", At("2026-05-01T00:00:00Z"), "pass", "NIST SRM 2586", At(next_due)};
}

}  // namespace

TEST_CASE("a reading from a verified, registered device with a valid container carries no flag") {
  greenlane::core::ManualClock clock(At("2026-11-21T00:00:00Z"));
  auto reading = ValidReading().reading;
  const auto device = Vanta(Passed("2027-05-01T00:00:00Z"));
  ReadingFlagger(clock).Apply(reading, &device);
  CHECK(reading.flags.empty());
  CHECK(reading.container_check_digit_valid);
}

TEST_CASE("an unregistered device is flagged") {
  greenlane::core::ManualClock clock(At("2026-11-21T00:00:00Z"));
  auto reading = ValidReading().reading;
  ReadingFlagger(clock).Apply(reading, nullptr);
  CHECK(reading.flags == std::vector<std::string>{"unknown_device"});
}

TEST_CASE("verification overdue at capture time is flagged, whenever the reading arrives") {
  greenlane::core::ManualClock clock(At("2027-06-01T00:00:00Z"));  // uploaded long after
  auto reading = ValidReading().reading;                           // captured 2026-11-20
  auto device = Vanta(Passed("2026-11-01T00:00:00Z"));
  ReadingFlagger(clock).Apply(reading, &device);
  CHECK_THAT(reading.flags, VectorContains(std::string("verification_overdue")));

  device = Vanta(Passed("2026-12-01T00:00:00Z"));  // still valid when captured
  ReadingFlagger(clock).Apply(reading, &device);
  CHECK(reading.flags.empty());

  device = Vanta(std::nullopt);  // never verified
  ReadingFlagger(clock).Apply(reading, &device);
  CHECK_THAT(reading.flags, VectorContains(std::string("verification_overdue")));
}

TEST_CASE("a container number with a wrong check digit is flagged and the gateway's claim is ignored") {
  greenlane::core::ManualClock clock(At("2026-11-21T00:00:00Z"));
  auto reading = ValidReading().reading;
  reading.container = "MSKU4421907";
  reading.container_check_digit_valid = true;
  const auto device = Vanta(Passed("2027-05-01T00:00:00Z"));
  ReadingFlagger(clock).Apply(reading, &device);
  CHECK_FALSE(reading.container_check_digit_valid);
  CHECK(reading.flags == std::vector<std::string>{"container_check_digit_invalid"});
}

TEST_CASE("a device of another kind and a capture time in the future are flagged") {
  greenlane::core::ManualClock clock(At("2026-11-20T08:00:00Z"));  // 15 minutes before the capture
  auto reading = ValidReading().reading;
  reading.kind = "refrigerant";
  const auto device = Vanta(Passed("2027-05-01T00:00:00Z"));
  ReadingFlagger(clock).Apply(reading, &device);
  CHECK_THAT(reading.flags, VectorContains(std::string("device_kind_mismatch")));
  CHECK_THAT(reading.flags, VectorContains(std::string("captured_in_future")));
  clock.Set(At("2026-11-20T08:11:00Z"));  // within the tolerance
  ReadingFlagger(clock).Apply(reading, &device);
  CHECK(reading.flags == std::vector<std::string>{"device_kind_mismatch"});
}
