#include "greenlane/core/worker_pool.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <future>

using greenlane::core::WorkerPool;

TEST_CASE("the worker pool runs every queued task before it stops") {
  std::atomic<int> done{0};
  {
    WorkerPool pool("test", 2, 1000);
    for (int i = 0; i < 500; ++i) REQUIRE(pool.TrySubmit([&] { ++done; }));
  }
  CHECK(done == 500);
}

TEST_CASE("the worker pool refuses work when its queue is full") {
  WorkerPool pool("test", 1, 2);
  std::promise<void> release;
  auto gate = release.get_future().share();
  std::promise<void> started;
  REQUIRE(pool.TrySubmit([&, gate] {
    started.set_value();
    gate.wait();
  }));
  started.get_future().wait();  // the only thread is now busy
  CHECK(pool.TrySubmit([] {}));
  CHECK(pool.TrySubmit([] {}));
  CHECK_FALSE(pool.TrySubmit([] {}));
  CHECK(pool.QueueDepth() == 2);
  release.set_value();
  pool.Stop();
  CHECK_FALSE(pool.TrySubmit([] {}));
}

TEST_CASE("a throwing task does not kill its worker") {
  std::atomic<int> done{0};
  {
    WorkerPool pool("test", 1, 10);
    REQUIRE(pool.TrySubmit([] { throw std::runtime_error("boom"); }));
    REQUIRE(pool.TrySubmit([&] { ++done; }));
  }
  CHECK(done == 1);
}
