// Fault tests at the gateway's watch folder, with real processes: the same export dropped again,
// and more exports than the queue may hold while ingest is down.
#include <catch2/catch.hpp>

#include "fault_stack.h"

using namespace greenlane::e2e;
using namespace std::chrono_literals;

TEST_CASE("the same export dropped twice, also under another name, is stored once") {
  FaultStack stack({.name = "same-file"});
  stack.StartIngest();
  stack.StartEdge();
  ReadingSet expected;
  const std::string first = RefrigerantCsv("RI-TWICE", 1, 300, &expected);
  stack.Drop("ri-0481.csv", first);
  stack.ExpectExactly(expected, 30s);

  // Once after it was imported, under the same name and under another one...
  stack.Drop("ri-0481.csv", first);
  stack.Drop("copy of ri-0481.csv", first);
  // ...and a new export dropped twice at once, before either copy is taken.
  const std::string second = RefrigerantCsv("RI-TWICE", 1001, 200, &expected);
  stack.Drop("ri-0482.csv", second);
  stack.Drop("ri-0482 (1).csv", second);
  stack.WaitFor(
      "every file to be moved to processed/", [&] { return stack.FilesWaiting() == 0 && stack.FilesProcessed() == 5; },
      30s);
  stack.ExpectExactly(expected, 30s);
  CHECK(stack.EdgeMetric("greenlane_edge_files_total{outcome=\"duplicate\"}") == 3.0);

  // A re-export whose rows overlap what was stored (another file, so the gateway queues it all):
  // ingest recognises the overlap by natural key.
  stack.Drop("ri-0481-0500.csv", RefrigerantCsv("RI-TWICE", 201, 200, &expected));
  stack.ExpectExactly(expected, 30s);
}

TEST_CASE("a full queue leaves exports waiting in the folder while ingest is down, then drains them all") {
  FaultStack stack({.name = "queue-full", .queue_capacity = 1000, .batch_size = 250});
  stack.StartEdge();  // ingest is not running yet
  ReadingSet expected;
  for (int f = 0; f < 8; ++f) {
    stack.Drop("ri-full-" + std::to_string(f) + ".csv", RefrigerantCsv("RI-FULL", 1 + f * 300, 300, &expected));
  }
  // Three files of 300 fit under 1,000; the fourth would not, so it and the rest wait. The depth
  // gauge is refreshed at the gateway's next poll, so it may follow the alarm a moment later.
  stack.WaitFor(
      "the queue-full alarm with three files queued and five waiting",
      [&] {
        return stack.EdgeMetric("greenlane_edge_queue_full") == 1.0 && stack.FilesProcessed() == 3 &&
               stack.FilesWaiting() == 5;
      },
      30s);
  stack.WaitFor(
      "the queue depth gauge to show the three files' 900 readings",
      [&] { return stack.EdgeMetric("greenlane_edge_queue_depth") == 900.0; }, 10s);
  CHECK(stack.FilesWaiting() == 5);
  CHECK(stack.edge().LogContains("queue full"));

  stack.StartIngest();
  stack.ExpectExactly(expected, 60s);
  CHECK(stack.FilesWaiting() == 0);
  CHECK(stack.FilesProcessed() == 8);
  stack.WaitFor(
      "the alarm to clear", [&] { return stack.EdgeMetric("greenlane_edge_queue_full") == 0.0; }, 10s);
}
