#include "domain/flags.h"

#include "greenlane/instruments/container.h"

namespace greenlane::ingest {

void ReadingFlagger::Apply(Reading& reading, const Device* device) const {
  reading.flags.clear();
  if (device == nullptr) {
    reading.flags.emplace_back(kFlagUnknownDevice);
  } else {
    if (device->kind != reading.kind) reading.flags.emplace_back(kFlagDeviceKindMismatch);
    if (IsVerificationOverdue(*device, reading.captured_at)) reading.flags.emplace_back(kFlagVerificationOverdue);
  }
  reading.container_check_digit_valid =
      !reading.container.empty() && instruments::IsValidContainerNumber(reading.container);
  if (!reading.container.empty() && !reading.container_check_digit_valid) {
    reading.flags.emplace_back(kFlagContainerCheckDigitInvalid);
  }
  if (reading.captured_at > clock_.Now() + kFutureTolerance) reading.flags.emplace_back(kFlagCapturedInFuture);
}

}  // namespace greenlane::ingest
