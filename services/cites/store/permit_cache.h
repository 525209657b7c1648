#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "greenlane/core/clock.h"
#include "store/permit_store.h"

namespace greenlane::cites {

/// Recently read permits by number, so the single window's Verify (the hottest call: every
/// declaration with a CITES line asks) does not read PostgreSQL each time. Every change this
/// replica makes replaces the entry at once; a change made by another replica shows within `ttl`.
/// `ttl` 0 turns the cache off. Thread-safe.
class PermitCache {
 public:
  PermitCache(const core::Clock& clock, std::chrono::milliseconds ttl, std::size_t capacity)
      : clock_(clock), ttl_(ttl), capacity_(capacity) {}

  /// The permit when read less than `ttl` ago, else nullptr.
  std::shared_ptr<const StoredPermit> Find(const std::string& number);
  /// Remembers the newest state of a permit (after a read or a change).
  void Put(const StoredPermit& permit);

 private:
  struct Entry {
    std::shared_ptr<const StoredPermit> permit;
    core::TimePoint expires;
  };

  const core::Clock& clock_;
  std::chrono::milliseconds ttl_;
  std::size_t capacity_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace greenlane::cites
