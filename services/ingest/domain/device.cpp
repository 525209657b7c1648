#include "domain/device.h"

#include "domain/field_checks.h"
#include "domain/limits.h"

namespace greenlane::ingest {

bool IsVerificationOverdue(const Device& device, core::TimePoint at) {
  const auto& last = device.last_verification;
  return !last || last->result != "pass" || last->next_due < at;
}

core::Status ValidateDevice(const Device& device) {
  if (auto problem = TextProblem(device.serial, kMaxIdentifierBytes, true); !problem.empty()) {
    return core::Error::InvalidArgument("device.serial", "serial " + problem);
  }
  if (!IsKnownKind(device.kind)) {
    return core::Error::InvalidArgument("device.kind",
                                        "'" + device.kind + "' is not a reading kind; expected one of " + KnownKinds());
  }
  for (const auto& [field, value] :
       {std::pair{"device.model", &device.model}, std::pair{"device.office", &device.office},
        std::pair{"device.gateway_id", &device.gateway_id}}) {
    if (auto problem = TextProblem(*value, kMaxLabelBytes, false); !problem.empty()) {
      return core::Error::InvalidArgument(field, problem);
    }
  }
  return core::Status::Ok();
}

core::Status ValidateVerification(const Verification& verification) {
  if (auto problem = TextProblem(verification.device_serial, kMaxIdentifierBytes, true); !problem.empty()) {
    return core::Error::InvalidArgument("verification.device_serial", "device_serial " + problem);
  }
  if (verification.result != "pass" && verification.result != "fail") {
    return core::Error::InvalidArgument("verification.result",
                                        "result is '" + verification.result + "'; expected pass or fail");
  }
  if (auto problem = TextProblem(verification.reference_material, kMaxLabelBytes, true); !problem.empty()) {
    return core::Error::InvalidArgument("verification.reference_material", "reference_material " + problem);
  }
  if (auto problem = TimeProblem(verification.performed_at); !problem.empty()) {
    return core::Error::InvalidArgument("verification.performed_at", "performed_at " + problem);
  }
  if (verification.next_due <= verification.performed_at) {
    return core::Error::InvalidArgument(
        "verification.next_due", "next_due " + core::FormatRfc3339(verification.next_due) +
                                     " must be after performed_at " + core::FormatRfc3339(verification.performed_at));
  }
  return core::Status::Ok();
}

}  // namespace greenlane::ingest
