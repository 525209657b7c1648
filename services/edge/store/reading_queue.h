#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "greenlane/core/clock.h"

struct sqlite3;

namespace greenlane::edge {

enum class FileState : std::uint8_t { kProcessed, kRejected };

/// "processed" or "rejected", as stored.
std::string_view FileStateName(FileState state);

/// An analyzer file the gateway has dealt with, keyed by the SHA-256 of its content so that the
/// same export dropped again under any name is recognised.
struct SeenFile {
  std::string sha256;  ///< lower-case hex
  std::string name;
  FileState state = FileState::kProcessed;
  std::string error;  ///< why it was rejected; empty when processed
  core::TimePoint seen_at;
};

struct QueuedReading {
  std::int64_t sequence = 0;
  std::string reading;  ///< a serialized greenlane.v1.Reading
  core::TimePoint enqueued_at;
};

/// The gateway's durable store-and-forward queue: one SQLite file in WAL mode with
/// synchronous=FULL, so a reading whose file was committed survives a power cut, and a file is
/// never half-queued. Sequence numbers come from AUTOINCREMENT and so never repeat, not even after
/// the newest readings were acknowledged and deleted and the gateway restarted: ingest
/// de-duplicates on (gateway, sequence) and must never see a number reused for another reading.
///
/// Safe to use from several threads (the watcher and the uploader): calls are serialized on one
/// connection, and each is short. SQLite failures (disk full, I/O error) throw
/// core::GreenlaneException (kUnavailable) naming the queue file and the operation; nothing is
/// changed by a call that throws.
class ReadingQueue {
 public:
  /// Opens or creates the queue file. Throws core::GreenlaneException when it cannot.
  ReadingQueue(std::string path, const core::Clock& clock);
  ~ReadingQueue();
  ReadingQueue(const ReadingQueue&) = delete;
  ReadingQueue& operator=(const ReadingQueue&) = delete;

  /// The record of a file with this content hash, if it was seen before.
  std::optional<SeenFile> FindFile(std::string_view sha256);

  /// Appends `readings` (serialized protos, in order) and records `file`, in one transaction:
  /// after a crash either both are there or neither is. A file seen again replaces its record
  /// (a rejected file may be fixed by a newer parser).
  void CommitFile(const SeenFile& file, const std::vector<std::string>& readings);

  /// Up to `limit` readings with a sequence above `after`, in sequence order.
  std::vector<QueuedReading> ReadAfter(std::int64_t after, std::size_t limit);

  /// Deletes every reading with sequence <= `sequence` (the receiver holds them durably); returns
  /// how many were deleted.
  std::size_t AcknowledgeThrough(std::int64_t sequence);

  /// Readings waiting for an acknowledgement.
  std::uint64_t Depth() const;

  /// When the oldest unacknowledged reading was queued; nullopt when the queue is empty.
  std::optional<core::TimePoint> OldestEnqueuedAt();

  const std::string& path() const { return path_; }

 private:
  class Statement;
  [[noreturn]] void Fail(std::string_view operation) const;
  void Exec(const char* sql, std::string_view operation);

  std::string path_;
  const core::Clock& clock_;
  mutable std::mutex mutex_;
  sqlite3* db_ = nullptr;
  std::uint64_t depth_ = 0;  // kept in step with every change: COUNT(*) would scan the whole table
};

}  // namespace greenlane::edge
