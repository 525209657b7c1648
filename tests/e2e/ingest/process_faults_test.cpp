// Fault tests with real processes (DESIGN §9): a known set of readings goes in as analyzer files at
// the gateway, a process or the database is stopped or killed mid-upload, and the ingest database
// must end with exactly that set, each reading once.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <pqxx/pqxx>

#include "fault_stack.h"

using namespace greenlane::e2e;
using namespace std::chrono_literals;

namespace {

// Files of `per_file` readings of device `serial`, numbered from 1, into the watch folder.
ReadingSet DropFiles(FaultStack& stack, const std::string& serial, int files, int per_file, int first_file = 0) {
  ReadingSet expected;
  for (int f = first_file; f < first_file + files; ++f) {
    stack.Drop("ri-" + serial + "-" + std::to_string(f) + ".csv",
               RefrigerantCsv(serial, 1 + f * per_file, per_file, &expected));
  }
  return expected;
}

void Merge(ReadingSet& into, const ReadingSet& more) { into.insert(more.begin(), more.end()); }

// The fault must land while readings are still moving, or the test proves nothing.
void RequireMidUpload(FaultStack& stack, long long stored, std::size_t total, const std::string& fault) {
  if (stored >= static_cast<long long>(total)) {
    stack.Fail("every reading was stored before " + fault +
               ": the upload must be larger for this test to mean anything");
  }
}

}  // namespace

TEST_CASE("readings survive greenlane-edge killed with SIGKILL mid-upload and restarted") {
  FaultStack stack({.name = "edge-kill", .batch_size = 100, .upload_window = 1});
  stack.StartIngest();
  const ReadingSet expected = DropFiles(stack, "RI-KILL-EDGE", 8, 5000);
  stack.StartEdge();
  stack.WaitFor(
      "the first readings to be stored", [&] { return stack.StoredReadings() >= 1000; }, 60s);

  const int status = stack.StopEdge(SIGKILL);
  CHECK(WIFSIGNALED(status));
  RequireMidUpload(stack, stack.StoredReadings(), expected.size(), "the gateway was killed");

  stack.StartEdge();  // same queue file: whatever was not acknowledged is sent again
  stack.ExpectExactly(expected, 90s);
}

TEST_CASE("the gateway buffers while greenlane-ingest is stopped with SIGTERM, and delivers once it is back") {
  FaultStack stack({.name = "ingest-stop", .batch_size = 200, .upload_window = 1});
  stack.StartIngest();
  ReadingSet expected = DropFiles(stack, "RI-STOP", 5, 1000);
  stack.StartEdge();
  stack.WaitFor(
      "the first readings to be stored", [&] { return stack.StoredReadings() >= 600; }, 60s);

  // The open stream keeps committing for GREENLANE_INGEST_SHUTDOWN_GRACE, then is cancelled.
  const int status = stack.StopIngest(SIGTERM);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    stack.Fail("greenlane-ingest should stop cleanly on SIGTERM, but it " + DescribeWaitStatus(status));
  }

  // While ingest is away, new exports keep arriving and are queued at the gateway.
  Merge(expected, DropFiles(stack, "RI-STOP", 3, 1000, 5));
  stack.WaitFor(
      "the gateway to queue the files dropped during the outage", [&] { return stack.FilesWaiting() == 0; }, 30s);
  const auto reconnects = stack.EdgeMetric("greenlane_edge_stream_reconnects_total").value_or(0);
  stack.WaitFor(
      "the gateway to keep retrying during the outage",
      [&] { return stack.EdgeMetric("greenlane_edge_stream_reconnects_total").value_or(0) >= reconnects + 2; }, 30s);
  CHECK(stack.EdgeMetric("greenlane_edge_queue_depth").value_or(0) > 0);

  stack.StartIngest();
  stack.ExpectExactly(expected, 90s);
}

TEST_CASE("nothing is lost or stored twice when greenlane-ingest is killed with SIGKILL mid-transaction") {
  FaultStack stack({.name = "ingest-kill", .batch_size = 5000, .upload_window = 2});
  stack.StartIngest();
  const ReadingSet expected = DropFiles(stack, "RI-KILL-INGEST", 6, 5000);
  stack.StartEdge();

  // An upload transaction that has written (it has a transaction id) and not committed yet.
  pqxx::connection watcher(stack.pg_url());
  const auto batch_in_progress = [&] {
    pqxx::nontransaction tx(watcher);
    return tx.exec1(
                 "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                 "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL AND query LIKE '%ingest_batch%'")[0]
               .as<long long>() > 0;
  };
  stack.WaitFor(
      "ingest to be committing a batch after at least one was stored",
      [&] { return stack.StoredReadings() > 0 && batch_in_progress(); }, 60s);
  CHECK(WIFSIGNALED(stack.StopIngest(SIGKILL)));
  RequireMidUpload(stack, stack.StoredReadings(), expected.size(), "ingest was killed");

  stack.StartIngest();
  stack.ExpectExactly(expected, 90s);
}

TEST_CASE("readings sent while PostgreSQL restarts are stored once it is back, each once") {
  PrivatePostgres postgres("pg-restart-db");  // its own server: the shared test server is never restarted
  FaultStack stack({.name = "pg-restart", .batch_size = 50, .upload_window = 1, .pg_url = postgres.url()});
  stack.StartIngest();
  const ReadingSet expected = DropFiles(stack, "RI-PG", 5, 2000);
  stack.StartEdge();
  stack.WaitFor(
      "the first readings to be stored", [&] { return stack.StoredReadings() >= 500; }, 60s);

  postgres.Stop();  // ends ingest's sessions, mid-batch or between batches
  stack.WaitFor(
      "ingest to refuse a batch while PostgreSQL is down",
      [&] { return stack.ingest().LogContains("upload batch not committed"); }, 30s);
  CHECK(stack.ingest().Running());
  postgres.Start();

  stack.ExpectExactly(expected, 90s);
}
