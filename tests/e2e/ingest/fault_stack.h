#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "child_process.h"
#include "greenlane/pg/test_database.h"

namespace greenlane::e2e {

using testing::ChildProcess;
using testing::DescribeWaitStatus;
using testing::FreePort;


/// "serial/reading number" of each reading a test sent; what the ingest database must end with.
using ReadingSet = std::set<std::string>;

/// A refrigerant identifier export of readings `first` .. `first + count - 1` of device `serial`
/// (test numbers are unique, captures one second apart), and adds their keys to `expected`.
std::string RefrigerantCsv(const std::string& serial, int first, int count, ReadingSet* expected = nullptr);

/// A throwaway PostgreSQL server of the test's own, started through scripts/lib/local_stack.sh
/// exactly as scripts/test starts the shared one, so that the test may stop and start it without
/// disturbing any other test.
class PrivatePostgres {
 public:
  /// initdb in a new scratch folder named after `name` and start on a free port. Throws
  /// std::runtime_error with the script's log when it cannot.
  explicit PrivatePostgres(const std::string& name);
  ~PrivatePostgres();  ///< Stops the server and removes its folder (kept when a test failed).
  PrivatePostgres(const PrivatePostgres&) = delete;
  PrivatePostgres& operator=(const PrivatePostgres&) = delete;

  void Stop();   ///< pg_ctl stop -m fast: open sessions are ended, as in a database restart.
  void Start();  ///< Starts again on the same port.
  /// libpq URL of its "greenlane" database.
  std::string url() const;

 private:
  void RunScript(const std::string& function, const std::vector<std::string>& args);

  std::filesystem::path dir_;
  unsigned short port_;
  bool running_ = false;
  int runs_ = 0;
};

/// greenlane-ingest and greenlane-edge as real processes, wired over mutual TLS with the test PKI,
/// sharing one scratch folder: a watch folder for refrigerant exports, the gateway's queue file and
/// one log per process start. Ingest serves a fresh migrated database (pg::TestDatabase), or the
/// `pg_url` given. Every failure reported through this class carries the tails of all logs.
class FaultStack {
 public:
  struct Options {
    std::string name = "fault";
    std::uint64_t queue_capacity = 1'000'000;
    int batch_size = 500;
    int upload_window = 2;
    std::string pg_url;  ///< "" = a fresh database on GREENLANE_TEST_PG_URL
  };

  explicit FaultStack(Options options);
  /// Kills what still runs; keeps the scratch folder (and says where) when a test failed.
  ~FaultStack();
  FaultStack(const FaultStack&) = delete;
  FaultStack& operator=(const FaultStack&) = delete;

  /// Starts greenlane-ingest on its port (the same across restarts) and waits until it listens.
  void StartIngest();
  /// Starts greenlane-edge (same queue file across restarts).
  void StartEdge();
  /// Sends `signal` and waits for the process to end; fails if it does not within 20 s.
  /// Returns its wait status.
  int StopIngest(int signal);
  int StopEdge(int signal);
  ChildProcess& ingest() { return *ingest_; }
  ChildProcess& edge() { return *edge_; }

  /// Writes `content` into the watch folder under `name` in one rename, as a copy tool would.
  void Drop(const std::string& name, const std::string& content);
  /// Regular files (not hidden) waiting in the watch folder itself.
  int FilesWaiting() const;
  /// Files moved to processed/.
  int FilesProcessed() const;

  /// One integer from the ingest database (a new connection each time: the server may restart).
  long long Query(const std::string& sql) const;
  long long StoredReadings() const { return Query("SELECT count(*) FROM ingest.readings"); }
  const std::string& pg_url() const { return pg_url_; }

  /// A gauge or counter the gateway serves on /metrics (nullopt when not served).
  std::optional<double> EdgeMetric(const std::string& name) const;

  /// Polls `done` every 20 ms; fails with `what` and the logs after `timeout`.
  void WaitFor(const std::string& what, const std::function<bool()>& done, std::chrono::milliseconds timeout);
  /// Fails the test (throws) with `message` followed by the tail of every log.
  [[noreturn]] void Fail(const std::string& message) const;

  /// Waits until ingest has stored as many readings as `expected` and the gateway's queue is
  /// empty, then checks the database holds exactly `expected`: every reading once (count and
  /// distinct natural keys), no (gateway, sequence) twice, every reading reached through a
  /// sequence, and one ingest.reading.accepted event per reading.
  void ExpectExactly(const ReadingSet& expected, std::chrono::milliseconds timeout);

  std::string LogTails() const;

 private:
  Options options_;
  std::filesystem::path dir_;
  std::unique_ptr<pg::TestDatabase> db_;
  std::string pg_url_;
  std::string pki_;
  std::string redis_url_;
  unsigned short ingest_port_;
  int ingest_starts_ = 0;
  int edge_starts_ = 0;
  std::unique_ptr<ChildProcess> ingest_;
  std::unique_ptr<ChildProcess> edge_;
  mutable bool tails_reported_ = false;
};

/// A new folder under /tmp readable by every user (PostgreSQL runs as "postgres" under root).
std::filesystem::path MakeScratchDir(const std::string& name);

}  // namespace greenlane::e2e
