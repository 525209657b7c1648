#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "greenlane/core/clock.h"
#include "greenlane/http/response.h"

namespace greenlane::api {

/// Answers of a hot read route kept for a short time, each filed under the thing it is about (a
/// permit number), so the facade answers repeated reads without a call to the service behind it.
/// A change made through this facade drops the thing's answers at once (Forget); a change made
/// elsewhere (another facade replica, the service itself) shows within `ttl`. Thread-safe; at
/// `capacity` answers, expired ones are dropped first, then all.
///
/// An answer fetched while a change was being made must not outlive the change: callers take a
/// Ticket before asking the service and Put with it; a Forget after the ticket voids the answer.
class AnswerCache {
 public:
  AnswerCache(const core::Clock& clock, std::chrono::milliseconds ttl, std::size_t capacity)
      : clock_(clock), ttl_(ttl), capacity_(capacity) {}

  bool enabled() const { return ttl_.count() > 0; }

  using Ticket = std::uint64_t;
  Ticket Take() { return ++tickets_; }

  /// The answer to `key` if one was kept less than `ttl` ago and its subject has not changed since.
  std::optional<http::Response> Find(const std::string& key);
  /// Keeps `answer` to `key`, about `subject`, as fetched after `ticket` was taken.
  void Put(const std::string& key, const std::string& subject, Ticket ticket, const http::Response& answer);
  /// Drops every answer about `subject` (it has just changed).
  void Forget(const std::string& subject);

 private:
  struct Entry {
    std::shared_ptr<const http::Response> answer;
    std::string subject;
    Ticket ticket;
    core::TimePoint expires;
  };
  struct Change {
    Ticket ticket;          ///< answers fetched with an older ticket are void
    core::TimePoint until;  ///< after this every older answer has expired anyway
  };
  void MakeRoom(core::TimePoint now);  // with mutex_ held

  const core::Clock& clock_;
  const std::chrono::milliseconds ttl_;
  const std::size_t capacity_;
  std::atomic<Ticket> tickets_{0};
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::unordered_map<std::string, Change> changes_;
};

}  // namespace greenlane::api
