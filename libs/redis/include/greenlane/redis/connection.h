#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "greenlane/redis/reply.h"
#include "greenlane/redis/url.h"

struct redisContext;

namespace greenlane::redis {

/// One blocking connection to Redis, used by one thread at a time (hiredis contexts are not
/// thread-safe); get it from a Pool. It connects on first use and, after a network failure, again
/// on the next use, so a restarted Redis costs callers one failed call, not a dead process.
class Connection {
 public:
  /// Does not connect. `timeout` bounds connecting and each read or write on the socket.
  Connection(Endpoint endpoint, std::chrono::milliseconds timeout);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Runs one command; arguments are sent as-is (binary-safe). A Redis error reply comes back as
  /// Reply::IsError(). Throws core::GreenlaneException (kUnavailable) naming the command (never its
  /// arguments) and the endpoint when the network fails; the connection is then reset.
  Reply Command(const std::vector<std::string>& argv);
  /// As Command, waiting up to `extra_wait` longer than the usual timeout for the reply; for
  /// commands that block on purpose (XREADGROUP ... BLOCK, BLPOP).
  Reply Command(const std::vector<std::string>& argv, std::chrono::milliseconds extra_wait);

  /// Sends all `commands` in one write and reads the replies in order: one round trip instead of
  /// commands.size(). Replies (including error replies) line up with `commands`. Throws like Command.
  std::vector<Reply> Pipeline(const std::vector<std::vector<std::string>>& commands);

  /// Connects if not connected (including after a failure); throws like Command.
  void EnsureConnected();
  /// Forgets the connection if the server has closed it (or sent something unasked) while idle, so
  /// the next command reconnects instead of failing. Cheap: no round trip.
  void DropIfStale();
  bool connected() const { return context_ != nullptr; }

 private:
  [[noreturn]] void Fail(const std::string& what);
  void SetTimeout(std::chrono::milliseconds timeout);

  Endpoint endpoint_;
  std::chrono::milliseconds timeout_;
  redisContext* context_ = nullptr;
};

}  // namespace greenlane::redis
