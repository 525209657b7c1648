#pragma once

#include <chrono>
#include <string>

#include "domain/reading.h"

namespace ingest_test {

inline greenlane::core::TimePoint At(const std::string& rfc3339) { return *greenlane::core::ParseRfc3339(rfc3339); }

/// A valid XRF reading with sequence `sequence`.
inline greenlane::ingest::SequencedReading ValidReading(std::int64_t sequence = 1) {
  greenlane::ingest::SequencedReading s;
  s.sequence = sequence;
  s.reading.kind = "xrf";
  s.reading.device_serial = "VAN-800123";
  s.reading.reading_number = std::to_string(sequence);
  s.reading.captured_at = At("2026-11-20T08:15:30Z");
  s.reading.container = "MSKU4421908";
  s.reading.payload_json = R"({"elements":[{"symbol":"Pb","ppm":"412.5"}]})";
  return s;
}

}  // namespace ingest_test
