#include "domain/file_readiness.h"

#include <iterator>

namespace greenlane::edge {

bool ReadinessTracker::Observe(const std::string& path, FileSignature signature) {
  auto [it, inserted] = files_.try_emplace(path, Entry{signature, true});
  if (inserted) return false;
  const bool unchanged = it->second.signature == signature;
  it->second = Entry{signature, true};
  return unchanged;
}

void ReadinessTracker::EndPoll() {
  for (auto it = files_.begin(); it != files_.end();) {
    if (!it->second.seen_this_poll) {
      it = files_.erase(it);
    } else {
      it->second.seen_this_poll = false;
      ++it;
    }
  }
}

}  // namespace greenlane::edge
