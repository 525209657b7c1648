#include "store/permit_cache.h"

namespace greenlane::cites {

std::shared_ptr<const StoredPermit> PermitCache::Find(const std::string& number) {
  if (ttl_.count() == 0) return nullptr;
  const auto now = clock_.Now();
  std::lock_guard lock(mutex_);
  const auto entry = entries_.find(number);
  if (entry == entries_.end() || entry->second.expires <= now) return nullptr;
  return entry->second.permit;
}

void PermitCache::Put(const StoredPermit& permit) {
  if (ttl_.count() == 0) return;
  auto shared = std::make_shared<const StoredPermit>(permit);
  const auto now = clock_.Now();
  std::lock_guard lock(mutex_);
  if (entries_.size() >= capacity_ && !entries_.contains(permit.record.permit.number)) {
    // Bounded memory: drop what has expired, and everything if that is not enough.
    std::erase_if(entries_, [now](const auto& entry) { return entry.second.expires <= now; });
    if (entries_.size() >= capacity_) entries_.clear();
  }
  entries_[permit.record.permit.number] = {std::move(shared), now + ttl_};
}

}  // namespace greenlane::cites
