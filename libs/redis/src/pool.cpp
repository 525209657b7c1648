#include "greenlane/redis/pool.h"

#include "greenlane/core/config.h"
#include "greenlane/core/log.h"

namespace greenlane::redis {
namespace {

Endpoint ParseOrThrow(const std::string& url) {
  auto endpoint = ParseUrl(url);
  if (!endpoint.ok()) throw core::ConfigError(endpoint.error().message);
  return *endpoint;
}

}  // namespace

Pool::Pool(Options options) : options_(std::move(options)), endpoint_(ParseOrThrow(options_.url)) {
  if (options_.size == 0) options_.size = 1;
}

Pool::Lease Pool::Acquire() {
  std::unique_ptr<Connection> connection;
  {
    std::unique_lock lock(mutex_);
    const bool available =
        returned_.wait_for(lock, options_.timeout, [&] { return !idle_.empty() || created_ < options_.size; });
    if (!available) {
      throw core::GreenlaneException(core::Error{core::ErrorKind::kUnavailable,
                                                 "no Redis connection to " + endpoint_.Describe() +
                                                     " became free within " + std::to_string(options_.timeout.count()) +
                                                     " ms: all " + std::to_string(options_.size) +
                                                     " are in use; raise the pool size",
                                                 {}});
    }
    if (!idle_.empty()) {
      connection = std::move(idle_.back());
      idle_.pop_back();
    } else {
      connection = std::make_unique<Connection>(endpoint_, options_.timeout);
      ++created_;
    }
  }
  Lease lease(this, std::move(connection));  // returns the connection to the pool if connecting throws
  lease->DropIfStale();
  lease->EnsureConnected();
  return lease;
}

void Pool::Release(std::unique_ptr<Connection> connection) noexcept {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  returned_.notify_one();
}

bool Pool::Ping() {
  try {
    auto lease = Acquire();
    const Reply reply = lease->Command({"PING"});
    if (reply.IsStatus() && reply.AsView() == "PONG") return true;
    log::Warn("Redis ping got an unexpected reply", {{"target", endpoint_.Describe()}, {"reply", reply.AsString()}});
  } catch (const core::GreenlaneException& e) {
    log::Warn("Redis ping failed", {{"target", endpoint_.Describe()}, {"error", e.what()}});
  }
  return false;
}

}  // namespace greenlane::redis
