#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/geo_query.h"
#include "store/context.h"

namespace greenlane::timber::store {

/// One feature of a geoportal collection.
struct GeoFeature {
  std::string id;
  nlohmann::json geometry;
  nlohmann::json properties;
};

/// The filters and page of an items query (already validated: limit 1..kMaxLimit).
struct GeoQuery {
  std::optional<BoundingBox> bbox;
  TimeInterval datetime;
  int limit = 10;
  std::string after;  ///< the last id of the previous page; empty for the first
};

struct GeoPage {
  std::vector<GeoFeature> features;  ///< ordered by id
  std::int64_t number_matched = 0;   ///< every feature matching the filters, on every page
  bool more = false;                 ///< another page follows the last feature
};

/// The geoportal's reads: concessions (their polygons, matched by validity) and transports (the GPS
/// tracks recorded at delivery, matched by their time span), filtered by bounding box, keyset-paged
/// by id. Each query reads one snapshot, so number_matched agrees with the page.
class GeoRepository {
 public:
  static constexpr int kMaxLimit = 1000;

  explicit GeoRepository(const StoreContext& context) : context_(context) {}

  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// Concessions are a registry (hundreds per country), filtered in memory against their polygons' bounds.
  GeoPage Concessions(const GeoQuery& query);
  /// Transports are filtered in SQL on their tracks' bounds and time span.
  GeoPage Transports(const GeoQuery& query);

 private:
  const StoreContext& context_;
};

}  // namespace greenlane::timber::store
