#include "greenlane/pg/pool.h"

#include <algorithm>
#include <pqxx/pqxx>
#include <thread>

#include "greenlane/core/error.h"
#include "greenlane/core/log.h"
#include "greenlane/core/socket.h"
#include "greenlane/pg/url.h"

namespace greenlane::pg {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds kPingTimeout{1000};
constexpr std::chrono::milliseconds kFirstRetryDelay{50};
constexpr std::chrono::milliseconds kMaxRetryDelay{1000};

bool IdleConnectionLooksDead(const pqxx::connection& connection) {
  return !connection.is_open() || core::IdleSocketHasInput(connection.sock());
}

std::string ConnectTimeoutSeconds(std::chrono::milliseconds checkout_timeout) {
  // libpq rounds values below 2 up to 2 seconds anyway.
  const auto seconds = (checkout_timeout.count() + 999) / 1000;
  return std::to_string(std::max<std::int64_t>(2, seconds));
}

core::GreenlaneException Unavailable(std::string message) {
  return core::GreenlaneException(core::Error{core::ErrorKind::kUnavailable, std::move(message), {}});
}

}  // namespace

Pool::Pool(PoolOptions options)
    : options_(std::move(options)),
      connect_url_(
          WithDefaultParameter(options_.url, "connect_timeout", ConnectTimeoutSeconds(options_.checkout_timeout))) {
  if (options_.size == 0) options_.size = 1;
}

Pool::Lease Pool::Acquire() { return Acquire(options_.checkout_timeout); }

Pool::Lease Pool::Acquire(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  std::unique_lock lock(mutex_);
  for (;;) {
    while (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      if (!IdleConnectionLooksDead(*connection)) return Lease(this, std::move(connection));
      --open_;
    }
    if (open_ < options_.size) {
      ++open_;
      lock.unlock();
      try {
        return Lease(this, Connect(deadline));
      } catch (...) {
        lock.lock();
        --open_;
        returned_.notify_one();
        throw;
      }
    }
    if (!returned_.wait_until(lock, deadline, [&] { return !idle_.empty() || open_ < options_.size; })) {
      throw Unavailable("no PostgreSQL connection became free within " + std::to_string(timeout.count()) + " ms: all " +
                        std::to_string(options_.size) + " connections of the pool to " + RedactPassword(options_.url) +
                        " are in use; raise the pool size or shorten transactions");
    }
  }
}

std::unique_ptr<pqxx::connection> Pool::Connect(Clock::time_point deadline) {
  auto delay = kFirstRetryDelay;
  for (;;) {
    std::unique_ptr<pqxx::connection> connection;
    try {
      connection = std::make_unique<pqxx::connection>(connect_url_);
    } catch (const pqxx::broken_connection& e) {
      if (Clock::now() + delay >= deadline) {
        throw Unavailable("cannot connect to PostgreSQL at " + RedactPassword(options_.url) + ": " + e.what());
      }
      std::this_thread::sleep_for(delay);
      delay = std::min(delay * 2, kMaxRetryDelay);
      continue;
    }
    for (const auto& [name, sql] : options_.prepared) {
      try {
        connection->prepare(name, sql);
        connection->prepare_now(name);
      } catch (const pqxx::sql_error& e) {
        throw core::GreenlaneException(
            core::Error::Internal("prepared statement \"" + name + "\" does not prepare: " + e.what()));
      }
    }
    return connection;
  }
}

void Pool::Release(std::unique_ptr<pqxx::connection> connection) noexcept {
  const bool usable = connection->is_open();
  if (!usable) connection.reset();
  {
    std::lock_guard lock(mutex_);
    if (usable) {
      idle_.push_back(std::move(connection));
    } else {
      --open_;
    }
  }
  returned_.notify_one();
}

bool Pool::Ping() {
  try {
    auto lease = Acquire(std::min(options_.checkout_timeout, kPingTimeout));
    pqxx::work tx(*lease);
    tx.exec("SET LOCAL statement_timeout = " + std::to_string(kPingTimeout.count()) + "; SELECT 1");
    tx.commit();
    return true;
  } catch (const std::exception& e) {
    log::Warn("PostgreSQL ping failed", {{"target", RedactPassword(options_.url)}, {"error", e.what()}});
    return false;
  }
}

std::size_t Pool::OpenConnections() const {
  std::lock_guard lock(mutex_);
  return open_;
}

}  // namespace greenlane::pg
