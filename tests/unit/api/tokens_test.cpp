#include "domain/tokens.h"

#include <catch2/catch.hpp>

#include "greenlane/security/jwt.h"

using namespace greenlane;

TEST_CASE("an issued token verifies, carries client and roles, and expires") {
  core::ManualClock clock(core::ParseRfc3339("2026-11-22T10:00:00Z").value());
  auto key = security::Ed25519Key::Generate();
  security::KeySet keys;
  keys.Add(key);
  api::TokenIssuer issuer(key, {}, clock);
  api::DisabledClients disabled;
  api::TokenVerifier verifier(keys, {}, clock, disabled);

  const auto token = issuer.Issue("client-1", {"trader"});
  CHECK(token.expires_in == std::chrono::minutes(15));
  auto principal = verifier.Verify("Bearer " + token.access_token);
  REQUIRE(principal.ok());
  CHECK(principal->client_id == "client-1");
  CHECK(principal->roles == std::vector<std::string>{"trader"});

  clock.Advance(std::chrono::minutes(16));  // past expiry and the 30 s leeway, also for the cached entry
  auto expired = verifier.Verify("Bearer " + token.access_token);
  REQUIRE_FALSE(expired.ok());
  CHECK(expired.error().kind == core::ErrorKind::kUnauthenticated);
}

TEST_CASE("bearer header problems are named") {
  core::ManualClock clock(core::ParseRfc3339("2026-11-22T10:00:00Z").value());
  auto key = security::Ed25519Key::Generate();
  security::KeySet keys;
  keys.Add(key);
  api::DisabledClients disabled;
  api::TokenVerifier verifier(keys, {}, clock, disabled);
  CHECK(verifier.Verify("").error().message.find("missing") != std::string::npos);
  CHECK(verifier.Verify("Basic abc").error().message.find("Bearer") != std::string::npos);
  CHECK_FALSE(verifier.Verify("Bearer not.a.jwt").ok());

  // a token signed by a key the verifier does not trust
  api::TokenIssuer stranger(security::Ed25519Key::Generate(), {}, clock);
  CHECK_FALSE(verifier.Verify("Bearer " + stranger.Issue("x", {"admin"}).access_token).ok());

  // the right key but another audience
  api::TokenIssuer other_audience(key, {"greenlane", "someone-else", std::chrono::minutes(5)}, clock);
  CHECK_FALSE(verifier.Verify("Bearer " + other_audience.Issue("x", {"admin"}).access_token).ok());
}

TEST_CASE("a disabled client's token stops working at once, even when cached") {
  core::ManualClock clock(core::ParseRfc3339("2026-11-22T10:00:00Z").value());
  auto key = security::Ed25519Key::Generate();
  security::KeySet keys;
  keys.Add(key);
  api::DisabledClients disabled;
  api::TokenVerifier verifier(keys, {}, clock, disabled);
  const auto token = api::TokenIssuer(key, {}, clock).Issue("client-9", {"admin"});
  REQUIRE(verifier.Verify("Bearer " + token.access_token).ok());
  disabled.Add("client-9");
  auto refused = verifier.Verify("Bearer " + token.access_token);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.find("disabled") != std::string::npos);
}
