#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

namespace greenlane::risk {

/// Hands a Grouped's running to another thread (a worker pool's TrySubmit); false when it cannot.
using GroupHandOff = std::function<bool(std::function<void()>)>;

/// Runs the store work of concurrent callers in groups, one group at a time, without a thread of
/// its own and without anyone waiting: Submit queues an item and returns; when no group is running,
/// the submitting thread (or the one it hands off to) runs groups, taking everything queued, at
/// most `max_group` each, until nothing is queued, and after each group calls its items' `done`.
/// On a small machine a statement's round trip and a thread's wake-up cost more than its work: one
/// statement (or one transaction) per group instead of per caller, and no caller parked on a
/// condition variable, is what lets throughput grow with load.
/// `run` must complete every item it is given (record its result or failure in it) and not throw;
/// `done` must not throw either. An item and its `done` are called from the running thread, which
/// may be the submitting one before Submit returns.
template <class Item>
class Grouped {
 public:
  using Done = std::function<void()>;

  /// With `hand_off`, a submitting thread never runs groups itself (it may be one that must not
  /// block, such as gRPC's): when none is running, the running is handed off (or, when that is
  /// refused, done here after all).
  Grouped(std::size_t max_group, std::function<void(const std::vector<Item*>&)> run, GroupHandOff hand_off = nullptr)
      : max_group_(max_group), run_(std::move(run)), hand_off_(std::move(hand_off)) {}

  /// Queues `item`, which must live until its `done` has run.
  void Submit(Item& item, Done done) {
    {
      std::lock_guard lock(mutex_);
      waiting_.push_back({&item, std::move(done)});
      if (running_) return;  // the running thread takes it with its next group
      running_ = true;
    }
    if (!hand_off_ || !hand_off_([this] { RunWhileWaiting(); })) RunWhileWaiting();
  }

 private:
  // The one running thread: groups until nothing is queued.
  void RunWhileWaiting() {
    std::unique_lock lock(mutex_);
    while (!waiting_.empty()) RunGroup(lock);
    running_ = false;
  }

  struct Entry {
    Item* item;
    Done done;
  };

  // Runs the next group (the caller holds `lock`, and releases it meanwhile) and calls its dones.
  void RunGroup(std::unique_lock<std::mutex>& lock) {
    std::vector<Entry> group;
    std::vector<Item*> items;
    while (!waiting_.empty() && group.size() < max_group_) {
      items.push_back(waiting_.front().item);
      group.push_back(std::move(waiting_.front()));
      waiting_.pop_front();
    }
    lock.unlock();
    run_(items);
    for (auto& entry : group) entry.done();
    lock.lock();
  }

  std::size_t max_group_;
  std::function<void(const std::vector<Item*>&)> run_;
  GroupHandOff hand_off_;
  std::mutex mutex_;
  std::deque<Entry> waiting_;
  bool running_ = false;
};

}  // namespace greenlane::risk
