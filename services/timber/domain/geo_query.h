#pragma once

#include <optional>
#include <string_view>

#include "domain/geo.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"

namespace greenlane::timber {

/// A WGS 84 bounding box, as OGC API - Features' `bbox` (min longitude, min latitude, max longitude,
/// max latitude). Boxes crossing the antimeridian are not supported (no concession or truck of the
/// administrations served does).
struct BoundingBox {
  double min_lon = 0;
  double min_lat = 0;
  double max_lon = 0;
  double max_lat = 0;

  /// True when the boxes share any point (edges included).
  bool Intersects(const BoundingBox& other) const;
};

/// The bounds of every ring of an area.
BoundingBox BoundsOf(const Area& area);

/// Parses `bbox` "minLon,minLat,maxLon,maxLat" (four numbers; the 3-D form with six is refused).
/// Empty: no filter. kInvalidArgument naming field "bbox" and what is wrong.
core::Result<std::optional<BoundingBox>> ParseBbox(std::string_view text);

/// A closed time interval; an absent end is open.
struct TimeInterval {
  std::optional<core::TimePoint> start;
  std::optional<core::TimePoint> end;

  /// True when [from, until] shares an instant with this interval (absent bounds are open).
  bool Intersects(std::optional<core::TimePoint> from, std::optional<core::TimePoint> until) const;
};

/// Parses OGC API - Features' `datetime`: an RFC 3339 instant, or an interval "start/end" where
/// either side may be ".." or empty (open). Empty: no filter. kInvalidArgument naming field
/// "datetime" for a malformed time or a start after the end.
core::Result<TimeInterval> ParseDatetime(std::string_view text);

}  // namespace greenlane::timber
