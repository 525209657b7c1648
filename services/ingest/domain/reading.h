#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "greenlane/core/clock.h"

namespace greenlane::ingest {

/// A WGS 84 position where the sample was taken.
struct Location {
  double latitude = 0;
  double longitude = 0;
};

/// One analyzer reading as ingest stores it. Optional text fields are "" when absent. `id`,
/// `gateway_id`, `received_at`, `container_check_digit_valid` and `flags` are ingest's to set: what a
/// gateway sends there is not trusted.
struct Reading {
  std::string id;
  std::string kind;  ///< instruments::KindName: xrf, refrigerant, wood_image, qpcr, dart
  std::string device_serial;
  std::string gateway_id;
  core::TimePoint captured_at{};
  core::TimePoint received_at{};
  std::string operator_id;
  std::string sample_label;
  std::string declaration;
  std::string container;
  std::string item;
  bool container_check_digit_valid = false;
  std::optional<Location> location;
  std::string reading_number;  ///< with device_serial and captured_at, the natural key
  std::string source_file;
  std::int32_t source_line = 0;
  std::string raw;
  std::string payload_json;  ///< kind-specific payload, a JSON object kept as sent
  std::vector<std::string> flags;
};

/// A reading with the gateway's own sequence number, as it arrives in an upload batch.
struct SequencedReading {
  std::int64_t sequence = 0;
  Reading reading;
};

}  // namespace greenlane::ingest
