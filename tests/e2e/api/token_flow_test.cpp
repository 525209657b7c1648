#include <catch2/catch.hpp>

#include "api_stack.h"
#include "greenlane/security/base64url.h"

using greenlane::testing::ApiStack;
using nlohmann::json;

namespace {
std::string StandardBase64(const std::string& bytes) {
  std::string text = greenlane::security::Base64UrlEncode(bytes);
  for (char& c : text) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (text.size() % 4 != 0) text += '=';
  return text;
}
}  // namespace

TEST_CASE("a client gets a token with HTTP Basic and sees itself at /v1/me") {
  ApiStack stack;
  auto trader = stack.CreateClient("trader-1", {"trader"});
  auto client = stack.Connect();
  auto response = client.Send("POST", "/v1/oauth/token", "grant_type=client_credentials",
                              {{"Content-Type", "application/x-www-form-urlencoded"},
                               {"Authorization", "Basic " + StandardBase64(trader.id + ":" + trader.secret)}});
  REQUIRE(response.status == 200);
  CHECK(response.headers["cache-control"] == "no-store");
  const auto token = json::parse(response.body);
  CHECK(token["token_type"] == "Bearer");
  CHECK(token["expires_in"] == 900);

  auto me = client.Send("GET", "/v1/me", "", ApiStack::Bearer(token["access_token"]));
  REQUIRE(me.status == 200);
  CHECK(json::parse(me.body) == json{{"client_id", trader.id}, {"roles", {"trader"}}});
  CHECK_FALSE(me.headers["x-request-id"].empty());
}

TEST_CASE("the token's kid is published in the JWKS and the token is EdDSA") {
  ApiStack stack;
  const std::string token = stack.Token(stack.CreateClient("officer-1", {"officer"}));
  const auto header = json::parse(greenlane::security::Base64UrlDecode(token.substr(0, token.find('.'))).value());
  CHECK(header["alg"] == "EdDSA");
  auto client = stack.Connect();
  auto jwks = client.Send("GET", "/v1/.well-known/jwks.json");
  REQUIRE(jwks.status == 200);
  const auto keys = json::parse(jwks.body)["keys"];
  REQUIRE(keys.size() == 1);
  CHECK(keys[0]["kid"] == header["kid"]);
  CHECK(keys[0]["kty"] == "OKP");
  CHECK(keys[0]["crv"] == "Ed25519");
  CHECK_FALSE(keys[0].contains("d"));  // never the private half
}

TEST_CASE("the token endpoint refuses wrong secrets, unknown and disabled clients with invalid_client") {
  ApiStack stack;
  auto trader = stack.CreateClient("trader-2", {"trader"});
  auto client = stack.Connect();
  const std::vector<std::pair<std::string, std::string>> form = {{"Content-Type", "application/x-www-form-urlencoded"}};
  auto wrong = client.Send("POST", "/v1/oauth/token",
                           "grant_type=client_credentials&client_id=" + trader.id + "&client_secret=nope", form);
  CHECK(wrong.status == 401);
  CHECK(json::parse(wrong.body)["error"] == "invalid_client");
  CHECK(wrong.headers["content-type"].find("application/problem+json") == 0);

  auto grant = client.Send("POST", "/v1/oauth/token", "grant_type=password&client_id=a&client_secret=b", form);
  CHECK(grant.status == 400);
  CHECK(json::parse(grant.body)["error"] == "unsupported_grant_type");
  CHECK(json::parse(grant.body)["field"] == "grant_type");

  const std::string admin_token = stack.Token(stack.CreateClient("admin-1", {"admin"}));
  const std::string trader_token = stack.Token(trader);
  REQUIRE(client.Send("GET", "/v1/me", "", ApiStack::Bearer(trader_token)).status == 200);
  auto disabled = client.Send("POST", "/v1/clients/" + trader.id + "/disable", "", ApiStack::Bearer(admin_token));
  REQUIRE(disabled.status == 200);
  CHECK(client.Send("GET", "/v1/me", "", ApiStack::Bearer(trader_token)).status == 401);  // its token too
  auto after =
      client.Send("POST", "/v1/oauth/token",
                  "grant_type=client_credentials&client_id=" + trader.id + "&client_secret=" + trader.secret, form);
  CHECK(after.status == 401);
  CHECK(json::parse(after.body)["detail"].get<std::string>().find("disabled") != std::string::npos);
}

TEST_CASE("an admin creates a client over REST and its secret works once shown") {
  ApiStack stack;
  const std::string admin_token = stack.Token(stack.CreateClient("admin-2", {"admin"}));
  auto client = stack.Connect();
  auto headers = ApiStack::Bearer(admin_token);
  headers.emplace_back("Content-Type", "application/json");
  auto created =
      client.Send("POST", "/v1/clients", R"({"name":"single-window","roles":["trader","officer"]})", headers);
  REQUIRE(created.status == 201);
  const auto body = json::parse(created.body);
  const std::string token = stack.Token({body["id"], body["secret"]});
  auto me = client.Send("GET", "/v1/me", "", ApiStack::Bearer(token));
  CHECK(json::parse(me.body)["roles"] == json{"trader", "officer"});

  auto duplicate = client.Send("POST", "/v1/clients", R"({"name":"single-window","roles":["trader"]})", headers);
  CHECK(duplicate.status == 409);
  auto bad_role = client.Send("POST", "/v1/clients", R"({"name":"x","roles":["emperor"]})", headers);
  CHECK(bad_role.status == 400);
  CHECK(json::parse(bad_role.body)["field"] == "roles");
}
