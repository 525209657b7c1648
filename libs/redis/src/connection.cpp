#include "greenlane/redis/connection.h"

#include <hiredis/hiredis.h>

#include "greenlane/core/error.h"
#include "greenlane/core/socket.h"

namespace greenlane::redis {
namespace {

timeval ToTimeval(std::chrono::milliseconds timeout) {
  return timeval{static_cast<time_t>(timeout.count() / 1000),
                 static_cast<suseconds_t>((timeout.count() % 1000) * 1000)};
}

// hiredis takes parallel arrays of pointers and lengths.
struct Argv {
  explicit Argv(const std::vector<std::string>& args) {
    pointers.reserve(args.size());
    lengths.reserve(args.size());
    for (const auto& arg : args) {
      pointers.push_back(arg.data());
      lengths.push_back(arg.size());
    }
  }
  int count() const { return static_cast<int>(pointers.size()); }
  std::vector<const char*> pointers;
  std::vector<std::size_t> lengths;
};

std::string CommandName(const std::vector<std::string>& argv) { return argv.empty() ? "(empty)" : argv.front(); }

}  // namespace

Connection::Connection(Endpoint endpoint, std::chrono::milliseconds timeout)
    : endpoint_(std::move(endpoint)), timeout_(timeout) {}

Connection::~Connection() {
  if (context_ != nullptr) redisFree(context_);
}

void Connection::Fail(const std::string& what) {
  std::string reason = context_ != nullptr && context_->err != 0 ? context_->errstr : "hiredis gave no reason";
  if (context_ != nullptr) {
    redisFree(context_);
    context_ = nullptr;
  }
  throw core::GreenlaneException(core::Error{
      core::ErrorKind::kUnavailable, "Redis at " + endpoint_.Describe() + ": " + what + " failed: " + reason, {}});
}

void Connection::SetTimeout(std::chrono::milliseconds timeout) {
  if (redisSetTimeout(context_, ToTimeval(timeout)) != REDIS_OK) Fail("setting the socket timeout");
}

void Connection::EnsureConnected() {
  if (context_ != nullptr) return;
  context_ = redisConnectWithTimeout(endpoint_.host.c_str(), endpoint_.port, ToTimeval(timeout_));
  if (context_ == nullptr || context_->err != 0) Fail("connecting");
  SetTimeout(timeout_);
  if (!endpoint_.password.empty()) {
    std::vector<std::string> auth = {"AUTH"};
    if (!endpoint_.username.empty()) auth.push_back(endpoint_.username);
    auth.push_back(endpoint_.password);
    const Reply reply = Command(auth);
    if (reply.IsError()) {
      redisFree(context_);
      context_ = nullptr;
      throw core::GreenlaneException(
          core::Error{core::ErrorKind::kUnavailable,
                      "Redis at " + endpoint_.Describe() + " refused the credentials in the URL: " + reply.AsString(),
                      {}});
    }
  }
  if (endpoint_.db != 0) {
    const Reply reply = Command({"SELECT", std::to_string(endpoint_.db)});
    if (reply.IsError()) Fail("SELECT " + std::to_string(endpoint_.db) + " (" + reply.AsString() + ")");
  }
}

void Connection::DropIfStale() {
  if (context_ == nullptr) return;
  if (core::IdleSocketHasInput(context_->fd)) {
    redisFree(context_);
    context_ = nullptr;
  }
}

Reply Connection::Command(const std::vector<std::string>& argv) {
  EnsureConnected();
  Argv args(argv);
  auto* reply =
      static_cast<redisReply*>(redisCommandArgv(context_, args.count(), args.pointers.data(), args.lengths.data()));
  if (reply == nullptr) Fail(CommandName(argv));
  return Reply(reply);
}

Reply Connection::Command(const std::vector<std::string>& argv, std::chrono::milliseconds extra_wait) {
  EnsureConnected();
  SetTimeout(timeout_ + extra_wait);
  Reply reply = Command(argv);
  SetTimeout(timeout_);
  return reply;
}

std::vector<Reply> Connection::Pipeline(const std::vector<std::vector<std::string>>& commands) {
  EnsureConnected();
  for (const auto& command : commands) {
    Argv args(command);
    if (redisAppendCommandArgv(context_, args.count(), args.pointers.data(), args.lengths.data()) != REDIS_OK) {
      Fail("queueing " + CommandName(command));
    }
  }
  std::vector<Reply> replies;
  replies.reserve(commands.size());
  for (const auto& command : commands) {
    void* reply = nullptr;
    if (redisGetReply(context_, &reply) != REDIS_OK || reply == nullptr) {
      Fail("pipelined " + CommandName(command) + " (" + std::to_string(replies.size()) + " of " +
           std::to_string(commands.size()) + " replies read)");
    }
    replies.emplace_back(static_cast<redisReply*>(reply));
  }
  return replies;
}

}  // namespace greenlane::redis
