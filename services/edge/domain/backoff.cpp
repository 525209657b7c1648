#include "domain/backoff.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <random>

namespace greenlane::edge {

Backoff::Backoff(BackoffPolicy policy, RandomSource random) : policy_(policy), random_(std::move(random)) {}

std::chrono::milliseconds Backoff::NextDelay() {
  const int attempt = failures_++;
  if (attempt == 0) return std::chrono::milliseconds(0);
  // Doubling stops at the cap, so the shift never overflows however long the outage lasts.
  const auto max_ms = static_cast<std::uint64_t>(std::max<std::int64_t>(policy_.max.count(), 0));
  std::uint64_t ceiling = static_cast<std::uint64_t>(std::max<std::int64_t>(policy_.initial.count(), 1));
  for (int i = 1; i < attempt && ceiling < max_ms; ++i) ceiling *= 2;
  ceiling = std::min(ceiling, max_ms);
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::min(random_(ceiling), ceiling)));
}

RandomSource SystemRandomSource() {
  struct State {
    std::mutex mutex;
    std::mt19937_64 generator{std::random_device{}()};
  };
  auto state = std::make_shared<State>();
  return [state](std::uint64_t bound) {
    std::lock_guard lock(state->mutex);
    return std::uniform_int_distribution<std::uint64_t>(0, bound)(state->generator);
  };
}

}  // namespace greenlane::edge
