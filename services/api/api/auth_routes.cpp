#include "api/routes.h"
#include "domain/client_credentials.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/log.h"
#include "greenlane/http/response.h"

namespace greenlane::api {
namespace {

// RFC 6749 §5.2 error members ride along in the problem document, so OAuth client libraries
// find the "error" they look for.
http::Response OAuthProblem(const core::Error& error, const std::string& oauth_error) {
  http::Response response = http::Problem(error, "/v1/oauth/token");
  auto body = nlohmann::json::parse(response.body);
  body["error"] = oauth_error;
  body["error_description"] = error.message;
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (oauth_error == "invalid_client") response.headers.emplace_back("WWW-Authenticate", "Basic realm=\"greenlane\"");
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

http::Response IssueToken(ApiContext& context, http::Request& request) {
  const auto parsed = ParseTokenRequest(request.body, request.Header("Authorization"));
  if (!parsed.ok) return OAuthProblem(parsed.failure.error, parsed.failure.oauth_error);
  auto client = context.clients.Authenticate(parsed.credentials.client_id, parsed.credentials.client_secret);
  if (!client.ok()) {
    log::Warn("token refused", {{"client_id", parsed.credentials.client_id}, {"reason", client.error().message}});
    return OAuthProblem(client.error(), "invalid_client");
  }
  const auto token = context.issuer.Issue(client->id, client->roles);
  log::Info("token issued", {{"client_id", client->id}});
  http::Response response = http::Response::Json(
      200, {{"access_token", token.access_token}, {"token_type", "Bearer"}, {"expires_in", token.expires_in.count()}});
  response.headers.emplace_back("Cache-Control", "no-store");
  response.headers.emplace_back("Pragma", "no-cache");
  return response;
}

}  // namespace

std::vector<http::Route> AuthRoutes(ApiContext& context) {
  std::vector<http::Route> routes;
  routes.push_back({.method = "POST",
                    .pattern = "/v1/oauth/token",
                    .summary = "OAuth2 client-credentials token (RFC 6749 §4.4)",
                    .roles = {},
                    .content_types = {"application/x-www-form-urlencoded"},
                    .non_blocking = false,
                    .handler = [&context](http::Request& request) { return IssueToken(context, request); }});
  routes.push_back({.method = "GET",
                    .pattern = "/v1/.well-known/jwks.json",
                    .summary = "Public keys that verify access tokens and signed documents",
                    .roles = {},
                    .content_types = {},
                    .non_blocking = true,
                    .handler = [&context](http::Request&) {
                      http::Response response = http::Response::Json(200, context.keys.Jwks());
                      response.headers.emplace_back("Cache-Control", "public, max-age=300");
                      return response;
                    }});
  routes.push_back({.method = "GET",
                    .pattern = "/v1/me",
                    .summary = "The calling client's id and roles",
                    .roles = AnyRole(),
                    .content_types = {},
                    .non_blocking = true,
                    .handler = [](http::Request& request) {
                      return http::Response::Json(200, {{"client_id", request.principal}, {"roles", request.roles}});
                    }});
  return routes;
}

}  // namespace greenlane::api
