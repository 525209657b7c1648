#include "domain/device.h"

#include <catch2/catch.hpp>

#include "reading_samples.h"

using namespace greenlane::ingest;
using ingest_test::At;

TEST_CASE("a failed last verification makes a device overdue") {
  Device device{"VAN-1", "xrf",
                "",      "",
                "",      Verification{"VAN-1", At("2026-05-01T00:00:00Z"), "fail", "SRM", At("2027-05-01T00:00:00Z")}};
  CHECK(IsVerificationOverdue(device, At("2026-06-01T00:00:00Z")));
  device.last_verification->result = "pass";
  CHECK_FALSE(IsVerificationOverdue(device, At("2026-06-01T00:00:00Z")));
  CHECK(IsVerificationOverdue(device, At("2027-05-01T00:00:01Z")));
}

TEST_CASE("device and verification records are checked field by field") {
  CHECK(ValidateDevice({"VAN-1", "xrf", "Vanta C", "Callao", "gateway-callao", std::nullopt}).ok());
  CHECK(ValidateDevice({"", "xrf", "", "", "", std::nullopt}).error().field == "device.serial");
  CHECK(ValidateDevice({"VAN-1", "laser", "", "", "", std::nullopt}).error().field == "device.kind");

  const Verification good{"VAN-1", At("2026-05-01T00:00:00Z"), "pass", "NIST SRM 2586", At("2027-05-01T00:00:00Z")};
  CHECK(ValidateVerification(good).ok());
  auto bad = good;
  bad.result = "ok";
  CHECK(ValidateVerification(bad).error().field == "verification.result");
  bad = good;
  bad.next_due = bad.performed_at;
  CHECK(ValidateVerification(bad).error().field == "verification.next_due");
  bad = good;
  bad.performed_at = {};
  CHECK(ValidateVerification(bad).error().field == "verification.performed_at");
  bad = good;
  bad.reference_material.clear();
  CHECK(ValidateVerification(bad).error().field == "verification.reference_material");
}
