#include "store/pg_values.h"

#include <chrono>
#include <nlohmann/json.hpp>

namespace greenlane::ingest {

std::string PgTextArray(const std::vector<std::string>& items) {
  std::string out = "{";
  for (const auto& item : items) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char c : item) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

std::string PgTimestamp(core::TimePoint time) { return core::FormatRfc3339(time, 6); }

std::string MicrosOf(const std::string& column) { return "(extract(epoch FROM " + column + ") * 1000000)::bigint"; }

core::TimePoint FromMicros(std::int64_t micros) { return core::TimePoint(std::chrono::microseconds(micros)); }

std::vector<std::string> FromJsonTextArray(const std::string& json) {
  return nlohmann::json::parse(json).get<std::vector<std::string>>();
}

}  // namespace greenlane::ingest
