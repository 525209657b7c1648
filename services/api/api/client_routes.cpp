#include "api/json_body.h"
#include "api/routes.h"
#include "domain/roles.h"
#include "greenlane/http/response.h"

namespace greenlane::api {
namespace {

nlohmann::json ClientJson(const Client& client) {
  return {{"id", client.id},
          {"name", client.name},
          {"roles", client.roles},
          {"disabled", client.disabled},
          {"created_at", client.created_at}};
}

// Roles arrive as a JSON array of strings; the domain parser takes the comma form.
core::Result<std::vector<std::string>> RolesOf(const nlohmann::json& body) {
  const auto it = body.find("roles");
  if (it == body.end() || !it->is_array()) {
    return core::Error::InvalidArgument("roles", "roles must be an array of role names");
  }
  std::string joined;
  for (const auto& role : *it) {
    if (!role.is_string() || role.get<std::string>().find(',') != std::string::npos) {
      return core::Error::InvalidArgument("roles", "every role must be a role name string");
    }
    if (!joined.empty()) joined += ',';
    joined += role.get_ref<const std::string&>();
  }
  return ParseRoles(joined);
}

http::Response CreateClient(ApiContext& context, http::Request& request) {
  auto body = ParseJsonObject(request.body);
  if (!body.ok()) return http::Problem(body.error(), request.path);
  auto name = RequiredString(*body, "name", 100);
  if (!name.ok()) return http::Problem(name.error(), request.path);
  auto roles = RolesOf(*body);
  if (!roles.ok()) return http::Problem(roles.error(), request.path);
  auto created = context.clients.Create(*name, *roles, request.principal);
  if (!created.ok()) return http::Problem(created.error(), request.path);
  auto out = ClientJson(created->client);
  out["secret"] = created->secret;
  http::Response response = http::Response::Json(201, out);
  response.headers.emplace_back("Location", "/v1/clients/" + created->client.id);
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

http::Response ListClients(ApiContext& context) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& client : context.clients.List()) items.push_back(ClientJson(client));
  return http::Response::Json(200, {{"items", items}});
}

http::Response DisableClient(ApiContext& context, http::Request& request) {
  auto client = context.clients.Disable(request.path_params.at("id"), request.principal);
  if (!client.ok()) return http::Problem(client.error(), request.path);
  context.disabled_clients.Add(client->id);  // its tokens stop working here at once
  return http::Response::Json(200, ClientJson(*client));
}

}  // namespace

std::vector<http::Route> ClientRoutes(ApiContext& context) {
  std::vector<http::Route> routes;
  routes.push_back({.method = "POST",
                    .pattern = "/v1/clients",
                    .summary = "Create an API client; the secret is in this answer only",
                    .roles = {"admin"},
                    .content_types = {"application/json"},
                    .non_blocking = false,
                    .handler = [&context](http::Request& request) { return CreateClient(context, request); }});
  routes.push_back({.method = "GET",
                    .pattern = "/v1/clients",
                    .summary = "List API clients",
                    .roles = {"admin"},
                    .content_types = {},
                    .non_blocking = false,
                    .handler = [&context](http::Request&) { return ListClients(context); }});
  routes.push_back({.method = "POST",
                    .pattern = "/v1/clients/{id}/disable",
                    .summary = "Disable an API client: it can no longer obtain tokens",
                    .roles = {"admin"},
                    .content_types = {},
                    .non_blocking = false,
                    .handler = [&context](http::Request& request) { return DisableClient(context, request); }});
  return routes;
}

}  // namespace greenlane::api
