#include "api/geo_features.h"

#include "domain/barcode.h"
#include "greenlane/core/uuid.h"

namespace greenlane::timber {
namespace {

constexpr int kDefaultLimit = 10;

core::Status CheckPageToken(const std::string& collection, const std::string& token) {
  if (token.empty()) return core::Status::Ok();
  const bool ok = collection == "concessions"
                      ? core::Uuid::Parse(token).has_value()
                      : Barcode::Parse(token).ok() && Barcode::Parse(token)->kind() == BarcodeKind::kWaybill;
  if (ok) return core::Status::Ok();
  return core::Error::InvalidArgument("page_token", "'" + token + "' is not a page token of " + collection +
                                                        "; follow the next link of the previous page");
}

}  // namespace

core::Status ListGeoFeatures(store::GeoRepository& geo, const v1::TimberGeoFeaturesRequest& q,
                             const rpc::Caller& caller, v1::TimberGeoFeatures* r) {
  const auto& collection = q.collection();
  if (collection != "concessions" && collection != "transports") {
    return core::Error::NotFound("no collection '" + collection + "'; the collections are concessions and transports");
  }
  if (collection == "transports" && !caller.HasRole("officer") && !caller.HasRole("analyst") &&
      !caller.HasRole("admin")) {
    return core::Error::PermissionDenied("the transports collection is for officers, analysts and admins; client '" +
                                         caller.actor + "' has none of these roles");
  }
  auto bbox = ParseBbox(q.bbox());
  if (!bbox.ok()) return bbox.error();
  auto datetime = ParseDatetime(q.datetime());
  if (!datetime.ok()) return datetime.error();
  if (q.limit() < 0 || q.limit() > store::GeoRepository::kMaxLimit) {
    return core::Error::InvalidArgument(
        "limit", std::to_string(q.limit()) + " is not 1 to " + std::to_string(store::GeoRepository::kMaxLimit));
  }
  if (auto s = CheckPageToken(collection, q.page_token()); !s.ok()) return s;
  const store::GeoQuery query{.bbox = *bbox,
                              .datetime = *datetime,
                              .limit = q.limit() == 0 ? kDefaultLimit : q.limit(),
                              .after = q.page_token()};
  const auto page = collection == "concessions" ? geo.Concessions(query) : geo.Transports(query);
  for (const auto& feature : page.features) {
    auto* out = r->add_features();
    out->set_id(feature.id);
    out->set_geometry_geojson(feature.geometry.dump());
    out->set_properties_json(feature.properties.dump());
  }
  r->set_number_matched(page.number_matched);
  if (page.more) r->set_next_page_token(page.features.back().id);
  return core::Status::Ok();
}

}  // namespace greenlane::timber
