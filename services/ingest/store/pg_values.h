#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "greenlane/core/clock.h"

namespace greenlane::ingest {

/// A PostgreSQL text[] literal ("{"a","b"}") of `items`, every element quoted and escaped, for a
/// bound parameter or a COPY field.
std::string PgTextArray(const std::vector<std::string>& items);

/// A timestamptz value as bound text: RFC 3339 UTC with microseconds (PostgreSQL's precision).
std::string PgTimestamp(core::TimePoint time);

/// SQL that selects a timestamptz column as microseconds since the epoch, read with FromMicros:
/// exact, and independent of the session's DateStyle and TimeZone.
std::string MicrosOf(const std::string& column);
core::TimePoint FromMicros(std::int64_t micros);

/// Parses a text[] column selected with array_to_json(...)::text.
std::vector<std::string> FromJsonTextArray(const std::string& json);

}  // namespace greenlane::ingest
