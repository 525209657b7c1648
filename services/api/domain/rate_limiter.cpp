#include "domain/rate_limiter.h"

namespace greenlane::api {

std::int64_t RateLimiter::WindowIndex(core::TimePoint now) const {
  return core::ToUnixSeconds(now) / policy_.window.count();
}

RateLimiter::Decision RateLimiter::Check(const std::string& key, core::TimePoint now) {
  const std::int64_t window = WindowIndex(now);
  std::lock_guard lock(mutex_);
  Counts& counts = counts_[key];
  if (counts.window_index != window) counts = Counts{window, 0, 0, 0};
  const std::int64_t used = counts.shared_total + counts.in_flight + counts.pending;
  Decision decision;
  decision.enforced = enforced_;
  decision.limit = policy_.limit;
  if (enforced_ && used >= policy_.limit) {
    decision.allowed = false;
    const std::int64_t window_end = (window + 1) * policy_.window.count();
    decision.retry_after = std::chrono::seconds(std::max<std::int64_t>(1, window_end - core::ToUnixSeconds(now)));
    return decision;
  }
  ++counts.pending;
  decision.remaining = std::max<std::int64_t>(0, policy_.limit - used - 1);
  return decision;
}

std::vector<RateLimiter::Pending> RateLimiter::TakePending(core::TimePoint now) {
  const std::int64_t window = WindowIndex(now);
  std::vector<Pending> out;
  std::lock_guard lock(mutex_);
  for (auto it = counts_.begin(); it != counts_.end();) {
    Counts& counts = it->second;
    if (counts.pending > 0) {
      out.push_back({it->first, counts.window_index, counts.pending});
      counts.in_flight += counts.pending;
      counts.pending = 0;
      ++it;
    } else if (counts.window_index < window && counts.in_flight == 0) {
      it = counts_.erase(it);
    } else {
      // Nothing new here, but other instances may have counted this client: ask for the total.
      if (counts.window_index == window) out.push_back({it->first, counts.window_index, 0});
      ++it;
    }
  }
  return out;
}

void RateLimiter::ApplyTotal(const Pending& sent, std::int64_t total) {
  std::lock_guard lock(mutex_);
  auto it = counts_.find(sent.key);
  if (it == counts_.end() || it->second.window_index != sent.window_index) return;  // window moved on
  it->second.in_flight -= sent.count;
  it->second.shared_total = std::max(it->second.shared_total, total);
}

void RateLimiter::SyncFailed(const std::vector<Pending>& sent) {
  std::lock_guard lock(mutex_);
  enforced_ = false;
  for (const auto& item : sent) {
    auto it = counts_.find(item.key);
    if (it == counts_.end() || it->second.window_index != item.window_index) continue;
    it->second.in_flight -= item.count;
    it->second.pending += item.count;
  }
}

void RateLimiter::SyncSucceeded() {
  std::lock_guard lock(mutex_);
  enforced_ = true;
}

bool RateLimiter::enforced() const {
  std::lock_guard lock(mutex_);
  return enforced_;
}

}  // namespace greenlane::api
