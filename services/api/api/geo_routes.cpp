// The geoportal (issue 3), OGC API - Features style: concessions and transport tracks as GeoJSON,
// relayed to greenlane-timber (ListGeoFeatures). Each collection has its own literal paths so each
// declares its roles: concession maps are public, as the forestry administrations the design
// follows publish them; transports show where trucks and their loads move, so only officers,
// analysts and admins see them.
#include <cctype>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>

#include "api/routes.h"
#include "api/service_call.h"
#include "greenlane/v1/timber.grpc.pb.h"

namespace greenlane::api {
namespace {

constexpr std::string_view kPrefix = "/v1/geo/collections";
constexpr std::string_view kGeoJson = "application/geo+json";

struct Collection {
  std::string_view id;
  std::string_view title;
  std::string_view description;
  std::vector<std::string> roles;
};

const std::vector<Collection>& Collections() {
  static const std::vector<Collection> collections = {
      {"concessions",
       "Forest concessions",
       "Concession polygons with their operator and validity; datetime matches the validity",
       {}},
      {"transports",
       "Timber transports",
       "GPS tracks of delivered transport permits as LineStrings; datetime matches the track's time span",
       {"officer", "analyst", "admin"}}};
  return collections;
}

std::string Path(std::string_view id, std::string_view tail = {}) {
  std::string path(kPrefix);
  path.append("/").append(id).append(tail);
  return path;
}

nlohmann::json Link(std::string_view rel, std::string_view type, const std::string& href) {
  return {{"rel", rel}, {"type", type}, {"href", href}};
}

nlohmann::json CollectionJson(const Collection& c) {
  return {{"id", c.id},
          {"title", c.title},
          {"description", c.description},
          {"itemType", "feature"},
          {"crs", {"http://www.opengis.net/def/crs/OGC/1.3/CRS84"}},
          {"links", {Link("self", "application/json", Path(c.id)), Link("items", kGeoJson, Path(c.id, "/items"))}}};
}

// A query parameter value percent-encoded (RFC 3986 unreserved characters kept).
std::string Encode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out.append("%").append(1, kHex[c >> 4]).append(1, kHex[c & 0xf]);
    }
  }
  return out;
}

std::string ItemsHref(std::string_view id, const std::map<std::string, std::string>& query) {
  std::string href = Path(id, "/items");
  char separator = '?';
  for (const auto& [name, value] : query) {
    href.append(1, separator).append(name).append("=").append(Encode(value));
    separator = '&';
  }
  return href;
}

http::Response Items(ApiContext& context, const Collection& collection, http::Request& request) {
  v1::TimberGeoFeaturesRequest message;
  message.set_collection(std::string(collection.id));
  for (const auto& [name, value] : request.query) {
    if (name == "bbox") {
      message.set_bbox(value);
    } else if (name == "datetime") {
      message.set_datetime(value);
    } else if (name == "page_token") {
      message.set_page_token(value);
    } else if (name == "limit") {
      int limit = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), limit);
      if (ec != std::errc() || end != value.data() + value.size()) {
        return http::Problem(core::Error::InvalidArgument("limit", "'" + value + "' is not a whole number (1 to 1000)"),
                             request.path);
      }
      message.set_limit(limit);
    } else {
      return http::Problem(core::Error::InvalidArgument(name, "is not a parameter of " + std::string(collection.id) +
                                                                  " items (bbox, datetime, limit, page_token)"),
                           request.path);
    }
  }
  const auto& service = context.downstream.timber;
  if (!service.channel) return NotConfigured(service, request);
  grpc::ClientContext call;
  PrepareCall(call, context.downstream, request);
  v1::TimberService::Stub stub(service.channel);
  v1::TimberGeoFeatures reply;
  const auto status = stub.ListGeoFeatures(&call, message, &reply);
  if (!status.ok()) return Answer(status, reply, request.path);

  auto features = nlohmann::json::array();
  for (const auto& feature : reply.features()) {
    features.push_back({{"type", "Feature"},
                        {"id", feature.id()},
                        {"geometry", nlohmann::json::parse(feature.geometry_geojson())},
                        {"properties", nlohmann::json::parse(feature.properties_json())}});
  }
  auto links = nlohmann::json::array({Link("self", kGeoJson, ItemsHref(collection.id, request.query)),
                                      Link("collection", "application/json", Path(collection.id))});
  if (!reply.next_page_token().empty()) {
    auto next = request.query;
    next["page_token"] = reply.next_page_token();
    links.push_back(Link("next", kGeoJson, ItemsHref(collection.id, next)));
  }
  auto response = http::Response::Json(200, {{"type", "FeatureCollection"},
                                             {"features", std::move(features)},
                                             {"numberMatched", reply.number_matched()},
                                             {"numberReturned", reply.features_size()},
                                             {"links", std::move(links)}});
  response.content_type = std::string(kGeoJson);
  return response;
}

}  // namespace

std::vector<http::Route> GeoRoutes(ApiContext& context) {
  std::vector<http::Route> routes;
  routes.push_back(
      {.method = "GET",
       .pattern = std::string(kPrefix),
       .summary = "The geoportal's feature collections (OGC API - Features)",
       .roles = {},
       .content_types = {},
       .non_blocking = true,
       .handler = [](http::Request&) {
         auto collections = nlohmann::json::array();
         for (const auto& c : Collections()) collections.push_back(CollectionJson(c));
         return http::Response::Json(
             200, {{"collections", collections}, {"links", {Link("self", "application/json", std::string(kPrefix))}}});
       }});
  for (const auto& collection : Collections()) {
    routes.push_back(
        {.method = "GET",
         .pattern = Path(collection.id),
         .summary = "The " + std::string(collection.id) + " collection",
         .roles = collection.roles,
         .content_types = {},
         .non_blocking = true,
         .handler = [&collection](http::Request&) { return http::Response::Json(200, CollectionJson(collection)); }});
    routes.push_back(
        {.method = "GET",
         .pattern = Path(collection.id, "/items"),
         .summary = "Features of " + std::string(collection.id) +
                    " as GeoJSON, by bbox and datetime, with limit and next links",
         .roles = collection.roles,
         .content_types = {},
         .non_blocking = false,
         .handler = [&context, &collection](http::Request& request) { return Items(context, collection, request); }});
  }
  return routes;
}

}  // namespace greenlane::api
