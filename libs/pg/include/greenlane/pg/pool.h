#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <pqxx/connection>
#include <string>
#include <utility>
#include <vector>

#include "greenlane/core/lease.h"

namespace greenlane::pg {

struct PoolOptions {
  /// libpq URL, e.g. "postgresql://user:secret@host:5432/db". A connect_timeout is added unless set.
  std::string url;
  /// Most connections open at once; callers beyond it wait for a free one.
  std::size_t size = 8;
  /// How long Acquire waits for a free connection (and retries connecting) before giving up.
  std::chrono::milliseconds checkout_timeout{5000};
  /// Statement name -> SQL, prepared on every new connection, so repositories can call
  /// `tx.exec_prepared(name, ...)` on any lease. Bad SQL fails the first Acquire loudly.
  std::vector<std::pair<std::string, std::string>> prepared;
};

/// A fixed-size pool of PostgreSQL connections. libpqxx connections are not thread-safe, so each is
/// used by one lease holder at a time. Connecting is lazy: a Pool can be built while PostgreSQL is
/// down, and each Acquire tries again, so a service starts and reports "not ready" instead of dying.
class Pool {
 public:
  /// A connection on loan; returned to the pool on destruction. If the connection broke while
  /// leased (libpqxx then reports it closed), it is dropped and a fresh one is opened on demand.
  using Lease = core::Lease<Pool, pqxx::connection>;

  /// Does not connect. The pool must outlive every Lease it hands out.
  explicit Pool(PoolOptions options);
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  /// A connection within `checkout_timeout`. Throws core::GreenlaneException (kUnavailable) naming the
  /// timeout when all connections stay busy, or the last connect error (password redacted) when
  /// PostgreSQL cannot be reached; kInternal when a statement in `prepared` does not prepare.
  Lease Acquire();
  /// As Acquire(), waiting at most `timeout`.
  Lease Acquire(std::chrono::milliseconds timeout);

  /// True when a connection can be had and answers SELECT 1 within about a second; for readiness
  /// probes. Never throws; logs why it failed.
  bool Ping();

  /// The most connections this pool opens (PoolOptions::size).
  std::size_t Size() const { return options_.size; }
  /// Connections open now, leased or idle.
  std::size_t OpenConnections() const;

 private:
  friend Lease;
  std::unique_ptr<pqxx::connection> Connect(std::chrono::steady_clock::time_point deadline);
  void Release(std::unique_ptr<pqxx::connection> connection) noexcept;

  PoolOptions options_;
  std::string connect_url_;
  mutable std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  std::size_t open_ = 0;  // idle + leased + being opened
};

}  // namespace greenlane::pg
