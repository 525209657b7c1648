#include "abseil_mutexes.h"

#include <absl/synchronization/mutex.h>

namespace greenlane::rpc::internal {

void DisableAbseilDeadlockDetection() { absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore); }

}  // namespace greenlane::rpc::internal
