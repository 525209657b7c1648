#include "domain/geo_query.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <string>
#include <vector>

namespace greenlane::timber {
namespace {

core::Error BadBbox(const std::string& why) {
  return core::Error::InvalidArgument("bbox", why + "; send bbox=minLon,minLat,maxLon,maxLat in WGS 84 degrees");
}

core::Error BadDatetime(const std::string& why) {
  return core::Error::InvalidArgument(
      "datetime", why + "; send an RFC 3339 instant or an interval start/end (either side may be '..')");
}

// Appended rather than "literal" + std::string, which trips GCC 12's false -Wrestrict.
std::string Join(std::initializer_list<std::string_view> parts) {
  std::string text;
  for (const auto part : parts) text.append(part);
  return text;
}

std::optional<double> Number(std::string_view text) {
  double value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

core::Result<std::optional<core::TimePoint>> Bound(std::string_view text) {
  if (text.empty() || text == "..") return std::optional<core::TimePoint>();
  auto time = core::ParseRfc3339(std::string(text));
  if (!time) return BadDatetime(Join({"'", text, "' is not an RFC 3339 time"}));
  return std::optional<core::TimePoint>(*time);
}

}  // namespace

bool BoundingBox::Intersects(const BoundingBox& other) const {
  return min_lon <= other.max_lon && other.min_lon <= max_lon && min_lat <= other.max_lat && other.min_lat <= max_lat;
}

BoundingBox BoundsOf(const Area& area) {
  BoundingBox box{180, 90, -180, -90};
  for (const auto& polygon : area.polygons) {
    for (const auto& point : polygon.outer) {
      box.min_lon = std::min(box.min_lon, point.longitude);
      box.max_lon = std::max(box.max_lon, point.longitude);
      box.min_lat = std::min(box.min_lat, point.latitude);
      box.max_lat = std::max(box.max_lat, point.latitude);
    }
  }
  return box;
}

core::Result<std::optional<BoundingBox>> ParseBbox(std::string_view text) {
  if (text.empty()) return std::optional<BoundingBox>();
  std::vector<double> values;
  std::size_t from = 0;
  while (true) {
    const auto comma = text.find(',', from);
    const auto part = text.substr(from, comma == std::string_view::npos ? std::string_view::npos : comma - from);
    const auto value = Number(part);
    if (!value) return BadBbox(Join({"'", part, "' is not a number"}));
    values.push_back(*value);
    if (comma == std::string_view::npos) break;
    from = comma + 1;
  }
  if (values.size() != 4) return BadBbox(Join({"has ", std::to_string(values.size()), " numbers, not 4"}));
  const BoundingBox box{values[0], values[1], values[2], values[3]};
  for (const double lon : {box.min_lon, box.max_lon}) {
    if (lon < -180 || lon > 180) return BadBbox(Join({"longitude ", std::to_string(lon), " is outside [-180, 180]"}));
  }
  for (const double lat : {box.min_lat, box.max_lat}) {
    if (lat < -90 || lat > 90) return BadBbox(Join({"latitude ", std::to_string(lat), " is outside [-90, 90]"}));
  }
  if (box.min_lat > box.max_lat) return BadBbox("the minimum latitude is above the maximum");
  if (box.min_lon > box.max_lon) {
    return BadBbox("the minimum longitude is east of the maximum (a box across the antimeridian is not supported)");
  }
  return std::optional<BoundingBox>(box);
}

bool TimeInterval::Intersects(std::optional<core::TimePoint> from, std::optional<core::TimePoint> until) const {
  if (start && until && *until < *start) return false;
  if (end && from && *from > *end) return false;
  return true;
}

core::Result<TimeInterval> ParseDatetime(std::string_view text) {
  if (text.empty()) return TimeInterval{};
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) {
    auto instant = Bound(text);
    if (!instant.ok()) return instant.error();
    if (!*instant) return BadDatetime("'..' alone is not a time");
    return TimeInterval{*instant, *instant};
  }
  if (text.find('/', slash + 1) != std::string_view::npos) return BadDatetime("has more than one '/'");
  auto start = Bound(text.substr(0, slash));
  if (!start.ok()) return start.error();
  auto end = Bound(text.substr(slash + 1));
  if (!end.ok()) return end.error();
  if (!*start && !*end) return BadDatetime("both ends are open");
  if (*start && *end && **start > **end) return BadDatetime("the start is after the end");
  return TimeInterval{*start, *end};
}

}  // namespace greenlane::timber
