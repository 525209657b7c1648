#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "greenlane/core/config.h"
#include "upload/uploader.h"
#include "watch/watcher.h"

namespace greenlane::edge {

/// Everything greenlane-edge reads at start-up. LoadEdgeSettings documents each variable; the
/// service README lists them (`greenlane-edge --help-config` prints the same list).
struct EdgeSettings {
  WatcherOptions watcher;
  UploaderOptions uploader;
  std::string queue_path = "greenlane-edge-queue.db";
  std::chrono::milliseconds poll_interval{2000};
  std::string metrics_address = "127.0.0.1";
  unsigned short metrics_port = 9464;
  std::string log_level = "info";
};

/// Reads and validates the settings; throws core::ConfigError naming the variable.
EdgeSettings LoadEdgeSettings(core::Config& config);

}  // namespace greenlane::edge
