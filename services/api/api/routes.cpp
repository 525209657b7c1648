#include "api/routes.h"

#include "domain/roles.h"

namespace greenlane::api {

std::vector<std::string> AnyRole() { return {std::begin(kKnownRoles), std::end(kKnownRoles)}; }

std::vector<http::Route> MakeRoutes(ApiContext& context) {
  std::vector<http::Route> routes;
  for (auto group : {AuthRoutes, ClientRoutes, AuditRoutes, OperationsRoutes, ReadingRoutes, ConversationRoutes,
                     DeclarationRoutes, TimberRoutes, CitesRoutes, CitesExchangeRoutes, IdentifyRoutes, GeoRoutes}) {
    for (auto& route : group(context)) routes.push_back(std::move(route));
  }
  return routes;
}

http::Route BindRoute(ApiContext& context, std::string method, std::string pattern, std::string summary,
                      std::vector<std::string> roles, http::Response (*handler)(ApiContext&, http::Request&)) {
  const bool has_body = method == "POST" || method == "PUT" || method == "PATCH";
  return {.method = std::move(method),
          .pattern = std::move(pattern),
          .summary = std::move(summary),
          .roles = std::move(roles),
          .content_types = has_body ? std::vector<std::string>{"application/json"} : std::vector<std::string>{},
          .non_blocking = false,
          .handler = [&context, handler](http::Request& request) { return handler(context, request); }};
}

}  // namespace greenlane::api
