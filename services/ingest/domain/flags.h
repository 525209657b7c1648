#pragma once

#include <chrono>
#include <string_view>

#include "domain/device.h"
#include "domain/reading.h"
#include "greenlane/core/clock.h"

namespace greenlane::ingest {

/// Flags ingest sets on a stored reading, for officers and the risk service to weigh it.
inline constexpr std::string_view kFlagUnknownDevice = "unknown_device";
inline constexpr std::string_view kFlagDeviceKindMismatch = "device_kind_mismatch";
inline constexpr std::string_view kFlagVerificationOverdue = "verification_overdue";
inline constexpr std::string_view kFlagContainerCheckDigitInvalid = "container_check_digit_invalid";
inline constexpr std::string_view kFlagCapturedInFuture = "captured_in_future";

/// How far ahead of ingest's clock a capture time may be before it is flagged: device clocks drift.
inline constexpr std::chrono::minutes kFutureTolerance{5};

/// Sets what ingest, not the gateway, decides about a valid reading about to be stored.
class ReadingFlagger {
 public:
  explicit ReadingFlagger(const core::Clock& clock) : clock_(clock) {}

  /// Recomputes container_check_digit_valid from the container number (ISO 6346) and replaces
  /// `flags`: unknown_device when `device` is null (not registered), device_kind_mismatch when the
  /// registered kind differs, verification_overdue (IsVerificationOverdue at the capture time),
  /// container_check_digit_invalid, and captured_in_future beyond kFutureTolerance of the clock.
  void Apply(Reading& reading, const Device* device) const;

 private:
  const core::Clock& clock_;
};

}  // namespace greenlane::ingest
