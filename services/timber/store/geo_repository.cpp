#include "store/geo_repository.h"

#include "store/sql_time.h"

namespace greenlane::timber::store {
namespace {

constexpr const char* kConcessions = "timber_geo_concessions";
constexpr const char* kConcessionsSql =
    "SELECT id::text, name, operator_id::text, geometry, (extract(epoch FROM valid_from) * 1000000)::bigint, "
    "(extract(epoch FROM valid_until) * 1000000)::bigint FROM timber.concessions ORDER BY id";

// Each delivered waybill's track, reduced to its bounds and time span, then filtered. Empty text
// parameters are open filters.
constexpr const char* kMatchedTracks =
    "WITH tracks AS (SELECT waybill, min(longitude) AS min_lon, min(latitude) AS min_lat, max(longitude) AS max_lon, "
    "max(latitude) AS max_lat, min(at) AS t0, max(at) AS t1, count(*) AS points "
    "FROM timber.waybill_track_points GROUP BY waybill), "
    "matched AS (SELECT * FROM tracks WHERE (NULLIF($1, '') IS NULL OR (max_lon >= NULLIF($1, '')::float8 AND "
    "min_lon <= NULLIF($3, '')::float8 AND max_lat >= NULLIF($2, '')::float8 AND min_lat <= NULLIF($4, '')::float8)) "
    "AND (NULLIF($5, '') IS NULL OR t1 >= NULLIF($5, '')::timestamptz) AND (NULLIF($6, '') IS NULL OR t0 <= NULLIF($6, "
    "'')::timestamptz)) ";

constexpr const char* kTransportCount = "timber_geo_transport_count";
constexpr const char* kTransportPage = "timber_geo_transport_page";
constexpr const char* kTrackPoints = "timber_geo_track_points";
constexpr const char* kTrackPointsSql =
    "SELECT waybill, longitude, latitude FROM timber.waybill_track_points WHERE waybill = ANY($1::text[]) "
    "ORDER BY waybill, seq";

std::string CountSql() { return std::string(kMatchedTracks) + "SELECT count(*) FROM matched"; }

std::string PageSql() {
  return std::string(kMatchedTracks) +
         "SELECT w.barcode, w.state, w.vehicle, w.origin_site_id::text, w.destination_site_id::text, "
         "(extract(epoch FROM m.t0) * 1000000)::bigint, (extract(epoch FROM m.t1) * 1000000)::bigint, m.points "
         "FROM matched m JOIN timber.waybills w ON w.barcode = m.waybill WHERE m.waybill > $7 "
         "ORDER BY m.waybill LIMIT $8";
}

std::string Rfc3339(std::int64_t micros) { return core::FormatRfc3339(TimeFromMicros(micros), 0); }

std::string Text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.9f", value);
  return buffer;
}

std::string TimeText(const std::optional<core::TimePoint>& time) { return time ? SqlTime(*time) : std::string(); }

}  // namespace

std::vector<std::pair<std::string, std::string>> GeoRepository::PreparedStatements() {
  return {{kConcessions, kConcessionsSql},
          {kTransportCount, CountSql()},
          {kTransportPage, PageSql()},
          {kTrackPoints, kTrackPointsSql}};
}

GeoPage GeoRepository::Concessions(const GeoQuery& query) {
  auto connection = context_.pool.Acquire();
  pqxx::read_transaction tx(*connection);
  GeoPage page;
  for (const auto& row : tx.exec_prepared(kConcessions)) {
    auto geometry = nlohmann::json::parse(row[3].c_str());
    auto area = ParseGeoJsonArea(geometry);
    if (!area.ok()) continue;  // refused at registration; never stored
    const auto valid_from = TimeFromMicros(row[4].as<std::int64_t>());
    const auto valid_until = TimeFromMicros(row[5].as<std::int64_t>());
    // valid_until is exclusive: the last valid instant is a microsecond before it.
    if (!query.datetime.Intersects(valid_from, valid_until - std::chrono::microseconds(1))) continue;
    if (query.bbox && !query.bbox->Intersects(BoundsOf(*area))) continue;
    ++page.number_matched;
    const auto id = row[0].as<std::string>();
    if (id <= query.after && !query.after.empty()) continue;
    if (static_cast<int>(page.features.size()) == query.limit) {
      page.more = true;
      continue;
    }
    page.features.push_back({id,
                             std::move(geometry),
                             {{"name", row[1].as<std::string>()},
                              {"operator_id", row[2].as<std::string>()},
                              {"valid_from", core::FormatRfc3339(valid_from, 0)},
                              {"valid_until", core::FormatRfc3339(valid_until, 0)}}});
  }
  return page;
}

GeoPage GeoRepository::Transports(const GeoQuery& query) {
  const auto& box = query.bbox;
  const std::string min_lon = box ? Text(box->min_lon) : "", min_lat = box ? Text(box->min_lat) : "",
                    max_lon = box ? Text(box->max_lon) : "", max_lat = box ? Text(box->max_lat) : "";
  const auto start = TimeText(query.datetime.start), end = TimeText(query.datetime.end);
  auto connection = context_.pool.Acquire();
  pqxx::read_transaction tx(*connection);
  GeoPage page;
  page.number_matched =
      tx.exec_prepared(kTransportCount, min_lon, min_lat, max_lon, max_lat, start, end)[0][0].as<std::int64_t>();
  const auto rows =
      tx.exec_prepared(kTransportPage, min_lon, min_lat, max_lon, max_lat, start, end, query.after, query.limit + 1);
  std::string numbers = "{";
  for (const auto& row : rows) {
    if (static_cast<int>(page.features.size()) == query.limit) {
      page.more = true;
      break;
    }
    const auto number = row[0].as<std::string>();
    numbers.append(numbers.size() > 1 ? "," : "").append(number);
    page.features.push_back({number,
                             {{"type", "LineString"}, {"coordinates", nlohmann::json::array()}},
                             {{"number", number},
                              {"state", row[1].as<std::string>()},
                              {"vehicle", row[2].as<std::string>()},
                              {"origin_site_id", row[3].as<std::string>()},
                              {"destination_site_id", row[4].as<std::string>()},
                              {"track_start", Rfc3339(row[5].as<std::int64_t>())},
                              {"track_end", Rfc3339(row[6].as<std::int64_t>())},
                              {"points", row[7].as<std::int64_t>()}}});
  }
  numbers += "}";
  std::size_t at = 0;
  for (const auto& point : tx.exec_prepared(kTrackPoints, numbers)) {
    while (page.features[at].id != point[0].c_str()) ++at;
    page.features[at].geometry["coordinates"].push_back({point[1].as<double>(), point[2].as<double>()});
  }
  // A LineString needs two positions; a track of one fix is a Point.
  for (auto& feature : page.features) {
    auto& coordinates = feature.geometry["coordinates"];
    if (coordinates.size() == 1) feature.geometry = {{"type", "Point"}, {"coordinates", coordinates[0]}};
  }
  return page;
}

}  // namespace greenlane::timber::store
