#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "greenlane/core/error.h"

namespace greenlane::timber {

/// A WGS 84 position in degrees, in GeoJSON's order (longitude first).
struct GeoPoint {
  double longitude = 0;
  double latitude = 0;

  friend bool operator==(const GeoPoint&, const GeoPoint&) = default;
};

/// A closed ring: the first position repeats as the last.
using Ring = std::vector<GeoPoint>;

struct Polygon {
  Ring outer;
  std::vector<Ring> holes;  ///< protected areas, villages or rivers cut out of a concession
};

/// A concession's ground: one GeoJSON Polygon or the parts of a MultiPolygon.
struct Area {
  std::vector<Polygon> polygons;
};

/// Parses a GeoJSON geometry object of type Polygon or MultiPolygon (RFC 7946). Each ring needs at
/// least four positions and must be closed; longitudes lie in [-180, 180], latitudes in [-90, 90].
/// Errors name the field as a JSON pointer inside the geometry ("/coordinates/0/3/1").
core::Result<Area> ParseGeoJsonArea(const nlohmann::json& geometry);

/// True when `point` is inside the area, a point on a boundary (outer edge or the edge of a hole)
/// counting as inside: a GPS fix on the concession's own border is the operator's to claim. Edges
/// are straight lines in longitude/latitude, as RFC 7946 draws them; rings crossing the
/// antimeridian are not supported.
bool Contains(const Area& area, const GeoPoint& point);

/// The distance in metres from `point` to the nearest boundary of the area (outer rings and holes),
/// measured on a local flat projection around the point: within a millimetre at the scale of a
/// concession, which is all a GPS tolerance needs.
double DistanceToBoundaryMetres(const Area& area, const GeoPoint& point);

/// Great-circle distance in metres (haversine, mean Earth radius 6,371,008.8 m).
double HaversineMetres(const GeoPoint& a, const GeoPoint& b);

}  // namespace greenlane::timber
