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
/// `max_group`), run by the thread of one of its callers, so no thread of its own; only the callers
/// whose items ran are woken. On a small machine a statement's round trip and wake-ups cost more
/// than its work, so one statement (or one transaction) per group instead of per caller is what
/// lets throughput grow with load.
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
        entry.wake.wait(lock);
        continue;
      }
      // This thread runs groups while items wait, up to kRoundsPerLeader, then hands over to the
      // next in line: a thread that is already running starts the next group at once, where waking
      // every waiter at each group's end (to let the first one scheduled lead) cost more context
      // switches than the groups' own work.
      running_ = true;
      for (int round = 0; round < kRoundsPerLeader && !waiting_.empty(); ++round) RunGroup(lock);
      running_ = false;
      if (!waiting_.empty()) waiting_.front()->wake.notify_one();
    }
  }

 private:
  struct Entry {
    Item* item;
    bool done = false;
    std::condition_variable wake;  ///< its group ran, or it is next in line to run one
  };
  /// Enough to absorb a burst without a hand-over; few enough that a leader's own caller waits at
  /// most a few groups longer.
  static constexpr int kRoundsPerLeader = 4;

  // Runs the next group (the caller holds `lock`, and releases it meanwhile) and wakes its threads.
  void RunGroup(std::unique_lock<std::mutex>& lock) {
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
    for (auto* ran : group) {
      ran->done = true;
      ran->wake.notify_one();
    }
  }

  std::size_t max_group_;
  std::function<void(const std::vector<Item*>&)> run_;
  std::mutex mutex_;
  std::deque<Entry*> waiting_;
  bool running_ = false;
};

}  // namespace greenlane::risk
