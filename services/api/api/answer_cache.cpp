#include "api/answer_cache.h"

namespace greenlane::api {

std::optional<http::Response> AnswerCache::Find(const std::string& key) {
  std::shared_ptr<const http::Response> answer;
  {
    std::lock_guard lock(mutex_);
    const auto entry = entries_.find(key);
    if (entry == entries_.end()) return std::nullopt;
    const auto change = changes_.find(entry->second.subject);
    if (entry->second.expires <= clock_.Now() ||
        (change != changes_.end() && entry->second.ticket <= change->second.ticket)) {
      entries_.erase(entry);
      return std::nullopt;
    }
    answer = entry->second.answer;
  }
  return *answer;  // copied outside the lock
}

void AnswerCache::Put(const std::string& key, const std::string& subject, Ticket ticket, const http::Response& answer) {
  auto kept = std::make_shared<const http::Response>(answer);
  const auto now = clock_.Now();
  std::lock_guard lock(mutex_);
  const auto change = changes_.find(subject);
  if (change != changes_.end() && ticket <= change->second.ticket) return;  // fetched before the change
  if (entries_.size() >= capacity_ && !entries_.count(key)) MakeRoom(now);
  entries_[key] = Entry{std::move(kept), subject, ticket, now + ttl_};
}

void AnswerCache::Forget(const std::string& subject) {
  const auto ticket = Take();
  const auto now = clock_.Now();
  std::lock_guard lock(mutex_);
  changes_[subject] = Change{ticket, now + ttl_};
  // Changes older than ttl void nothing that has not expired: drop them so the map stays small.
  if (changes_.size() > 1024) std::erase_if(changes_, [&](const auto& item) { return item.second.until <= now; });
}

void AnswerCache::MakeRoom(core::TimePoint now) {
  std::erase_if(entries_, [&](const auto& item) { return item.second.expires <= now; });
  if (entries_.size() >= capacity_) entries_.clear();
}

}  // namespace greenlane::api
