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
std::vector<http::Route> ReadingRoutes(ApiContext& context);
std::vector<http::Route> ConversationRoutes(ApiContext& context);
std::vector<http::Route> DeclarationRoutes(ApiContext& context);
std::vector<http::Route> TimberRoutes(ApiContext& context);
std::vector<http::Route> CitesRoutes(ApiContext& context);
std::vector<http::Route> CitesExchangeRoutes(ApiContext& context);
std::vector<http::Route> IdentifyRoutes(ApiContext& context);
std::vector<http::Route> GeoRoutes(ApiContext& context);

/// A blocking route whose handler takes the context; POST, PUT and PATCH routes take JSON bodies.
http::Route BindRoute(ApiContext& context, std::string method, std::string pattern, std::string summary,
                      std::vector<std::string> roles, http::Response (*handler)(ApiContext&, http::Request&));

/// Every role: for routes any authenticated client may call.
std::vector<std::string> AnyRole();

/// The OpenAPI 3 document (services/api/openapi.json, embedded at build time).
const std::string& OpenApiDocument();

}  // namespace greenlane::api
