#include "store/reading_queue.h"

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "greenlane/core/error.h"
#include "temp_dir.h"

using namespace greenlane::edge;
using namespace std::chrono_literals;
using greenlane::core::ManualClock;
using greenlane::edge::testing::TempDir;

namespace {

const auto kStart = greenlane::core::ParseRfc3339("2026-11-03T09:00:00Z").value();

SeenFile Processed(std::string sha256, std::string name) {
  return {.sha256 = std::move(sha256),
          .name = std::move(name),
          .state = FileState::kProcessed,
          .error = {},
          .seen_at = kStart};
}

std::vector<std::int64_t> Sequences(const std::vector<QueuedReading>& readings) {
  std::vector<std::int64_t> sequences;
  for (const auto& reading : readings) sequences.push_back(reading.sequence);
  return sequences;
}

std::string Pragma(const std::string& path, const std::string& name) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, ("PRAGMA " + name).c_str(), -1, &statement, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
  std::string value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return value;
}

}  // namespace

TEST_CASE("readings of a file are queued in order with increasing sequences and the file is remembered") {
  TempDir dir;
  ManualClock clock(kStart);
  ReadingQueue queue((dir.path() / "queue.db").string(), clock);
  CHECK(queue.Depth() == 0);
  CHECK_FALSE(queue.OldestEnqueuedAt());

  queue.CommitFile(Processed("aa", "rohs.csv"), {"r1", "r2", "r3"});
  CHECK(queue.Depth() == 3);
  const auto readings = queue.ReadAfter(0, 10);
  REQUIRE(readings.size() == 3);
  CHECK(readings[0].reading == "r1");
  CHECK(readings[2].reading == "r3");
  CHECK(readings[1].sequence == readings[0].sequence + 1);
  CHECK(readings[0].enqueued_at == kStart);

  const auto file = queue.FindFile("aa");
  REQUIRE(file);
  CHECK(file->name == "rohs.csv");
  CHECK(file->state == FileState::kProcessed);
  CHECK_FALSE(queue.FindFile("bb"));
}

TEST_CASE("the queue file uses WAL with synchronous commits") {
  TempDir dir;
  ManualClock clock(kStart);
  const std::string path = (dir.path() / "queue.db").string();
  ReadingQueue queue(path, clock);
  CHECK(Pragma(path, "journal_mode") == "wal");
}

TEST_CASE("reading after a sequence pages through the queue without removing anything") {
  TempDir dir;
  ManualClock clock(kStart);
  ReadingQueue queue((dir.path() / "queue.db").string(), clock);
  queue.CommitFile(Processed("aa", "a.csv"), {"r1", "r2", "r3", "r4", "r5"});
  const auto first = queue.ReadAfter(0, 2);
  REQUIRE(first.size() == 2);
  const auto second = queue.ReadAfter(first.back().sequence, 2);
  REQUIRE(second.size() == 2);
  CHECK(second[0].reading == "r3");
  CHECK(queue.ReadAfter(second.back().sequence, 10).size() == 1);
  CHECK(queue.Depth() == 5);
}

TEST_CASE("an acknowledgement removes exactly the readings it covers") {
  TempDir dir;
  ManualClock clock(kStart);
  ReadingQueue queue((dir.path() / "queue.db").string(), clock);
  queue.CommitFile(Processed("aa", "a.csv"), {"r1", "r2", "r3", "r4"});
  const auto all = Sequences(queue.ReadAfter(0, 10));
  CHECK(queue.AcknowledgeThrough(all[1]) == 2);
  CHECK(queue.Depth() == 2);
  CHECK(Sequences(queue.ReadAfter(0, 10)) == std::vector<std::int64_t>{all[2], all[3]});
  CHECK(queue.AcknowledgeThrough(all[1]) == 0);  // a repeated ack changes nothing
  CHECK(queue.AcknowledgeThrough(all[3]) == 2);
  CHECK(queue.Depth() == 0);
}

TEST_CASE("the oldest unacknowledged reading tells how long uploads are behind") {
  TempDir dir;
  ManualClock clock(kStart);
  ReadingQueue queue((dir.path() / "queue.db").string(), clock);
  queue.CommitFile(Processed("aa", "a.csv"), {"r1"});
  clock.Advance(90s);
  queue.CommitFile(Processed("bb", "b.csv"), {"r2"});
  CHECK(queue.OldestEnqueuedAt() == kStart);
  queue.AcknowledgeThrough(queue.ReadAfter(0, 1).front().sequence);
  CHECK(queue.OldestEnqueuedAt() == kStart + 90s);
}

TEST_CASE("after a restart the unacknowledged readings are still queued and sequences never repeat") {
  TempDir dir;
  ManualClock clock(kStart);
  const std::string path = (dir.path() / "queue.db").string();
  std::int64_t last_before_restart = 0;
  {
    ReadingQueue queue(path, clock);
    queue.CommitFile(Processed("aa", "a.csv"), {"r1", "r2", "r3"});
    const auto sequences = Sequences(queue.ReadAfter(0, 10));
    last_before_restart = sequences.back();
    // Everything acknowledged, so the table is empty: a plain rowid would start over at 1.
    queue.AcknowledgeThrough(sequences[1]);
  }
  {
    ReadingQueue queue(path, clock);
    CHECK(queue.Depth() == 1);
    CHECK(queue.ReadAfter(0, 10).front().reading == "r3");
    CHECK(queue.FindFile("aa"));
    queue.AcknowledgeThrough(last_before_restart);
  }
  ReadingQueue queue(path, clock);
  CHECK(queue.Depth() == 0);
  queue.CommitFile(Processed("bb", "b.csv"), {"r4"});
  CHECK(queue.ReadAfter(0, 10).front().sequence > last_before_restart);
}

TEST_CASE("a file seen again after being rejected replaces its record") {
  TempDir dir;
  ManualClock clock(kStart);
  ReadingQueue queue((dir.path() / "queue.db").string(), clock);
  queue.CommitFile(
      {.sha256 = "aa", .name = "a.csv", .state = FileState::kRejected, .error = "line 3: bad", .seen_at = kStart}, {});
  CHECK(queue.Depth() == 0);
  REQUIRE(queue.FindFile("aa"));
  CHECK(queue.FindFile("aa")->error == "line 3: bad");
  queue.CommitFile(Processed("aa", "a-fixed.csv"), {"r1"});
  CHECK(queue.FindFile("aa")->state == FileState::kProcessed);
  CHECK(queue.FindFile("aa")->name == "a-fixed.csv");
}

TEST_CASE("a queue path that cannot be opened is an error naming the path") {
  ManualClock clock(kStart);
  try {
    ReadingQueue queue("/nonexistent-dir/queue.db", clock);
    FAIL("expected an exception");
  } catch (const greenlane::core::GreenlaneException& e) {
    CHECK(std::string(e.what()).find("/nonexistent-dir/queue.db") != std::string::npos);
  }
}
