#pragma once

#include <functional>
#include <string>

#include "greenlane/core/config.h"

namespace greenlane::core {

/// What a service binary supplies to RunService.
struct ServiceHooks {
  /// Reads and validates every setting (so `--help-config` lists them all); returns the log level
  /// ("debug", "info", "warn" or "error"). Throws ConfigError naming a bad variable.
  std::function<std::string(Config&)> configure;
  /// Starts the service; returns what stops it gracefully.
  std::function<std::function<void()>()> start;
};

/// The frame every service's main() shares: blocks SIGTERM and SIGINT in all threads so that only
/// the waiting main thread receives them, ignores SIGPIPE (a closed peer is an I/O error, not a
/// death), reads the configuration of `service`, answers `--help-config` with the variable list,
/// starts JSON logging, starts the service, waits for a stop signal and stops it.
/// Returns the exit code: 0 after a clean stop, 2 for a configuration error, 1 if starting failed.
int RunService(const std::string& service, int argc, char** argv, const ServiceHooks& hooks);

}  // namespace greenlane::core
