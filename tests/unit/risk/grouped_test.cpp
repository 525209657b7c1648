#include "store/grouped.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

using greenlane::risk::Grouped;

namespace {

struct Item {
  int value = 0;
  std::thread::id ran_on;
  int done = 0;
};

// Records each group's size; the first group is held until `release` is set, so that items
// submitted meanwhile queue behind it.
struct HeldGroups {
  std::mutex mutex;
  std::condition_variable changed;
  bool started = false;
  bool release = false;
  std::vector<std::size_t> sizes;

  void Run(const std::vector<Item*>& group) {
    std::unique_lock lock(mutex);
    sizes.push_back(group.size());
    for (auto* item : group) item->ran_on = std::this_thread::get_id();
    if (sizes.size() > 1) return;
    started = true;
    changed.notify_all();
    changed.wait(lock, [this] { return release; });
  }
};

}  // namespace

TEST_CASE("a submit while no group runs is run, and done, by the submitting thread before it returns") {
  std::vector<std::size_t> sizes;
  Grouped<Item> grouped(8, [&](const std::vector<Item*>& group) {
    sizes.push_back(group.size());
    for (auto* item : group) item->ran_on = std::this_thread::get_id();
  });
  Item item;
  std::thread::id done_on;
  grouped.Submit(item, [&] {
    ++item.done;
    done_on = std::this_thread::get_id();
  });
  CHECK(item.done == 1);
  CHECK(item.ran_on == std::this_thread::get_id());
  CHECK(done_on == std::this_thread::get_id());
  CHECK(sizes == std::vector<std::size_t>{1});
}

TEST_CASE("items submitted while a group runs go in the next groups, at most max_group each, each done once") {
  HeldGroups held;
  Grouped<Item> grouped(4, [&](const std::vector<Item*>& group) { held.Run(group); });
  std::vector<Item> items(11);
  std::atomic<int> submitted{0};

  std::thread leader([&] { grouped.Submit(items[0], [&] { ++items[0].done; }); });
  {
    std::unique_lock lock(held.mutex);
    held.changed.wait(lock, [&] { return held.started; });
  }
  // Ten more while the first group runs: their Submit returns at once, nobody waits for them.
  std::vector<std::thread> others;
  for (int i = 1; i <= 10; ++i) {
    others.emplace_back([&, i] {
      grouped.Submit(items[i], [&, i] { ++items[i].done; });
      ++submitted;
    });
  }
  for (auto& thread : others) thread.join();
  CHECK(submitted == 10);
  for (int i = 1; i <= 10; ++i) CHECK(items[i].done == 0);
  {
    std::lock_guard lock(held.mutex);
    held.release = true;
  }
  held.changed.notify_all();
  leader.join();

  CHECK(held.sizes == std::vector<std::size_t>{1, 4, 4, 2});
  for (const auto& item : items) {
    CHECK(item.done == 1);
    CHECK(item.ran_on == items[0].ran_on);  // the first submitter's thread ran every group
  }
}

TEST_CASE("with a hand-off the submitting thread runs no group, unless the hand-off is refused") {
  std::vector<std::thread::id> ran_on;
  std::vector<std::size_t> sizes;
  std::vector<std::function<void()>> handed;
  bool accept = true;
  Grouped<Item> grouped(
      8,
      [&](const std::vector<Item*>& group) {
        ran_on.push_back(std::this_thread::get_id());
        sizes.push_back(group.size());
      },
      [&](std::function<void()> run) {
        if (!accept) return false;
        handed.push_back(std::move(run));
        return true;
      });
  Item first, second;
  grouped.Submit(first, [&] { ++first.done; });
  grouped.Submit(second, [&] { ++second.done; });  // queued behind the handed-off run
  CHECK(ran_on.empty());
  REQUIRE(handed.size() == 1);
  std::thread worker(handed[0]);
  worker.join();
  CHECK(first.done == 1);
  CHECK(second.done == 1);
  CHECK(sizes == std::vector<std::size_t>{2});  // both in one group, on the thread it was handed to
  REQUIRE(ran_on.size() == 1);
  CHECK(ran_on[0] != std::this_thread::get_id());

  accept = false;
  Item third;
  grouped.Submit(third, [&] { ++third.done; });
  CHECK(third.done == 1);
  CHECK(ran_on.back() == std::this_thread::get_id());
}
