#pragma once

namespace greenlane::rpc::internal {

/// Turns off absl::Mutex's deadlock detection for the process. Debian builds Abseil without
/// NDEBUG, which leaves it on: every lock gRPC takes then updates a process-wide graph of lock
/// orders under a global lock, ~2 % of a busy service's CPU on our benchmarks for a check meant for
/// debug builds. Idempotent; called wherever gRPC is first used (servers, channels).
void DisableAbseilDeadlockDetection();

}  // namespace greenlane::rpc::internal
