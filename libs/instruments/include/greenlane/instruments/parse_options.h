#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"

namespace greenlane::instruments {

/// What a parser needs to know about a file beyond its bytes. The edge gateway fills it from the
/// watch folder's configuration; parsers themselves never touch the file system.
struct ParseOptions {
  /// Named in every error message, so an officer can find the file that was set aside.
  std::string file_name = "<input>";
  /// Vanta and refrigerant-identifier exports write the device's local wall time without a zone;
  /// it is converted to UTC with this offset (the device's configured zone, +00:00 by default).
  /// Formats that write RFC 3339 times carry their own offset and ignore it.
  std::chrono::minutes utc_offset{0};
  /// Larger files are rejected before any parsing (ErrorKind::kPayloadTooLarge).
  std::size_t max_file_bytes = 32u * 1024 * 1024;
  /// XyloTron results name no device: the serial of the classifier that owns the watch folder.
  std::string instrument_serial;
  /// qPCR run exports carry no time per well: the file's modification time stands in for the
  /// capture time. Required for qPCR.
  std::optional<core::TimePoint> file_time;
};

/// Parses a configured UTC offset: "Z", "+00:00", "-05:00", "+0530". Error names the value.
core::Result<std::chrono::minutes> ParseUtcOffset(std::string_view text);

}  // namespace greenlane::instruments
