#include "store/rate_limit_sync.h"

#include <string>
#include <vector>

#include "greenlane/core/error.h"
#include "greenlane/core/log.h"

namespace greenlane::api {

void RateLimitSync::SyncOnce() {
  const auto pending = limiter_.TakePending(clock_.Now());
  if (pending.empty()) return;
  const auto ttl = std::to_string(limiter_.policy().window.count() * 2);
  std::vector<std::vector<std::string>> commands;
  commands.reserve(pending.size() * 2);
  for (const auto& item : pending) {
    const std::string key = "greenlane:ratelimit:" + item.key + ":" + std::to_string(item.window_index);
    commands.push_back({"INCRBY", key, std::to_string(item.count)});
    commands.push_back({"EXPIRE", key, ttl});
  }
  try {
    auto connection = redis_.Acquire();
    const auto replies = connection->Pipeline(commands);
    for (std::size_t i = 0; i < pending.size(); ++i) {
      const auto& reply = replies.at(i * 2);
      if (!reply.IsInteger())
        throw core::GreenlaneException(core::Error{core::ErrorKind::kUnavailable, "INCRBY failed", ""});
      limiter_.ApplyTotal(pending[i], reply.AsInteger());
    }
    if (!limiter_.enforced()) log::Info("rate limits are enforced again: Redis answers");
    limiter_.SyncSucceeded();
  } catch (const core::GreenlaneException& e) {
    if (limiter_.enforced()) {
      log::Warn("rate limits are NOT enforced: Redis is unreachable; the API keeps serving", {{"error", e.what()}});
    }
    limiter_.SyncFailed(pending);
  }
}

}  // namespace greenlane::api
