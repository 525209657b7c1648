#include "api/routes.h"

#include "domain/roles.h"

namespace greenlane::api {

std::vector<std::string> AnyRole() { return {std::begin(kKnownRoles), std::end(kKnownRoles)}; }

std::vector<http::Route> MakeRoutes(ApiContext& context) {
  std::vector<http::Route> routes;
  for (auto group : {AuthRoutes, ClientRoutes, AuditRoutes, OperationsRoutes}) {
    for (auto& route : group(context)) routes.push_back(std::move(route));
  }
  return routes;
}

}  // namespace greenlane::api
