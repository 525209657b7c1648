#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "greenlane/core/lease.h"
#include "greenlane/redis/connection.h"
#include "greenlane/redis/url.h"

namespace greenlane::redis {

struct Options {
  std::string url;  ///< redis://[:password@]host:port[/db]
  /// Most connections open at once; callers beyond it wait for a free one.
  std::size_t size = 4;
  /// Bounds connecting, each socket read or write, and the wait for a free connection.
  std::chrono::milliseconds timeout{1000};
};

/// A fixed-size pool of Redis connections, one per concurrent user (hiredis contexts are not
/// thread-safe). Connections open lazily, so a Pool can be built while Redis is down.
class Pool {
 public:
  /// A connection on loan; returned to the pool on destruction.
  using Lease = core::Lease<Pool, Connection>;

  /// Throws core::ConfigError naming the problem when `options.url` is malformed. Does not connect.
  /// The pool must outlive every Lease it hands out.
  explicit Pool(Options options);
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  /// A connected connection within `timeout`. Throws core::GreenlaneException (kUnavailable) naming
  /// the wait when every connection stays busy, or the endpoint and the error when Redis cannot be
  /// reached. A connection the server closed while idle is reopened here, not failed on first use.
  Lease Acquire();

  /// True when Redis answers PING within the timeout; for readiness probes. Never throws; logs why.
  bool Ping();

  std::size_t Size() const { return options_.size; }
  const Endpoint& endpoint() const { return endpoint_; }

 private:
  friend Lease;
  void Release(std::unique_ptr<Connection> connection) noexcept;

  Options options_;
  Endpoint endpoint_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t created_ = 0;
};

}  // namespace greenlane::redis
