// The geoportal routes of the facade (OGC API - Features style) against a real greenlane-timber
// process: the public maps concessions, officers and analysts follow trucks' tracks.
#include <catch2/catch.hpp>

#include "timber_process.h"

using Catch::Matchers::Contains;
using greenlane::testing::ApiStack;
using greenlane::testing::TimberProcess;
using greenlane::testing::TimberRegistry;
using Headers = std::vector<std::pair<std::string, std::string>>;

namespace {

nlohmann::json Json(const greenlane::http::ClientResponse& response) { return nlohmann::json::parse(response.body); }

// Today at `hour` UTC when that has passed, else yesterday: a daytime time in the recent past.
std::string RecentDaytime(int hour) {
  const auto now = std::chrono::system_clock::now();
  auto day = std::chrono::floor<std::chrono::days>(now) + std::chrono::hours(hour);
  if (day > now) day -= std::chrono::days(1);
  return greenlane::core::FormatRfc3339(day, 0);
}

std::string Later(const std::string& rfc3339, std::chrono::minutes minutes) {
  return greenlane::core::FormatRfc3339(*greenlane::core::ParseRfc3339(rfc3339) + minutes, 0);
}

// The registry with a second, expired concession, and one truck delivered from the camp east to the
// sawmill along a four-point track, all through the facade's timber routes.
struct GeoScenario {
  TimberProcess timber;
  ApiStack stack = timber.Facade();
  TimberRegistry registry{stack};
  Headers& officer = registry.officer;
  greenlane::http::Client& client = registry.client;
  std::string& concession_id = registry.concession_id;

  GeoScenario() {
    registry.Concession("Expired Sud", 9.0, "2000-01-01T00:00:00Z", "2010-01-01T00:00:00Z");
    const auto tree = "TR-GA-000000001-E", log = "LG-GA-000000001-5", waybill = "WB-GA-000000001-O";
    const nlohmann::json camp = {{"longitude", 11.1}, {"latitude", -0.5}};
    registry.Post("/v1/timber/trees", {{"barcode", tree},
                                       {"concession_id", concession_id},
                                       {"species", "Aucoumea klaineana"},
                                       {"dbh_cm", 100},
                                       {"bole_height_cm", 2000},
                                       {"location", camp}});
    registry.Post(std::string("/v1/timber/trees/") + tree + "/fell",
                  {{"stump", "ST-GA-000000001-E"}, {"felled_at", RecentDaytime(8)}, {"location", camp}}, 200);
    registry.Post(std::string("/v1/timber/pieces/") + tree + "/logs", {{"site_id", registry.forest_id},
                                                                       {"logs",
                                                                        {{{"barcode", log},
                                                                          {"species", "Aucoumea klaineana"},
                                                                          {"butt_diameter_cm", 40},
                                                                          {"top_diameter_cm", 40},
                                                                          {"length_cm", 100}}}}});
    const auto issued_at = RecentDaytime(9);
    registry.Post("/v1/timber/waybills", {{"number", waybill},
                                          {"origin_site_id", registry.forest_id},
                                          {"destination_site_id", registry.sawmill_id},
                                          {"vehicle", "GA-1234-AB"},
                                          {"driver", "Jean Mba"},
                                          {"items", {log}},
                                          {"issued_at", issued_at},
                                          {"photo_refs", {"p/1.jpg", "p/2.jpg", "p/3.jpg"}}});
    registry.Post(std::string("/v1/timber/waybills/") + waybill + "/depart",
                  {{"departed_at", Later(issued_at, std::chrono::minutes(10))}}, 200);
    nlohmann::json track = nlohmann::json::array();
    for (int i = 0; i < 4; ++i) {
      track.push_back({{"at", Later(issued_at, std::chrono::minutes(10 + 30 * i))},
                       {"position", {{"longitude", 11.1 + 0.1 * i}, {"latitude", -0.5}}}});
    }
    registry.Post(std::string("/v1/timber/waybills/") + waybill + "/deliver",
                  {{"arrived_at", Later(issued_at, std::chrono::minutes(120))}, {"track", track}}, 200);
  }
};

}  // namespace

TEST_CASE("the public maps concessions as GeoJSON with OGC paging, officers and analysts follow tracks") {
  GeoScenario s;
  auto& client = s.client;

  auto collections = client.Send("GET", "/v1/geo/collections", "", {});
  REQUIRE(collections.status == 200);
  CHECK(Json(collections)["collections"].size() == 2);
  auto transports_meta = client.Send("GET", "/v1/geo/collections/transports", "", s.officer);
  REQUIRE(transports_meta.status == 200);
  CHECK(Json(transports_meta)["links"][1]["href"] == "/v1/geo/collections/transports/items");

  auto all = client.Send("GET", "/v1/geo/collections/concessions/items", "", {});
  INFO(all.body);
  REQUIRE(all.status == 200);
  CHECK(all.headers["content-type"].find("application/geo+json") == 0);
  const auto page = Json(all);
  CHECK(page["type"] == "FeatureCollection");
  CHECK(page["numberMatched"] == 2);
  CHECK(page["numberReturned"] == 2);
  CHECK(page["features"][0]["type"] == "Feature");
  CHECK(page["features"][0]["geometry"]["type"] == "Polygon");

  auto current =
      Json(client.Send("GET", "/v1/geo/collections/concessions/items?datetime=2026-06-01T00:00:00Z", "", {}));
  REQUIRE(current["numberMatched"] == 1);
  CHECK(current["features"][0]["id"] == s.concession_id);
  CHECK(current["features"][0]["properties"]["name"] == "Ogooue Nord");
  auto east = Json(client.Send("GET", "/v1/geo/collections/concessions/items?bbox=10.5,-1,12,0", "", {}));
  CHECK(east["numberMatched"] == 1);

  auto first = Json(client.Send("GET", "/v1/geo/collections/concessions/items?limit=1", "", {}));
  CHECK(first["numberReturned"] == 1);
  CHECK(first["numberMatched"] == 2);
  std::string next;
  for (const auto& link : first["links"]) {
    if (link["rel"] == "next") next = link["href"];
  }
  REQUIRE_FALSE(next.empty());
  CHECK_THAT(next, Contains("limit=1"));
  auto second = Json(client.Send("GET", next, "", {}));
  CHECK(second["numberReturned"] == 1);
  CHECK(second["features"][0]["id"] != first["features"][0]["id"]);
  for (const auto& link : second["links"]) CHECK(link["rel"] != "next");

  CHECK(client.Send("GET", "/v1/geo/collections/transports/items", "", {}).status == 401);
  const auto trader = ApiStack::Bearer(s.stack.Token(s.stack.CreateClient("trader-geo", {"trader"})));
  CHECK(client.Send("GET", "/v1/geo/collections/transports/items", "", trader).status == 403);
  const auto analyst = ApiStack::Bearer(s.stack.Token(s.stack.CreateClient("analyst-geo", {"analyst"})));
  auto tracks = client.Send("GET", "/v1/geo/collections/transports/items?bbox=11.25,-1,12,0", "", analyst);
  INFO(tracks.body);
  REQUIRE(tracks.status == 200);
  const auto truck = Json(tracks)["features"][0];
  CHECK(truck["id"] == "WB-GA-000000001-O");
  CHECK(truck["geometry"]["type"] == "LineString");
  CHECK(truck["geometry"]["coordinates"].size() == 4);
  CHECK(truck["properties"]["vehicle"] == "GA-1234-AB");
  CHECK(Json(client.Send("GET", "/v1/geo/collections/transports/items?bbox=0,0,1,1", "", analyst))["numberMatched"] ==
        0);
}

TEST_CASE("bad geoportal queries are refused naming the parameter") {
  TimberProcess timber;
  auto stack = timber.Facade();
  auto client = stack.Connect();
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"bbox=1,2,3", "bbox"},
           {"bbox=a,b,c,d", "bbox"},
           {"bbox=12,0,11,1", "bbox"},
           {"datetime=yesterday", "datetime"},
           {"datetime=2026-03-10T00:00:00Z/2026-03-01T00:00:00Z", "datetime"},
           {"limit=abc", "limit"},
           {"limit=5000", "limit"},
           {"limit=0x10", "limit"},
           {"colour=red", "colour"},
           {"page_token=nope", "page_token"}}) {
    auto response = client.Send("GET", "/v1/geo/collections/concessions/items?" + query, "", {});
    INFO(query << " " << response.body);
    CHECK(response.status == 400);
    CHECK(Json(response)["field"] == field);
  }
  CHECK(client.Send("GET", "/v1/geo/collections/rivers/items", "", {}).status == 404);
}
