#pragma once

#include <shared_mutex>
#include <string>
#include <unordered_set>

namespace greenlane::api {

/// Ids of disabled clients, so that their access tokens stop working at once rather than when
/// they expire. Disabling through this instance adds the id immediately; every instance also
/// reloads the full list from the database every few seconds (DisabledClientsRefresh).
class DisabledClients {
 public:
  bool Contains(const std::string& client_id) const {
    std::shared_lock lock(mutex_);
    return ids_.count(client_id) != 0;
  }
  void Add(const std::string& client_id) {
    std::unique_lock lock(mutex_);
    ids_.insert(client_id);
  }
  void Replace(std::unordered_set<std::string> ids) {
    std::unique_lock lock(mutex_);
    ids_ = std::move(ids);
  }

 private:
  mutable std::shared_mutex mutex_;
  std::unordered_set<std::string> ids_;
};

}  // namespace greenlane::api
