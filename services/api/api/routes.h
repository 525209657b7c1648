#pragma once

#include <string>
#include <vector>

#include "api/context.h"
#include "greenlane/http/router.h"

namespace greenlane::api {

/// Every route of greenlane-api. The OpenAPI document must list exactly these (a test checks).
std::vector<http::Route> MakeRoutes(ApiContext& context);

// One group of routes per file.
std::vector<http::Route> AuthRoutes(ApiContext& context);
std::vector<http::Route> AuditRoutes(ApiContext& context);
std::vector<http::Route> ClientRoutes(ApiContext& context);
std::vector<http::Route> OperationsRoutes(ApiContext& context);

/// Every role: for routes any authenticated client may call.
std::vector<std::string> AnyRole();

/// The OpenAPI 3 document (services/api/openapi.json, embedded at build time).
const std::string& OpenApiDocument();

}  // namespace greenlane::api
