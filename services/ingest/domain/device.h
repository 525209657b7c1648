#pragma once

#include <optional>
#include <string>

#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"

namespace greenlane::ingest {

/// A verification or calibration check of an instrument against a reference material.
struct Verification {
  std::string device_serial;
  core::TimePoint performed_at{};
  std::string result;  ///< "pass" or "fail"
  std::string reference_material;
  core::TimePoint next_due{};
};

/// An instrument in the registry, with its most recent verification (by performed_at).
struct Device {
  std::string serial;
  std::string kind;  ///< the reading kind it produces
  std::string model;
  std::string office;      ///< customs office or port
  std::string gateway_id;  ///< the gateway it is attached to
  std::optional<Verification> last_verification;
};

/// Whether readings taken at `at` come from a device out of verification: it was never verified,
/// its latest verification failed, or that verification's next due date had passed. Such readings
/// are stored (a sample is never lost) but flagged, because a court or a lab may not rely on them.
bool IsVerificationOverdue(const Device& device, core::TimePoint at);

/// Checks a device before it is registered: serial present, kind known, sizes bounded. The error
/// names the field.
core::Status ValidateDevice(const Device& device);

/// Checks a verification record: serial present, result pass or fail, plausible dates with
/// next_due after performed_at, sizes bounded. The error names the field.
core::Status ValidateVerification(const Verification& verification);

}  // namespace greenlane::ingest
