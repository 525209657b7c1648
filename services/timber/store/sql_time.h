#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "greenlane/core/clock.h"

namespace greenlane::timber::store {

/// A time as a timestamptz parameter: RFC 3339 with microseconds, the column's own precision.
inline std::string SqlTime(core::TimePoint time) { return core::FormatRfc3339(time, 6); }

/// A time read back as microseconds since the epoch ("(extract(epoch FROM col) * 1000000)::bigint"),
/// exact where a text round trip would need parsing.
inline core::TimePoint TimeFromMicros(std::int64_t micros) {
  return core::TimePoint(std::chrono::duration_cast<core::TimePoint::duration>(std::chrono::microseconds(micros)));
}

}  // namespace greenlane::timber::store
