#include "api/hooks.h"

#include <cmath>
#include <optional>

#include "domain/roles.h"
#include "greenlane/core/log.h"
#include "greenlane/http/response.h"

namespace greenlane::api {
namespace {

std::string JoinRoles(const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& role : roles) out += (out.empty() ? "" : ", ") + role;
  return out;
}

std::optional<http::Response> Authenticate(ApiContext& context, http::Request& request, const http::Route& route) {
  auto principal = context.verifier.Verify(request.Header("Authorization"));
  if (!principal.ok()) {
    http::Response response = http::Problem(principal.error(), request.path);
    response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"greenlane\", error=\"invalid_token\"");
    return response;
  }
  request.principal = principal->client_id;
  request.roles = principal->roles;
  if (!RoleAllowed(principal->roles, route.roles)) {
    return http::Problem(core::Error::PermissionDenied(
                             "client " + principal->client_id + " has roles [" + JoinRoles(principal->roles) + "]; " +
                             route.method + " " + route.pattern + " needs one of [" + JoinRoles(route.roles) + "]"),
                         request.path);
  }
  return std::nullopt;
}

std::optional<http::Response> Throttle(ApiContext& context, const http::Request& request) {
  const std::string key = request.principal.empty() ? "ip:" + request.remote_ip : "client:" + request.principal;
  const auto decision = context.rate_limiter.Check(key, context.clock.Now());
  if (decision.allowed) return std::nullopt;
  http::Response response =
      http::Problem(core::Error{core::ErrorKind::kRateLimited,
                                "rate limit of " + std::to_string(decision.limit) + " requests per " +
                                    std::to_string(context.settings.rate_limit.window.count()) +
                                    "s exceeded; retry after " + std::to_string(decision.retry_after.count()) + "s",
                                ""},
                    request.path);
  response.headers.emplace_back("Retry-After", std::to_string(decision.retry_after.count()));
  return response;
}

}  // namespace

http::Hooks MakeHooks(ApiContext& context) {
  http::Hooks hooks;
  hooks.before = [&context](http::Request& request, const http::Route& route) -> std::optional<http::Response> {
    if (!route.roles.empty()) {
      if (auto refusal = Authenticate(context, request, route)) {
        // A refused token counts against the caller's address, so guessing costs the guesser.
        if (refusal->status == 401) {
          if (auto throttled = Throttle(context, request)) return throttled;
        }
        return refusal;
      }
    }
    return Throttle(context, request);
  };
  hooks.after = [&context](const http::Request& request, const http::Route* route, const http::Response& response,
                           std::chrono::nanoseconds elapsed) {
    const double seconds = std::chrono::duration<double>(elapsed).count();
    context.http_metrics.Observe(request.method, route ? route->pattern : "unmatched", response.status, seconds);
    const auto& mode = context.settings.access_log;
    if (mode == "all" || (mode == "errors" && response.status >= 400)) {
      log::RequestScope scope(request.request_id);
      log::Info("request", {{"method", request.method},
                            {"path", request.path},
                            {"status", response.status},
                            {"client_id", request.principal},
                            {"remote", request.remote_ip},
                            {"ms", std::round(seconds * 1e6) / 1e3}});
    }
  };
  return hooks;
}

}  // namespace greenlane::api
