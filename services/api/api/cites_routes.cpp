// CITES permits (issue 5), relayed to greenlane-cites.
#include "api/routes.h"

namespace greenlane::api {

std::vector<http::Route> CitesRoutes(ApiContext& /*context*/) { return {}; }

}  // namespace greenlane::api
