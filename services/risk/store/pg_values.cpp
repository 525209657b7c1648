#include "store/pg_values.h"

#include <nlohmann/json.hpp>

namespace greenlane::risk {

std::string PgTimestamp(core::TimePoint time) { return core::FormatRfc3339(time, 6); }

std::string MicrosOf(const std::string& column) { return "(extract(epoch FROM " + column + ") * 1000000)::bigint"; }

core::TimePoint FromMicros(std::int64_t micros) {
  return core::TimePoint(std::chrono::duration_cast<core::TimePoint::duration>(std::chrono::microseconds(micros)));
}

std::string JsonList(const std::vector<std::string>& items) { return nlohmann::json(items).dump(); }

std::vector<std::string> FromJsonList(const std::string& json) {
  const auto parsed = nlohmann::json::parse(json);
  return parsed.is_null() ? std::vector<std::string>{} : parsed.get<std::vector<std::string>>();
}

}  // namespace greenlane::risk
