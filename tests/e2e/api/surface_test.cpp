#include <catch2/catch.hpp>
#include <fstream>
#include <set>

#include "api_stack.h"
#include "command.h"
#include "domain/roles.h"

using greenlane::testing::ApiStack;
using nlohmann::json;

TEST_CASE("/metrics counts requests by route and status and passes promtool") {
  ApiStack stack;
  auto client = stack.Connect();
  client.Send("GET", "/healthz");
  client.Send("GET", "/v1/me");
  client.Send("GET", "/no/such/path/42");
  auto metrics = client.Send("GET", "/metrics");
  REQUIRE(metrics.status == 200);
  CHECK(metrics.body.find("greenlane_http_requests_total") != std::string::npos);
  CHECK(metrics.body.find("route=\"/v1/me\"") != std::string::npos);
  CHECK(metrics.body.find("status=\"401\"") != std::string::npos);
  CHECK(metrics.body.find("greenlane_http_request_duration_seconds_bucket") != std::string::npos);
  CHECK(metrics.body.find("/no/such/path/42") == std::string::npos);  // raw paths never become labels
  const std::string path = "api_metrics_promtool.txt";
  std::ofstream(path) << metrics.body;
  auto check = greenlane::testing::RunCommand("promtool check metrics < " + path);
  INFO(check.output);
  CHECK(check.exit_code == 0);
  std::remove(path.c_str());
}

TEST_CASE("the OpenAPI document lists exactly the router's routes with their roles") {
  ApiStack stack;
  auto client = stack.Connect();
  auto response = client.Send("GET", "/v1/openapi.json");
  REQUIRE(response.status == 200);
  const auto document = json::parse(response.body);
  CHECK(document["openapi"].get<std::string>().rfind("3.", 0) == 0);

  std::set<std::string> documented;
  for (const auto& [path, operations] : document["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(c));
      documented.insert(upper + " " + path);
    }
  }
  std::set<std::string> routed;
  for (const auto& route : stack.server().router().routes()) {
    const std::string key = route.method + " " + route.pattern;
    routed.insert(key);
    INFO(key);
    REQUIRE(documented.count(key) == 1);
    std::string lower = route.method;
    for (char& c : lower) c = static_cast<char>(std::tolower(c));
    const auto roles = document["paths"][route.pattern][lower]["x-roles"].get<std::vector<std::string>>();
    CHECK(roles == route.roles);
  }
  CHECK(documented == routed);
}

TEST_CASE("every route answers every role as it declares: allowed roles pass, others get 403") {
  ApiStack stack;
  std::map<std::string, std::string> token_of_role;
  for (const auto role : greenlane::api::kKnownRoles) {
    token_of_role[std::string(role)] =
        stack.Token(stack.CreateClient("role-" + std::string(role), {std::string(role)}));
  }
  auto client = stack.Connect();
  for (const auto& route : stack.server().router().routes()) {
    if (route.roles.empty()) continue;
    std::string target = route.pattern;
    const auto brace = target.find('{');
    if (brace != std::string::npos)
      target = target.substr(0, brace) + "00000000-0000-7000-8000-000000000000" + target.substr(target.find('}') + 1);
    for (const auto& [role, token] : token_of_role) {
      auto headers = ApiStack::Bearer(token);
      if (!route.content_types.empty()) headers.emplace_back("Content-Type", route.content_types.front());
      const auto status = client.Send(route.method, target, route.content_types.empty() ? "" : "{}", headers).status;
      const bool allowed = std::find(route.roles.begin(), route.roles.end(), role) != route.roles.end();
      INFO(route.method << " " << target << " as " << role << " -> " << status);
      if (allowed) {
        CHECK(status != 401);
        CHECK(status != 403);
      } else {
        CHECK(status == 403);
      }
    }
  }
}

TEST_CASE("the API serves HTTPS with the dev PKI's certificate, and tokens work over it") {
  const std::string pki = greenlane::testing::RequiredEnv("GREENLANE_TEST_PKI_DIR");
  ApiStack stack([&](auto& settings) {
    settings.tls_cert_file = pki + "/servers/api.crt";
    settings.tls_key_file = pki + "/servers/api.key";
  });
  greenlane::http::ClientOptions options;
  options.port = stack.server().port();
  options.tls = true;
  options.ca_file = pki + "/ca.crt";
  greenlane::http::Client client(options);
  CHECK(client.Send("GET", "/healthz").status == 200);
  const auto trader = stack.CreateClient("tls-trader", {"trader"});
  auto token = client.Send("POST", "/v1/oauth/token",
                           "grant_type=client_credentials&client_id=" + trader.id + "&client_secret=" + trader.secret,
                           {{"Content-Type", "application/x-www-form-urlencoded"}});
  REQUIRE(token.status == 200);
  auto me = client.Send("GET", "/v1/me", "", ApiStack::Bearer(json::parse(token.body)["access_token"]));
  CHECK(me.status == 200);

  greenlane::http::ClientOptions plain;
  plain.port = stack.server().port();
  greenlane::http::Client plain_client(plain);
  CHECK_THROWS(plain_client.Send("GET", "/healthz"));  // plain HTTP on the TLS port gets no answer
}
