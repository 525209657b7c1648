#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

namespace greenlane::risk {

/// Runs the store work of concurrent callers in groups, one group at a time: an item that arrives
/// while a group runs waits, and the next group takes everything that waited (at most
/// `max_group`), run by the thread of one of its callers, so no thread of its own. On a small
/// machine a statement's round trip and wake-ups cost more than its work, so one statement (or one
/// transaction) per group instead of per caller is what lets throughput grow with load.
/// `run` must complete every item it is given (record its result or failure in it) and not throw.
template <class Item>
class Grouped {
 public:
  Grouped(std::size_t max_group, std::function<void(const std::vector<Item*>&)> run)
      : max_group_(max_group), run_(std::move(run)) {}

  /// Returns once the group holding `item` has run.
  void Run(Item& item) {
    Entry entry{&item};
    std::unique_lock lock(mutex_);
    waiting_.push_back(&entry);
    while (!entry.done) {
      if (running_) {
        // Every waiter wakes when a group ends, and the first to get the lock runs the next: waking
        // only the next in line was measured slower (its wake-up delays everyone behind it).
        ran_.wait(lock);
        continue;
      }
      running_ = true;
      std::vector<Entry*> group;
      std::vector<Item*> items;
      while (!waiting_.empty() && group.size() < max_group_) {
        group.push_back(waiting_.front());
        items.push_back(waiting_.front()->item);
        waiting_.pop_front();
      }
      lock.unlock();
      run_(items);
      lock.lock();
      for (auto* ran : group) ran->done = true;
      running_ = false;
      ran_.notify_all();
    }
  }

 private:
  struct Entry {
    Item* item;
    bool done = false;
  };

  std::size_t max_group_;
  std::function<void(const std::vector<Item*>&)> run_;
  std::mutex mutex_;
  std::condition_variable ran_;
  std::deque<Entry*> waiting_;
  bool running_ = false;
};

}  // namespace greenlane::risk
