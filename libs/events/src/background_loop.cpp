#include "background_loop.h"

#include <algorithm>

namespace greenlane::events::internal {

void BackgroundLoop::Start(Step step) {
  std::lock_guard control(control_);
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this, step = std::move(step)] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      const auto pause = step();
      lock.lock();
      wake_.wait_for(lock, pause, [this] { return stopping_; });
    }
  });
}

void BackgroundLoop::Stop() {
  std::lock_guard control(control_);
  std::thread thread;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    thread = std::move(thread_);
  }
  wake_.notify_all();
  if (thread.joinable()) thread.join();
}

std::chrono::milliseconds Backoff::Next() {
  const auto pause = next_;
  next_ = std::min(next_ * 2, kMax);
  return pause;
}

}  // namespace greenlane::events::internal
