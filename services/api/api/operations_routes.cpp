#include "api/routes.h"
#include "greenlane/http/operations.h"
#include "greenlane/http/response.h"

namespace greenlane::api {
namespace {

http::Response Readiness(ApiContext& context) {
  const bool pg_ok = context.pg.Ping();
  const bool redis_ok = context.redis.Ping();
  const nlohmann::json body = {
      {"status", pg_ok && redis_ok ? "ready" : "not ready"},
      {"checks", {{"postgresql", pg_ok ? "ok" : "unreachable"}, {"redis", redis_ok ? "ok" : "unreachable"}}}};
  return http::Response::Json(pg_ok && redis_ok ? 200 : 503, body);
}

}  // namespace

std::vector<http::Route> OperationsRoutes(ApiContext& context) {
  std::vector<http::Route> routes;
  routes.push_back(http::HealthRoute());
  routes.push_back({.method = "GET",
                    .pattern = "/readyz",
                    .summary = "Readiness: PostgreSQL and Redis are reachable",
                    .roles = {},
                    .content_types = {},
                    .non_blocking = false,
                    .handler = [&context](http::Request&) { return Readiness(context); }});
  routes.push_back(http::MetricsRoute([&context] { return metrics::Serialize(context.registry); }));
  routes.push_back(
      {.method = "GET",
       .pattern = "/v1/openapi.json",
       .summary = "This API's OpenAPI 3 document",
       .roles = {},
       .content_types = {},
       .non_blocking = true,
       .handler = [](http::Request&) { return http::Response::Text(200, OpenApiDocument(), "application/json"); }});
  return routes;
}

}  // namespace greenlane::api
