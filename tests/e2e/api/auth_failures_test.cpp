#include <catch2/catch.hpp>

#include "api_stack.h"
#include "greenlane/security/base64url.h"
#include "greenlane/security/ed25519.h"
#include "greenlane/security/jwt.h"

using greenlane::testing::ApiStack;
using nlohmann::json;
namespace security = greenlane::security;

namespace {

unsigned MeStatus(ApiStack& stack, const std::string& token) {
  auto client = stack.Connect();
  return client.Send("GET", "/v1/me", "", ApiStack::Bearer(token)).status;
}

std::string Part(const std::string& token, int index) {
  std::size_t start = 0;
  for (int i = 0; i < index; ++i) start = token.find('.', start) + 1;
  return token.substr(start, token.find('.', start) - start);
}

}  // namespace

TEST_CASE("401 without a token, with garbage, and with another scheme") {
  ApiStack stack;
  auto client = stack.Connect();
  auto none = client.Send("GET", "/v1/me");
  CHECK(none.status == 401);
  CHECK(none.headers["www-authenticate"].find("Bearer") == 0);
  CHECK(json::parse(none.body)["type"] == "urn:greenlane:problem:unauthenticated");
  CHECK(client.Send("GET", "/v1/me", "", {{"Authorization", "Bearer garbage"}}).status == 401);
  CHECK(client.Send("GET", "/v1/me", "", {{"Authorization", "Basic YTpi"}}).status == 401);
}

TEST_CASE("401 for an expired token") {
  ApiStack stack;
  const std::string token = stack.Token(stack.CreateClient("t", {"trader"}));
  REQUIRE(MeStatus(stack, token) == 200);
  stack.clock().Advance(std::chrono::minutes(16));
  CHECK(MeStatus(stack, token) == 401);
}

TEST_CASE("401 for a token whose signature was changed") {
  ApiStack stack;
  std::string token = stack.Token(stack.CreateClient("t", {"trader"}));
  REQUIRE(MeStatus(stack, token) == 200);
  std::string signature = security::Base64UrlDecode(Part(token, 2)).value();
  signature[10] ^= 0x01;
  const std::string forged = Part(token, 0) + "." + Part(token, 1) + "." + security::Base64UrlEncode(signature);
  CHECK(MeStatus(stack, forged) == 401);
}

TEST_CASE("401 for a token whose claims were changed (roles raised to admin)") {
  ApiStack stack;
  std::string token = stack.Token(stack.CreateClient("t", {"trader"}));
  auto claims = json::parse(security::Base64UrlDecode(Part(token, 1)).value());
  claims["roles"] = {"admin"};
  const std::string forged = Part(token, 0) + "." + security::Base64UrlEncode(claims.dump()) + "." + Part(token, 2);
  CHECK(MeStatus(stack, forged) == 401);
}

TEST_CASE("401 for alg none") {
  ApiStack stack;
  std::string token = stack.Token(stack.CreateClient("t", {"trader"}));
  auto header = json::parse(security::Base64UrlDecode(Part(token, 0)).value());
  header["alg"] = "none";
  CHECK(MeStatus(stack, security::Base64UrlEncode(header.dump()) + "." + Part(token, 1) + ".") == 401);
}

TEST_CASE("401 for a token signed by an unknown key (unknown kid)") {
  ApiStack stack;
  auto stranger = security::Ed25519Key::Generate();
  security::JwtClaims claims;
  claims.issuer = stack.settings().tokens.issuer;
  claims.audience = stack.settings().tokens.audience;
  claims.subject = "intruder";
  claims.roles = {"admin"};
  claims.issued_at = stack.clock().Now();
  claims.expires_at = claims.issued_at + std::chrono::minutes(5);
  claims.jwt_id = "x";
  CHECK(MeStatus(stack, security::IssueJwt(stranger, claims)) == 401);
}

TEST_CASE("403 for a role the route does not allow, naming the roles needed") {
  ApiStack stack;
  const std::string token = stack.Token(stack.CreateClient("t", {"trader"}));
  auto client = stack.Connect();
  auto response = client.Send("GET", "/v1/audit", "", ApiStack::Bearer(token));
  CHECK(response.status == 403);
  CHECK(json::parse(response.body)["detail"].get<std::string>().find("admin") != std::string::npos);
}
