#pragma once

#include <cstdint>

namespace greenlane::edge {

enum class Admission : std::uint8_t { kAccept, kWait };

/// Whether a file of `incoming` readings may enter a queue that holds `depth` readings of at most
/// `capacity`. A file is taken whole or not at all (never half a file), and a file that does not
/// fit waits in its folder: nothing is ever dropped. A file larger than the whole capacity is
/// still taken into an empty queue, so one big export cannot block the gateway forever.
Admission AdmitFile(std::uint64_t depth, std::uint64_t capacity, std::uint64_t incoming);

/// The queue-full alarm. It is raised while files wait for room (or the queue is at capacity) and
/// cleared once they fit again; Update says when it changes so the log gets one line per episode
/// rather than one per poll.
class CapacityAlarm {
 public:
  enum class Change : std::uint8_t { kNone, kRaised, kCleared };

  Change Update(bool full);
  bool raised() const { return raised_; }

 private:
  bool raised_ = false;
};

}  // namespace greenlane::edge
