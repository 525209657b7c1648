#include "greenlane/core/periodic_task.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

using greenlane::core::PeriodicTask;

TEST_CASE("a periodic task runs at once, then every interval, and stops promptly") {
  std::atomic<int> runs{0};
  PeriodicTask task("count", std::chrono::milliseconds(20), [&] { ++runs; });
  task.Start();
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  const auto started = std::chrono::steady_clock::now();
  task.Stop();
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(100));
  const int seen = runs.load();
  CHECK(seen >= 3);
  std::this_thread::sleep_for(std::chrono::milliseconds(60));
  CHECK(runs.load() == seen);  // nothing after Stop
}

TEST_CASE("a throwing periodic task keeps its schedule") {
  std::atomic<int> runs{0};
  PeriodicTask task("throws", std::chrono::milliseconds(10), [&] {
    ++runs;
    throw std::runtime_error("transient");
  });
  task.Start();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  task.Stop();
  CHECK(runs.load() >= 3);
}
