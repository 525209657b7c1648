#include "domain/geo.h"

#include <catch2/catch.hpp>

using namespace greenlane::timber;

namespace {

// A 1° × 1° concession in Gabon (lon 11..12, lat -1..0) with a protected hole (lon 11.4..11.6,
// lat -0.6..-0.4) cut out of it.
const nlohmann::json kConcessionWithHole = nlohmann::json::parse(R"({
  "type": "Polygon",
  "coordinates": [
    [[11, -1], [12, -1], [12, 0], [11, 0], [11, -1]],
    [[11.4, -0.6], [11.6, -0.6], [11.6, -0.4], [11.4, -0.4], [11.4, -0.6]]
  ]
})");

Area ConcessionWithHole() { return ParseGeoJsonArea(kConcessionWithHole).value(); }

}  // namespace

TEST_CASE("a point inside the outer ring and outside every hole is inside") {
  const auto area = ConcessionWithHole();
  CHECK(Contains(area, {11.2, -0.2}));
  CHECK_FALSE(Contains(area, {12.5, -0.5}));
  CHECK_FALSE(Contains(area, {11.5, 0.5}));
}

TEST_CASE("a point in a hole is outside the concession") { CHECK_FALSE(Contains(ConcessionWithHole(), {11.5, -0.5})); }

TEST_CASE("points on the outer edge, on a vertex and on a hole's edge count as inside") {
  const auto area = ConcessionWithHole();
  CHECK(Contains(area, {11, -0.5}));    // west edge
  CHECK(Contains(area, {11.5, 0}));     // north edge
  CHECK(Contains(area, {12, -1}));      // corner
  CHECK(Contains(area, {11.4, -0.5}));  // west edge of the hole
  CHECK(Contains(area, {11.5, -0.6}));  // south edge of the hole
}

TEST_CASE("a point on a sloping edge parsed from decimal text counts as inside") {
  const auto triangle = ParseGeoJsonArea(nlohmann::json::parse(R"({
    "type": "Polygon", "coordinates": [[[10.1, 0.1], [10.7, 0.1], [10.1, 0.7], [10.1, 0.1]]]})"))
                            .value();
  CHECK(Contains(triangle, {10.4, 0.4}));  // on the hypotenuse
  CHECK_FALSE(Contains(triangle, {10.41, 0.41}));
}

TEST_CASE("a multipolygon contains the points of each of its parts") {
  const auto area = ParseGeoJsonArea(nlohmann::json::parse(R"({
    "type": "MultiPolygon",
    "coordinates": [
      [[[9, 1], [10, 1], [10, 2], [9, 2], [9, 1]]],
      [[[11, -1], [12, -1], [12, 0], [11, 0], [11, -1]],
       [[11.4, -0.6], [11.6, -0.6], [11.6, -0.4], [11.4, -0.4], [11.4, -0.6]]]
    ]})"))
                        .value();
  REQUIRE(area.polygons.size() == 2);
  CHECK(Contains(area, {9.5, 1.5}));
  CHECK(Contains(area, {11.1, -0.9}));
  CHECK_FALSE(Contains(area, {10.5, 0.5}));
  CHECK_FALSE(Contains(area, {11.5, -0.5}));
}

TEST_CASE("a concave ring excludes its notch") {
  // A U shape open to the north: the notch lon 10.3..10.7 above lat 0.3 is outside.
  const auto u_shape = ParseGeoJsonArea(nlohmann::json::parse(R"({"type": "Polygon", "coordinates": [[
    [10, 0], [11, 0], [11, 1], [10.7, 1], [10.7, 0.3], [10.3, 0.3], [10.3, 1], [10, 1], [10, 0]]]})"))
                           .value();
  CHECK(Contains(u_shape, {10.1, 0.9}));
  CHECK(Contains(u_shape, {10.5, 0.2}));
  CHECK_FALSE(Contains(u_shape, {10.5, 0.5}));
}

TEST_CASE("the distance to the boundary is measured in metres") {
  const auto area = ConcessionWithHole();
  // 0.001° of longitude east of the edge at the equator-ish latitude -0.5: about 111 m.
  CHECK(DistanceToBoundaryMetres(area, {12.001, -0.5}) == Approx(111.19).epsilon(0.001));
  // In the middle of the hole, 0.1° from each of its edges: about 11.1 km.
  CHECK(DistanceToBoundaryMetres(area, {11.5, -0.5}) == Approx(11'119.5).epsilon(0.001));
}

TEST_CASE("haversine distances match the great circle") {
  // One degree of latitude: 111.195 km on the mean sphere.
  CHECK(HaversineMetres({10, 0}, {10, 1}) == Approx(111'195).epsilon(0.0001));
  // Libreville to Port-Gentil, about 144 km (computed independently).
  CHECK(HaversineMetres({9.4544, 0.3901}, {8.7815, -0.7193}) == Approx(144'277).epsilon(0.0001));
  CHECK(HaversineMetres({10, 0}, {10, 0}) == 0);
}

TEST_CASE("malformed GeoJSON areas are refused naming the field") {
  const auto error_of = [](const char* text) { return ParseGeoJsonArea(nlohmann::json::parse(text)).error(); };
  CHECK(error_of(R"({"type": "Point", "coordinates": [1, 2]})").field == "/type");
  CHECK(error_of(R"({"type": "Polygon"})").field == "/coordinates");
  CHECK(error_of(R"({"type": "Polygon", "coordinates": [], "style": 1})").field == "/style");
  CHECK(error_of(R"({"type": "Polygon", "coordinates": []})").field == "/coordinates");
  const auto open_ring = error_of(R"({"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,1]]]})");
  CHECK(open_ring.field == "/coordinates/0/3");
  CHECK(open_ring.message.find("not closed") != std::string::npos);
  CHECK(error_of(R"({"type": "Polygon", "coordinates": [[[0,0],[1,0],[0,0]]]})").field == "/coordinates/0");
  CHECK(error_of(R"({"type": "Polygon", "coordinates": [[[0,0],[1,"x"],[1,1],[0,0]]]})").field == "/coordinates/0/1");
  CHECK(error_of(R"({"type": "Polygon", "coordinates": [[[0,0],[1,95],[1,1],[0,0]]]})").field == "/coordinates/0/1/1");
  CHECK(error_of(R"({"type": "Polygon", "coordinates": [[[0,0],[181,0],[1,1],[0,0]]]})").field == "/coordinates/0/1/0");
  CHECK(error_of(R"({"type": "MultiPolygon", "coordinates": [[[[0,0],[1,0],[1,1],[0,0]]], []]})").field ==
        "/coordinates/1");
  CHECK(error_of("[]").field == "/");
}
