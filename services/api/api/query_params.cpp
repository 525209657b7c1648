#include "api/query_params.h"

#include <charconv>
#include <chrono>

#include "greenlane/core/clock.h"

namespace greenlane::api {

core::Status RejectUnknown(const QueryParams& params, const std::set<std::string>& known) {
  for (const auto& [name, value] : params) {
    if (known.count(name)) continue;
    std::string accepted;
    for (const auto& k : known) accepted.append(accepted.empty() ? "" : ", ").append(k);
    return core::Error::InvalidArgument(name, "unknown parameter '" + name + "': use " + accepted);
  }
  return core::Status::Ok();
}

core::Result<std::int64_t> ParseInteger(const std::string& field, const std::string& text, std::int64_t min,
                                        std::int64_t max) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || value < min || value > max) {
    return core::Error::InvalidArgument(field, field + " must be an integer from " + std::to_string(min) + " to " +
                                                   std::to_string(max) + ", got '" + text + "'");
  }
  return value;
}

core::Result<std::optional<google::protobuf::Timestamp>> TimeParam(const QueryParams& params, const std::string& name) {
  const auto found = params.find(name);
  if (found == params.end()) return std::optional<google::protobuf::Timestamp>();
  const auto time = core::ParseRfc3339(found->second);
  if (!time) {
    return core::Error::InvalidArgument(
        name, name + " must be an RFC 3339 time such as 2026-11-22T08:00:00Z, got '" + found->second + "'");
  }
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(time->time_since_epoch()).count();
  google::protobuf::Timestamp timestamp;
  timestamp.set_seconds(nanos / 1'000'000'000);
  timestamp.set_nanos(static_cast<std::int32_t>(nanos % 1'000'000'000));
  if (timestamp.nanos() < 0) {  // times before 1970: Timestamp wants nanos in [0, 1e9)
    timestamp.set_seconds(timestamp.seconds() - 1);
    timestamp.set_nanos(timestamp.nanos() + 1'000'000'000);
  }
  return std::optional<google::protobuf::Timestamp>(timestamp);
}

core::Result<v1::PageRequest> PageParams(const QueryParams& params, std::int64_t max_page_size) {
  v1::PageRequest page;
  if (const auto size = params.find("page_size"); size != params.end()) {
    auto value = ParseInteger("page_size", size->second, 1, max_page_size);
    if (!value.ok()) return value.error();
    page.set_page_size(static_cast<std::int32_t>(*value));
  }
  page.set_page_token(StringParam(params, "page_token"));
  return page;
}

std::string StringParam(const QueryParams& params, const std::string& name) {
  const auto found = params.find(name);
  return found == params.end() ? std::string() : found->second;
}

}  // namespace greenlane::api
