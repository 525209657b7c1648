#include "domain/geo_query.h"

#include <catch2/catch.hpp>

using namespace greenlane;
using namespace greenlane::timber;

TEST_CASE("bbox is four WGS 84 numbers, west to east and south to north") {
  const auto box = ParseBbox("11.0,-0.6,11.2,-0.4");
  REQUIRE(box.ok());
  REQUIRE(box->has_value());
  CHECK((*box)->min_lon == 11.0);
  CHECK((*box)->max_lat == -0.4);
  CHECK_FALSE(ParseBbox("")->has_value());

  for (const auto* bad : {"11,-0.6,11.2", "11,-0.6,11.2,-0.4,0,100", "a,b,c,d", "11,,11.2,-0.4", "11,-0.6,11.2,-0.4,",
                          "190,0,191,1", "0,-91,1,1", "0,1,1,0", "12,0,11,1", "nan,0,1,1"}) {
    INFO(bad);
    const auto parsed = ParseBbox(bad);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().field == "bbox");
  }
}

TEST_CASE("boxes intersect when they share any point, edges included") {
  const BoundingBox concession{11.0, -0.6, 11.2, -0.4};
  CHECK(concession.Intersects({11.1, -0.5, 12, 0}));
  CHECK(concession.Intersects({11.2, -0.4, 12, 0}));
  CHECK_FALSE(concession.Intersects({11.3, -0.5, 12, 0}));
  CHECK_FALSE(concession.Intersects({11.0, -0.3, 11.2, 0}));
  const Area area{{{{{11, -0.6}, {11.2, -0.6}, {11.2, -0.4}, {11, -0.6}}, {}}}};
  const auto bounds = BoundsOf(area);
  CHECK(bounds.min_lon == 11.0);
  CHECK(bounds.max_lon == 11.2);
  CHECK(bounds.min_lat == -0.6);
  CHECK(bounds.max_lat == -0.4);
}

TEST_CASE("datetime is an instant or an interval with open ends") {
  const auto at = [](const char* text) { return *core::ParseRfc3339(text); };
  const auto instant = ParseDatetime("2026-03-10T10:00:00Z");
  REQUIRE(instant.ok());
  CHECK(instant->start == at("2026-03-10T10:00:00Z"));
  CHECK(instant->end == at("2026-03-10T10:00:00Z"));
  const auto open_start = ParseDatetime("../2026-03-10T10:00:00Z");
  REQUIRE(open_start.ok());
  CHECK_FALSE(open_start->start.has_value());
  const auto open_end = ParseDatetime("2026-03-10T10:00:00Z/");
  REQUIRE(open_end.ok());
  CHECK_FALSE(open_end->end.has_value());

  const auto march = *ParseDatetime("2026-03-01T00:00:00Z/2026-03-31T23:59:59Z");
  CHECK(march.Intersects(at("2026-02-01T00:00:00Z"), at("2026-03-01T00:00:00Z")));
  CHECK_FALSE(march.Intersects(at("2026-04-01T00:00:00Z"), std::nullopt));
  CHECK_FALSE(march.Intersects(std::nullopt, at("2026-02-28T00:00:00Z")));
  CHECK(TimeInterval{}.Intersects(at("1999-01-01T00:00:00Z"), at("1999-01-02T00:00:00Z")));

  for (const auto* bad : {"yesterday", "2026-03-10", "../..", "..", "2026-03-10T00:00:00Z/2026-03-01T00:00:00Z",
                          "2026-03-01T00:00:00Z/2026-03-02T00:00:00Z/2026-03-03T00:00:00Z"}) {
    INFO(bad);
    const auto parsed = ParseDatetime(bad);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().field == "datetime");
  }
}
