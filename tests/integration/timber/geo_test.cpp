#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "service_fixture.h"

using namespace greenlane;
using namespace greenlane::timber;
using namespace greenlane::timber::testing;
using Stub = v1::TimberService::Stub;

namespace {

const As kAnalyst{"analyst-1", {"analyst"}};
const As kPublic{"", {}};

struct GeoFixture : TimberServiceFixture {
  std::string second_concession;

  GeoFixture() {
    second_concession =
        db.concessions
            .CreateConcession(
                {.operator_id = db.operator_id,
                 .name = "Ngounie Sud",
                 .geometry = {{"type", "Polygon"},
                              {"coordinates", {{{10.0, -2.0}, {10.5, -2.0}, {10.5, -1.5}, {10.0, -2.0}}}}},
                 .valid_from = At("2020-01-01T00:00:00Z"),
                 .valid_until = At("2025-01-01T00:00:00Z"),
                 .allowable_cuts = {}},
                db.officer)
            ->id;
  }

  // A delivered waybill whose truck drove east from the forest camp along `track` (longitudes).
  void Transport(std::int64_t serial, const std::vector<double>& track) {
    const auto logs = db.LogsAtForest(1, serial);
    const auto number = Tag(BarcodeKind::kWaybill, serial);
    REQUIRE(db.waybills
                .Issue({.barcode = number,
                        .origin_site_id = db.forest_id,
                        .destination_site_id = db.sawmill_id,
                        .vehicle = "GA-1234-AB",
                        .driver = "Jean Mba",
                        .items = logs,
                        .issued_at = At("2026-03-10T10:00:00Z"),
                        .photo_refs = kServicePhotos},
                       db.officer)
                .ok());
    REQUIRE(db.waybills.Depart(number, At("2026-03-10T10:30:00Z"), db.officer).ok());
    std::vector<TrackPoint> points;
    auto at = At("2026-03-10T10:30:00Z");
    for (const double lon : track) {
      points.push_back({at, {lon, -0.5}});
      at += std::chrono::minutes(30);
    }
    REQUIRE(db.waybills.Deliver(number, At("2026-03-10T14:00:00Z"), points, db.officer).ok());
  }

  grpc::Status Items(v1::TimberGeoFeaturesRequest request, v1::TimberGeoFeatures* out, const As& as = kAnalyst) {
    return Call(&Stub::ListGeoFeatures, request, out, as);
  }
};

v1::TimberGeoFeaturesRequest Query(const std::string& collection, const std::string& bbox = {},
                                   const std::string& datetime = {}, int limit = 0) {
  v1::TimberGeoFeaturesRequest request;
  request.set_collection(collection);
  request.set_bbox(bbox);
  request.set_datetime(datetime);
  request.set_limit(limit);
  return request;
}

}  // namespace

TEST_CASE("concessions are public features filtered by bbox and validity, paged with numberMatched") {
  GeoFixture f;
  v1::TimberGeoFeatures all;
  REQUIRE(f.Items(Query("concessions"), &all, kPublic).ok());
  CHECK(all.number_matched() == 2);
  REQUIRE(all.features_size() == 2);
  const auto geometry = nlohmann::json::parse(all.features(0).geometry_geojson());
  CHECK(geometry["type"] == "Polygon");
  const auto properties = nlohmann::json::parse(all.features(0).properties_json());
  CHECK(properties.contains("name"));

  v1::TimberGeoFeatures near_camp;
  REQUIRE(f.Items(Query("concessions", "11.05,-0.55,11.1,-0.5"), &near_camp).ok());
  REQUIRE(near_camp.features_size() == 1);
  CHECK(near_camp.features(0).id() == f.db.concession_id);

  v1::TimberGeoFeatures in_2022;
  REQUIRE(f.Items(Query("concessions", "", "2022-06-01T00:00:00Z"), &in_2022).ok());
  REQUIRE(in_2022.features_size() == 1);
  CHECK(in_2022.features(0).id() == f.second_concession);

  v1::TimberGeoFeatures first;
  REQUIRE(f.Items(Query("concessions", "", "", 1), &first).ok());
  CHECK(first.features_size() == 1);
  CHECK(first.number_matched() == 2);
  REQUIRE_FALSE(first.next_page_token().empty());
  auto next = Query("concessions", "", "", 1);
  next.set_page_token(first.next_page_token());
  v1::TimberGeoFeatures second;
  REQUIRE(f.Items(next, &second).ok());
  REQUIRE(second.features_size() == 1);
  CHECK(second.features(0).id() != first.features(0).id());
  CHECK(second.next_page_token().empty());
  CHECK(second.number_matched() == 2);
}

TEST_CASE("transports are GPS tracks as LineStrings, for officers and analysts only") {
  GeoFixture f;
  f.Transport(10, {11.1, 11.2, 11.3, 11.5});
  f.Transport(20, {11.1, 11.15});

  v1::TimberGeoFeatures tracks;
  REQUIRE(f.Items(Query("transports"), &tracks).ok());
  CHECK(tracks.number_matched() == 2);
  REQUIRE(tracks.features_size() == 2);
  const auto line = nlohmann::json::parse(tracks.features(0).geometry_geojson());
  CHECK(line["type"] == "LineString");
  CHECK(line["coordinates"].size() == 4);
  CHECK(line["coordinates"][3][0] == 11.5);

  v1::TimberGeoFeatures east;
  REQUIRE(f.Items(Query("transports", "11.4,-1,12,0"), &east).ok());
  REQUIRE(east.features_size() == 1);
  CHECK(east.features(0).id() == Tag(BarcodeKind::kWaybill, 10));

  v1::TimberGeoFeatures later;
  REQUIRE(f.Items(Query("transports", "", "2026-03-11T00:00:00Z/.."), &later).ok());
  CHECK(later.number_matched() == 0);

  v1::TimberGeoFeatures hidden;
  CHECK(f.Items(Query("transports"), &hidden, kPublic).error_code() == grpc::StatusCode::PERMISSION_DENIED);
  CHECK(f.Items(Query("transports"), &hidden, kTraderA).error_code() == grpc::StatusCode::PERMISSION_DENIED);
}

TEST_CASE("bad filters name the parameter") {
  GeoFixture f;
  v1::TimberGeoFeatures out;
  for (const auto& [request, field] :
       std::vector<std::pair<v1::TimberGeoFeaturesRequest, std::string>>{{Query("concessions", "1,2,3"), "bbox"},
                                                                         {Query("concessions", "", "soon"), "datetime"},
                                                                         {Query("concessions", "", "", 5000), "limit"},
                                                                         {Query("concessions", "", "", -1), "limit"}}) {
    const auto status = f.Items(request, &out);
    CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
    CHECK_THAT(status.error_message(), Catch::Contains(field));
  }
  auto token = Query("transports");
  token.set_page_token("not-a-waybill");
  CHECK(f.Items(token, &out).error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(f.Items(Query("rivers"), &out).error_code() == grpc::StatusCode::NOT_FOUND);
}
