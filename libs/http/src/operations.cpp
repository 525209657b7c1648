#include "greenlane/http/operations.h"

#include "greenlane/http/response.h"

namespace greenlane::http {

Route HealthRoute() {
  return {.method = "GET",
          .pattern = "/healthz",
          .summary = "Liveness: the process is up",
          .roles = {},
          .content_types = {},
          .non_blocking = true,
          .handler = [](Request&) {
            return Response::Json(200, {{"status", "ok"}});
          }};
}

Route MetricsRoute(std::function<std::string()> exposition) {
  return {.method = "GET",
          .pattern = "/metrics",
          .summary = "Prometheus metrics (text exposition format)",
          .roles = {},
          .content_types = {},
          .non_blocking = true,
          .handler = [exposition = std::move(exposition)](Request&) {
            return Response::Text(200, exposition(), "text/plain; version=0.0.4; charset=utf-8");
          }};
}

}  // namespace greenlane::http
