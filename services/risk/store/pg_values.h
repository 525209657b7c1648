#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "greenlane/core/clock.h"

namespace greenlane::risk {

/// A timestamptz value as bound text: RFC 3339 UTC with microseconds (PostgreSQL's precision).
std::string PgTimestamp(core::TimePoint time);

/// SQL selecting a timestamptz column as microseconds since the epoch, read back with FromMicros:
/// exact, and independent of the session's DateStyle and TimeZone.
std::string MicrosOf(const std::string& column);
core::TimePoint FromMicros(std::int64_t micros);

/// A list bound as one JSON parameter and expanded in SQL with jsonb_array_elements_text, so no
/// array literal is ever built by hand; and a text[] column selected as array_to_json(...)::text.
std::string JsonList(const std::vector<std::string>& items);
std::vector<std::string> FromJsonList(const std::string& json);

}  // namespace greenlane::risk
