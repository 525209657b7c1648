#include "greenlane/security/jws.h"

#include <catch2/catch.hpp>

#include "greenlane/security/base64url.h"
#include "test_keys.h"

using namespace greenlane::security;
using greenlane::core::ErrorKind;
using greenlane::security::testing::RfcKey;

namespace {

const nlohmann::json kPermit = {{"permit", "GA-CITES-2026-000123"}, {"species", "Pericopsis elata"}, {"m3", "12.5"}};

KeySet Trusting(const Ed25519Key& key) {
  KeySet keys;
  keys.Add(Ed25519Key::FromRawPublic(key.PublicRaw()).value());
  return keys;
}

/// A token whose header and payload are `header_json` and `payload_json` verbatim, signed by `key`.
std::string SignRaw(const Ed25519Key& key, const std::string& header_json, const std::string& payload_json) {
  const std::string input = Base64UrlEncode(header_json) + "." + Base64UrlEncode(payload_json);
  return input + "." + Base64UrlEncode(key.Sign(input));
}

std::string RejectionOf(const KeySet& keys, std::string_view token) {
  const auto result = VerifyJws(keys, token);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ErrorKind::kUnauthenticated);
  return result.error().message;
}

}  // namespace

TEST_CASE("EdDSA signing reproduces the RFC 8037 A.4 JWS") {
  const std::string input = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
  CHECK(Base64UrlEncode(RfcKey().Sign(input)) ==
        "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg");
  // The RFC token names no kid, and Greenlane never guesses which key a token claims.
  CHECK_THAT(
      RejectionOf(Trusting(RfcKey()),
                  input + ".hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"),
      Catch::Contains("kid"));
}

TEST_CASE("a signed JWS verifies and returns its header and payload") {
  const Ed25519Key key = Ed25519Key::Generate();
  const std::string token = SignJws(key, kPermit, {{"typ", "greenlane-permit+jws"}, {"alg", "none"}});
  const auto verified = VerifyJws(Trusting(key), token);
  REQUIRE(verified.ok());
  CHECK(verified->payload == kPermit);
  CHECK(verified->header["alg"] == "EdDSA");  // extra_header cannot downgrade alg
  CHECK(verified->header["kid"] == key.Kid());
  CHECK(verified->header["typ"] == "greenlane-permit+jws");
}

TEST_CASE("changing the header, the payload or the signature breaks a JWS") {
  const Ed25519Key key = RfcKey();
  const KeySet keys = Trusting(key);
  const std::string token = SignJws(key, kPermit);
  const auto dot1 = token.find('.');
  const auto dot2 = token.rfind('.');
  const std::string header = token.substr(0, dot1);
  const std::string payload = token.substr(dot1 + 1, dot2 - dot1 - 1);
  const std::string signature = token.substr(dot2 + 1);

  nlohmann::json other_payload = kPermit;
  other_payload["m3"] = "125.0";
  CHECK_THAT(RejectionOf(keys, header + "." + Base64UrlEncode(other_payload.dump()) + "." + signature),
             Catch::Contains("bad signature"));
  const nlohmann::json other_header = {{"alg", "EdDSA"}, {"kid", key.Kid()}, {"typ", "JWT"}};
  CHECK_THAT(RejectionOf(keys, Base64UrlEncode(other_header.dump()) + "." + payload + "." + signature),
             Catch::Contains("bad signature"));
  std::string flipped = signature;
  flipped[5] = flipped[5] == 'A' ? 'B' : 'A';
  CHECK_THAT(RejectionOf(keys, header + "." + payload + "." + flipped), Catch::Contains("bad signature"));
  CHECK_THAT(RejectionOf(keys, header + "." + payload + "."), Catch::Contains("bad signature"));
}

TEST_CASE("alg none and every alg but EdDSA are refused") {
  const Ed25519Key key = Ed25519Key::Generate();
  const KeySet keys = Trusting(key);
  const std::string payload = Base64UrlEncode(kPermit.dump());
  const std::string none = Base64UrlEncode(R"({"alg":"none","kid":")" + key.Kid() + "\"}");
  CHECK_THAT(RejectionOf(keys, none + "." + payload + "."), Catch::Contains("alg") && Catch::Contains("none"));
  CHECK_THAT(RejectionOf(keys, SignRaw(key, R"({"alg":"HS256","kid":")" + key.Kid() + "\"}", kPermit.dump())),
             Catch::Contains("HS256"));
  CHECK_THAT(RejectionOf(keys, SignRaw(key, R"({"kid":")" + key.Kid() + "\"}", kPermit.dump())),
             Catch::Contains("alg"));
  CHECK_THAT(
      RejectionOf(keys, SignRaw(key, R"({"alg":"EdDSA","kid":")" + key.Kid() + R"(","crit":["exp"]})", kPermit.dump())),
      Catch::Contains("crit"));
}

TEST_CASE("a JWS from an unknown or unnamed key is refused") {
  const Ed25519Key signer = Ed25519Key::Generate();
  const KeySet keys = Trusting(Ed25519Key::Generate());
  CHECK_THAT(RejectionOf(keys, SignJws(signer, kPermit)),
             Catch::Contains("unknown kid") && Catch::Contains(signer.Kid()));
  CHECK_THAT(RejectionOf(keys, SignRaw(signer, R"({"alg":"EdDSA"})", kPermit.dump())), Catch::Contains("no kid"));
  CHECK_THAT(RejectionOf(keys, SignRaw(signer, R"({"alg":"EdDSA","kid":7})", kPermit.dump())),
             Catch::Contains("no kid"));
}

TEST_CASE("an oversized JWS is refused before any parsing") {
  const Ed25519Key key = Ed25519Key::Generate();
  const std::string token = SignJws(key, {{"blob", std::string(9000, 'x')}});
  CHECK_THAT(RejectionOf(Trusting(key), token), Catch::Contains("over the limit of 8192"));
  CHECK(VerifyJws(Trusting(key), token, 16384).ok());
}

TEST_CASE("garbage is refused with the reason") {
  const Ed25519Key key = Ed25519Key::Generate();
  const KeySet keys = Trusting(key);
  CHECK_THAT(RejectionOf(keys, ""), Catch::Contains("three"));
  CHECK_THAT(RejectionOf(keys, "abc.def"), Catch::Contains("three"));
  CHECK_THAT(RejectionOf(keys, "a.b.c.d"), Catch::Contains("three"));
  CHECK_THAT(RejectionOf(keys, "!!!.e30.e30"), Catch::Contains("header"));
  CHECK_THAT(RejectionOf(keys, Base64UrlEncode("[1,2]") + ".e30.AAAA"), Catch::Contains("header"));
  CHECK_THAT(RejectionOf(keys, Base64UrlEncode("{\"alg\":") + ".e30.AAAA"), Catch::Contains("header"));
  const std::string token = SignJws(key, kPermit);
  CHECK_THAT(RejectionOf(keys, token.substr(0, token.rfind('.')) + ".*not-base64*"), Catch::Contains("signature"));
}

TEST_CASE("a validly signed payload that is not a JSON object is refused") {
  const Ed25519Key key = Ed25519Key::Generate();
  const std::string header = R"({"alg":"EdDSA","kid":")" + key.Kid() + "\"}";
  CHECK_THAT(RejectionOf(Trusting(key), SignRaw(key, header, "[\"a\"]")), Catch::Contains("payload"));
  CHECK_THAT(RejectionOf(Trusting(key), SignRaw(key, header, "not json")), Catch::Contains("payload"));
}

TEST_CASE("SignJws refuses a payload or header that is not an object") {
  const Ed25519Key key = Ed25519Key::Generate();
  CHECK_THROWS_AS(SignJws(key, nlohmann::json::array()), std::invalid_argument);
  CHECK_THROWS_AS(SignJws(key, kPermit, "JWT"), std::invalid_argument);
}
