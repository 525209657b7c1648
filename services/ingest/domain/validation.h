#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/reading.h"

namespace greenlane::ingest {

/// Why one reading of a batch will never be stored. The gateway gets it in the ack (so the reading
/// leaves its queue instead of being resent forever) and logs it for a person to look at.
struct Rejection {
  std::int64_t sequence = 0;
  std::string field;   ///< e.g. "reading.device_serial"
  std::string reason;  ///< what was wrong and what the rule is
};

/// Checks one reading on its own: kind known, device serial, reading number and a plausible
/// captured_at present, every field within its size limit and free of NUL bytes, location within
/// WGS 84 bounds, payload_json a storable JSON object. nullopt when it may be stored.
std::optional<Rejection> ValidateReading(const SequencedReading& reading);

/// A batch split into what will be stored and what is rejected.
struct ScreenedBatch {
  std::vector<SequencedReading> valid;
  std::vector<Rejection> rejected;
  /// The highest sequence seen in the batch (valid or not), 0 for an empty batch: once the batch
  /// commits, the ack covers it.
  std::int64_t highest_sequence = 0;
};

/// Validates every reading of a batch. A sequence must be positive and greater than the one before
/// it in the batch (the gateway's numbering is strictly increasing); a reading breaking that is
/// rejected, as one failing ValidateReading is, while the rest of the batch goes on.
ScreenedBatch ScreenBatch(std::vector<SequencedReading> batch);

}  // namespace greenlane::ingest
