#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "app/edge_metrics.h"
#include "domain/capacity.h"
#include "domain/file_readiness.h"
#include "greenlane/core/clock.h"
#include "greenlane/instruments/formats.h"
#include "store/reading_queue.h"

namespace greenlane::edge {

/// A folder an analyzer (or an officer) drops export files into. The format is the folder's
/// default: a file whose header names another format is parsed as that format, so a file dropped
/// in the wrong folder is still read correctly.
struct WatchFolder {
  std::filesystem::path path;
  instruments::Format format = instruments::Format::kVantaXrf;
};

struct WatcherOptions {
  std::vector<WatchFolder> folders;
  std::chrono::minutes utc_offset{0};  ///< of analyzers that write local wall time
  std::string xylotron_serial;         ///< XyloTron exports name no device
  std::uint64_t queue_capacity = 1'000'000;
  std::size_t max_file_bytes = 32u * 1024 * 1024;
};

/// What one poll did, for tests and the log.
struct PollReport {
  int imported = 0;
  int rejected = 0;
  int duplicates = 0;
  int waiting = 0;  ///< complete files left in place because the queue is full
  int failed = 0;   ///< files left in place after a local failure (disk, queue); retried next poll
  std::uint64_t readings_enqueued = 0;
};

/// Turns analyzer export files into queued readings. Each poll looks at every regular file of each
/// folder (names starting with '.' are someone's temporary files and are skipped); a file is taken
/// once it is complete (domain/file_readiness.h). For a complete file:
/// - content already imported (same SHA-256, whatever its name) -> moved to processed/, nothing queued;
/// - parse error -> moved to rejected/ with NAME.error.txt holding the error (file, line, column, rule);
/// - otherwise every reading is committed to the queue together with the file's record, and only
///   then is the file moved to processed/. A crash in between leaves the file in place; the next
///   poll recognises its hash and just moves it.
/// When the queue has no room for a file, the file stays in its folder and the queue-full alarm is
/// raised (log and metric) until it fits. Nothing is dropped.
///
/// Names already taken in processed/ or rejected/ get a "-N" suffix before the extension.
class Watcher {
 public:
  /// Creates the folders and their processed/ and rejected/ subfolders; throws
  /// std::filesystem::filesystem_error naming the path when it cannot.
  Watcher(WatcherOptions options, ReadingQueue& queue, EdgeMetrics& metrics, const core::Clock& clock);

  /// One pass over every folder. Only the calling thread may poll.
  PollReport Poll();

  bool queue_full_alarm() const { return alarm_.raised(); }

 private:
  void HandleFile(const WatchFolder& folder, const std::filesystem::path& file, PollReport& report);
  void Reject(const std::filesystem::path& file, const std::string& sha256, const std::string& error,
              PollReport& report);

  WatcherOptions options_;
  ReadingQueue& queue_;
  EdgeMetrics& metrics_;
  const core::Clock& clock_;
  ReadinessTracker readiness_;
  CapacityAlarm alarm_;
};

}  // namespace greenlane::edge
