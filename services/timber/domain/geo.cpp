#include "domain/geo.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "domain/json_read.h"

namespace greenlane::timber {
namespace {

constexpr double kEarthRadiusMetres = 6'371'008.8;
constexpr double kRadiansPerDegree = std::numbers::pi / 180.0;
// A point this close (in degrees, about a tenth of a millimetre) to an edge is on it: coordinates
// parsed from text rarely land on a sloping edge exactly.
constexpr double kOnEdgeDegrees = 1e-9;

enum class Location { kInside, kOnBoundary, kOutside };

core::Result<GeoPoint> ParsePosition(const nlohmann::json& value, const std::string& path) {
  if (!value.is_array() || value.size() < 2 || value.size() > 3 || !value[0].is_number() || !value[1].is_number()) {
    return FieldError(path, "expected a position [longitude, latitude]");
  }
  const GeoPoint point{value[0].get<double>(), value[1].get<double>()};
  if (!(point.longitude >= -180 && point.longitude <= 180)) {
    return FieldError(path + "/0", "longitude " + value[0].dump() + " is outside [-180, 180]");
  }
  if (!(point.latitude >= -90 && point.latitude <= 90)) {
    return FieldError(path + "/1", "latitude " + value[1].dump() + " is outside [-90, 90]");
  }
  return point;
}

core::Result<Ring> ParseRing(const nlohmann::json& value, const std::string& path) {
  if (!value.is_array() || value.size() < 4) {
    return FieldError(path, "expected a linear ring of at least four positions");
  }
  Ring ring;
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto point = ParsePosition(value[i], path + "/" + std::to_string(i));
    if (!point.ok()) return point.error();
    ring.push_back(*point);
  }
  if (ring.front() != ring.back()) {
    return FieldError(path + "/" + std::to_string(value.size() - 1),
                      "the ring is not closed: the last position "
                      "must repeat the first");
  }
  return ring;
}

core::Result<Polygon> ParsePolygon(const nlohmann::json& value, const std::string& path) {
  if (!value.is_array() || value.empty()) return FieldError(path, "expected an array of rings, the outer one first");
  Polygon polygon;
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto ring = ParseRing(value[i], path + "/" + std::to_string(i));
    if (!ring.ok()) return ring.error();
    if (i == 0) {
      polygon.outer = std::move(*ring);
    } else {
      polygon.holes.push_back(std::move(*ring));
    }
  }
  return polygon;
}

bool OnSegment(const GeoPoint& p, const GeoPoint& a, const GeoPoint& b) {
  const double dx = b.longitude - a.longitude;
  const double dy = b.latitude - a.latitude;
  const double length = std::hypot(dx, dy);
  const double px = p.longitude - a.longitude;
  const double py = p.latitude - a.latitude;
  if (length == 0) return std::hypot(px, py) <= kOnEdgeDegrees;
  const double off_line = std::abs(dx * py - dy * px) / length;
  const double along = (dx * px + dy * py) / length;
  return off_line <= kOnEdgeDegrees && along >= -kOnEdgeDegrees && along <= length + kOnEdgeDegrees;
}

// Crossing number: a horizontal ray from the point crosses the ring an odd number of times when
// the point is inside.
Location Locate(const Ring& ring, const GeoPoint& p) {
  bool inside = false;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
    const auto& a = ring[i];
    const auto& b = ring[i + 1];
    if (OnSegment(p, a, b)) return Location::kOnBoundary;
    if ((a.latitude > p.latitude) != (b.latitude > p.latitude)) {
      const double crossing =
          a.longitude + (p.latitude - a.latitude) * (b.longitude - a.longitude) / (b.latitude - a.latitude);
      if (p.longitude < crossing) inside = !inside;
    }
  }
  return inside ? Location::kInside : Location::kOutside;
}

bool PolygonContains(const Polygon& polygon, const GeoPoint& p) {
  if (Locate(polygon.outer, p) == Location::kOutside) return false;
  return std::none_of(polygon.holes.begin(), polygon.holes.end(),
                      [&](const Ring& hole) { return Locate(hole, p) == Location::kInside; });
}

// Distance from the origin to segment ab, all in metres on a plane.
double SegmentDistance(double ax, double ay, double bx, double by) {
  const double dx = bx - ax;
  const double dy = by - ay;
  const double squared = dx * dx + dy * dy;
  const double t = squared == 0 ? 0 : std::clamp(-(ax * dx + ay * dy) / squared, 0.0, 1.0);
  return std::hypot(ax + t * dx, ay + t * dy);
}

}  // namespace

core::Result<Area> ParseGeoJsonArea(const nlohmann::json& geometry) {
  if (auto s = CheckObject(geometry, "", {"type", "coordinates", "bbox"}, {"type", "coordinates"}); !s.ok()) {
    return s.error();
  }
  const auto& type = geometry["type"];
  const auto& coordinates = geometry["coordinates"];
  Area area;
  if (type == "Polygon") {
    auto polygon = ParsePolygon(coordinates, "/coordinates");
    if (!polygon.ok()) return polygon.error();
    area.polygons.push_back(std::move(*polygon));
  } else if (type == "MultiPolygon") {
    if (!coordinates.is_array() || coordinates.empty()) {
      return FieldError("/coordinates", "expected a non-empty array of polygons");
    }
    for (std::size_t i = 0; i < coordinates.size(); ++i) {
      auto polygon = ParsePolygon(coordinates[i], "/coordinates/" + std::to_string(i));
      if (!polygon.ok()) return polygon.error();
      area.polygons.push_back(std::move(*polygon));
    }
  } else {
    return FieldError("/type", "expected \"Polygon\" or \"MultiPolygon\", got " + type.dump());
  }
  return area;
}

bool Contains(const Area& area, const GeoPoint& point) {
  return std::any_of(area.polygons.begin(), area.polygons.end(),
                     [&](const Polygon& polygon) { return PolygonContains(polygon, point); });
}

double DistanceToBoundaryMetres(const Area& area, const GeoPoint& point) {
  const double metres_per_degree_lat = kEarthRadiusMetres * kRadiansPerDegree;
  const double metres_per_degree_lon = metres_per_degree_lat * std::cos(point.latitude * kRadiansPerDegree);
  const auto x = [&](const GeoPoint& q) { return (q.longitude - point.longitude) * metres_per_degree_lon; };
  const auto y = [&](const GeoPoint& q) { return (q.latitude - point.latitude) * metres_per_degree_lat; };
  double nearest = std::numeric_limits<double>::infinity();
  const auto visit = [&](const Ring& ring) {
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
      nearest = std::min(nearest, SegmentDistance(x(ring[i]), y(ring[i]), x(ring[i + 1]), y(ring[i + 1])));
    }
  };
  for (const auto& polygon : area.polygons) {
    visit(polygon.outer);
    for (const auto& hole : polygon.holes) visit(hole);
  }
  return nearest;
}

double HaversineMetres(const GeoPoint& a, const GeoPoint& b) {
  const double lat1 = a.latitude * kRadiansPerDegree;
  const double lat2 = b.latitude * kRadiansPerDegree;
  const double dlat = lat2 - lat1;
  const double dlon = (b.longitude - a.longitude) * kRadiansPerDegree;
  const double h = std::pow(std::sin(dlat / 2), 2) + std::cos(lat1) * std::cos(lat2) * std::pow(std::sin(dlon / 2), 2);
  return 2 * kEarthRadiusMetres * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace greenlane::timber
