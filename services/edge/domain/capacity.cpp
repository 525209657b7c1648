#include "domain/capacity.h"

namespace greenlane::edge {

Admission AdmitFile(std::uint64_t depth, std::uint64_t capacity, std::uint64_t incoming) {
  if (depth == 0) return Admission::kAccept;
  if (depth >= capacity || incoming > capacity - depth) return Admission::kWait;
  return Admission::kAccept;
}

CapacityAlarm::Change CapacityAlarm::Update(bool full) {
  if (full == raised_) return Change::kNone;
  raised_ = full;
  return full ? Change::kRaised : Change::kCleared;
}

}  // namespace greenlane::edge
