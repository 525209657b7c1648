// The geoportal (issue 3), OGC API - Features style: concessions and transport tracks as GeoJSON,
// relayed to greenlane-timber.
#include "api/routes.h"

namespace greenlane::api {

std::vector<http::Route> GeoRoutes(ApiContext& /*context*/) { return {}; }

}  // namespace greenlane::api
