#include "store/reading_queue.h"

#include <sqlite3.h>

#include <chrono>

#include "greenlane/core/error.h"

namespace greenlane::edge {
namespace {

// journal_mode=WAL lets the uploader read while the watcher commits; synchronous=FULL syncs the
// WAL on every commit, so a committed file survives a power cut (NORMAL could lose the last ones).
constexpr const char* kPragmas =
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";
constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS readings ("
    "  sequence INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  reading BLOB NOT NULL,"
    "  enqueued_at INTEGER NOT NULL);"  // microseconds since the Unix epoch, UTC
    "CREATE TABLE IF NOT EXISTS files ("
    "  sha256 TEXT PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  state TEXT NOT NULL CHECK (state IN ('processed', 'rejected')),"
    "  error TEXT NOT NULL,"
    "  seen_at INTEGER NOT NULL);";
constexpr const char* kCountReadings = "SELECT COUNT(*) FROM readings";
constexpr const char* kInsertReading = "INSERT INTO readings (reading, enqueued_at) VALUES (?1, ?2)";
constexpr const char* kUpsertFile =
    "INSERT INTO files (sha256, name, state, error, seen_at) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (sha256) DO UPDATE SET name = excluded.name, state = excluded.state, error = excluded.error, "
    "seen_at = excluded.seen_at";
constexpr const char* kFindFile = "SELECT name, state, error, seen_at FROM files WHERE sha256 = ?1";
constexpr const char* kReadAfter =
    "SELECT sequence, reading, enqueued_at FROM readings WHERE sequence > ?1 ORDER BY sequence LIMIT ?2";
constexpr const char* kDeleteThrough = "DELETE FROM readings WHERE sequence <= ?1";
constexpr const char* kOldest = "SELECT enqueued_at FROM readings ORDER BY sequence LIMIT 1";

std::int64_t ToMicros(core::TimePoint time) {
  return std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch()).count();
}

core::TimePoint FromMicros(std::int64_t micros) {
  return core::TimePoint(std::chrono::duration_cast<core::TimePoint::duration>(std::chrono::microseconds(micros)));
}

}  // namespace

// A prepared statement that is finalized however the scope is left.
class ReadingQueue::Statement {
 public:
  Statement(const ReadingQueue& queue, const char* sql, std::string_view operation)
      : queue_(queue), operation_(operation) {
    if (sqlite3_prepare_v2(queue.db_, sql, -1, &statement_, nullptr) != SQLITE_OK) queue.Fail(operation);
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int index, std::int64_t value) {
    Check(sqlite3_bind_int64(statement_, index, value));
    return *this;
  }
  Statement& Bind(int index, std::string_view text) {
    Check(sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
    return *this;
  }
  Statement& BindBlob(int index, std::string_view bytes) {
    Check(sqlite3_bind_blob(statement_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT));
    return *this;
  }

  /// True while there is a row to read.
  bool Step() {
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) queue_.Fail(operation_);
    return false;
  }
  void Reset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }

  std::int64_t Int(int column) const { return sqlite3_column_int64(statement_, column); }
  std::string Text(int column) const {
    const auto* data = static_cast<const char*>(sqlite3_column_blob(statement_, column));
    return data ? std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))) : "";
  }

 private:
  void Check(int rc) const {
    if (rc != SQLITE_OK) queue_.Fail(operation_);
  }

  const ReadingQueue& queue_;
  std::string_view operation_;
  sqlite3_stmt* statement_ = nullptr;
};

std::string_view FileStateName(FileState state) { return state == FileState::kProcessed ? "processed" : "rejected"; }

ReadingQueue::ReadingQueue(std::string path, const core::Clock& clock) : path_(std::move(path)), clock_(clock) {
  if (sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw core::GreenlaneException(
        {core::ErrorKind::kUnavailable, "edge queue " + path_ + ": cannot open: " + message, "queue_path"});
  }
  try {
    Exec(kPragmas, "set WAL and synchronous=FULL");
    Exec(kSchema, "create tables");
    Statement count(*this, kCountReadings, "count readings");
    count.Step();
    depth_ = static_cast<std::uint64_t>(count.Int(0));
  } catch (const core::GreenlaneException&) {
    sqlite3_close(db_);
    throw;
  }
}

ReadingQueue::~ReadingQueue() { sqlite3_close(db_); }

void ReadingQueue::Fail(std::string_view operation) const {
  throw core::GreenlaneException(
      {core::ErrorKind::kUnavailable,
       "edge queue " + path_ + ": " + std::string(operation) + " failed: " + sqlite3_errmsg(db_), "queue_path"});
}

void ReadingQueue::Exec(const char* sql, std::string_view operation) {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) Fail(operation);
}

std::optional<SeenFile> ReadingQueue::FindFile(std::string_view sha256) {
  std::lock_guard lock(mutex_);
  Statement find(*this, kFindFile, "find file");
  find.Bind(1, sha256);
  if (!find.Step()) return std::nullopt;
  return SeenFile{.sha256 = std::string(sha256),
                  .name = find.Text(0),
                  .state = find.Text(1) == "processed" ? FileState::kProcessed : FileState::kRejected,
                  .error = find.Text(2),
                  .seen_at = FromMicros(find.Int(3))};
}

void ReadingQueue::CommitFile(const SeenFile& file, const std::vector<std::string>& readings) {
  std::lock_guard lock(mutex_);
  Exec("BEGIN IMMEDIATE", "begin transaction");
  try {
    const std::int64_t now = ToMicros(clock_.Now());
    Statement insert(*this, kInsertReading, "enqueue reading");
    for (const auto& reading : readings) {
      insert.BindBlob(1, reading).Bind(2, now);
      insert.Step();
      insert.Reset();
    }
    Statement upsert(*this, kUpsertFile, "record file");
    upsert.Bind(1, file.sha256)
        .Bind(2, file.name)
        .Bind(3, FileStateName(file.state))
        .Bind(4, file.error)
        .Bind(5, ToMicros(file.seen_at));
    upsert.Step();
    Exec("COMMIT", "commit");
  } catch (const core::GreenlaneException&) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);  // the original error is the one to report
    throw;
  }
  depth_ += readings.size();
}

std::vector<QueuedReading> ReadingQueue::ReadAfter(std::int64_t after, std::size_t limit) {
  std::lock_guard lock(mutex_);
  Statement read(*this, kReadAfter, "read readings");
  read.Bind(1, after).Bind(2, static_cast<std::int64_t>(limit));
  std::vector<QueuedReading> readings;
  while (read.Step()) readings.push_back({read.Int(0), read.Text(1), FromMicros(read.Int(2))});
  return readings;
}

std::size_t ReadingQueue::AcknowledgeThrough(std::int64_t sequence) {
  std::lock_guard lock(mutex_);
  Statement remove(*this, kDeleteThrough, "delete acknowledged readings");
  remove.Bind(1, sequence);
  remove.Step();
  const auto deleted = static_cast<std::size_t>(sqlite3_changes(db_));
  depth_ -= deleted;
  return deleted;
}

std::uint64_t ReadingQueue::Depth() const {
  std::lock_guard lock(mutex_);
  return depth_;
}

std::optional<core::TimePoint> ReadingQueue::OldestEnqueuedAt() {
  std::lock_guard lock(mutex_);
  Statement oldest(*this, kOldest, "find oldest reading");
  if (!oldest.Step()) return std::nullopt;
  return FromMicros(oldest.Int(0));
}

}  // namespace greenlane::edge
