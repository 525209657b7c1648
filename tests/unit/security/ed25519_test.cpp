#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "greenlane/security/base64url.h"
#include "greenlane/security/key_set.h"
#include "test_keys.h"

using namespace greenlane::security;
using greenlane::security::testing::FromHex;
using greenlane::security::testing::RfcKey;

namespace {

// RfcKey() as `openssl pkey` writes it (PKCS#8, the format of `openssl genpkey -algorithm ed25519`).
constexpr const char* kRfcPrivatePem =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
    "-----END PRIVATE KEY-----\n";
constexpr const char* kRfcPublicPem =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
    "-----END PUBLIC KEY-----\n";
constexpr const char* kP256PrivatePem =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgstkXHpO6vVcmSRGI\n"
    "pjD9Xb3X/c5weJdrn+XmcoT5QmKhRANCAAR8lklY4p325Td9mdvMrmmTx6+3hX1A\n"
    "W48Kp3l9h9drUWnM3fhIc7P5tB6NyvQVxgZGwmFfaLpbID+4JHSdLi26\n"
    "-----END PRIVATE KEY-----\n";

/// A file in the test's working directory, removed when the test ends.
class TempFile {
 public:
  TempFile(const std::string& name, const std::string& contents) : path_(name) { std::ofstream(path_) << contents; }
  ~TempFile() { std::filesystem::remove(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace

TEST_CASE("Ed25519 reproduces RFC 8032 test vector 1") {
  const Ed25519Key key = RfcKey();
  CHECK(key.HasPrivate());
  CHECK(key.PublicRaw() == FromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
  const std::string expected = FromHex(
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24"
      "655141438e7a100b");
  CHECK(key.Sign("") == expected);
  const auto public_only = Ed25519Key::FromRawPublic(key.PublicRaw());
  REQUIRE(public_only.ok());
  CHECK(public_only->Verify("", expected));
}

TEST_CASE("Ed25519 refuses a signature of another message, a flipped bit or a wrong length") {
  const Ed25519Key key = Ed25519Key::Generate();
  const std::string signature = key.Sign("permit GA-CITES-2026-000123");
  CHECK(key.Verify("permit GA-CITES-2026-000123", signature));
  CHECK_FALSE(key.Verify("permit GA-CITES-2026-000124", signature));
  std::string flipped = signature;
  flipped[10] ^= 0x01;
  CHECK_FALSE(key.Verify("permit GA-CITES-2026-000123", flipped));
  CHECK_FALSE(key.Verify("permit GA-CITES-2026-000123", signature.substr(0, 63)));
  CHECK_FALSE(Ed25519Key::Generate().Verify("permit GA-CITES-2026-000123", signature));
}

TEST_CASE("kid is the RFC 7638 thumbprint of RFC 8037 A.3") {
  const auto key = Ed25519Key::FromPublicJwk(
      {{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}});
  REQUIRE(key.ok());
  CHECK(key->Kid() == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
  CHECK_FALSE(key->HasPrivate());
  CHECK(RfcKey().Kid() == key->Kid());
}

TEST_CASE("a public JWK round-trips and carries no private part") {
  const Ed25519Key key = Ed25519Key::Generate();
  const nlohmann::json jwk = key.PublicJwk();
  CHECK(jwk["alg"] == "EdDSA");
  CHECK(jwk["use"] == "sig");
  CHECK(jwk["kid"] == key.Kid());
  CHECK_FALSE(jwk.contains("d"));
  const auto parsed = Ed25519Key::FromPublicJwk(jwk);
  REQUIRE(parsed.ok());
  CHECK(parsed->PublicRaw() == key.PublicRaw());
}

TEST_CASE("a public JWK that is malformed is refused naming the member") {
  const nlohmann::json good = RfcKey().PublicJwk();
  auto with = [&](const char* name, nlohmann::json value) {
    nlohmann::json jwk = good;
    jwk[name] = std::move(value);
    return Ed25519Key::FromPublicJwk(jwk);
  };
  CHECK(with("kty", "EC").error().field == "jwk.kty");
  CHECK(with("crv", "X25519").error().field == "jwk.crv");
  CHECK(with("x", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUR").error().field == "jwk.x");
  CHECK(with("x", 42).error().field == "jwk.x");
  CHECK(with("d", "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A").error().field == "jwk.d");
  const auto wrong_kid = with("kid", "someone-else");
  REQUIRE_FALSE(wrong_kid.ok());
  CHECK(wrong_kid.error().field == "jwk.kid");
  CHECK_THAT(wrong_kid.error().message, Catch::Contains("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"));
  CHECK_FALSE(Ed25519Key::FromPublicJwk("not an object").ok());
}

TEST_CASE("a PKCS#8 private key file as written by openssl genpkey loads") {
  const TempFile file("ed25519_test_private.pem", kRfcPrivatePem);
  const auto key = Ed25519Key::LoadPrivatePem(file.path());
  REQUIRE(key.ok());
  CHECK(key->HasPrivate());
  CHECK(key->Kid() == RfcKey().Kid());
  CHECK(key->Sign("x") == RfcKey().Sign("x"));
}

TEST_CASE("loading a missing, garbled or non-Ed25519 private key names the problem") {
  const auto missing = Ed25519Key::LoadPrivatePem("/nonexistent/signing.pem");
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.error().message, Catch::Contains("/nonexistent/signing.pem"));
  const TempFile garbled("ed25519_test_garbled.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
  CHECK_FALSE(Ed25519Key::LoadPrivatePem(garbled.path()).ok());
  const auto p256 = Ed25519Key::FromPrivatePem(kP256PrivatePem);
  REQUIRE_FALSE(p256.ok());
  CHECK_THAT(p256.error().message, Catch::Contains("expected ED25519"));
}

TEST_CASE("PEM export and import keep the same key") {
  const Ed25519Key key = RfcKey();
  CHECK(key.PublicPem() == kRfcPublicPem);
  const auto public_key = Ed25519Key::FromPublicPem(key.PublicPem());
  REQUIRE(public_key.ok());
  CHECK_FALSE(public_key->HasPrivate());
  CHECK(public_key->Verify("m", key.Sign("m")));
  CHECK_THROWS_AS(public_key->Sign("m"), std::logic_error);
  CHECK_THROWS_AS(public_key->PrivatePem(), std::logic_error);
  const Ed25519Key fresh = Ed25519Key::Generate();
  const auto reloaded = Ed25519Key::FromPrivatePem(fresh.PrivatePem());
  REQUIRE(reloaded.ok());
  CHECK(reloaded->Kid() == fresh.Kid());
  CHECK_FALSE(Ed25519Key::FromPublicPem(kRfcPrivatePem).ok());
}

TEST_CASE("a key set finds keys by kid, replaces same-kid keys and publishes only public JWKs") {
  KeySet keys;
  const Ed25519Key current = Ed25519Key::Generate();
  const Ed25519Key previous = Ed25519Key::Generate();
  keys.Add(current);
  keys.Add(previous);
  keys.Add(Ed25519Key::FromRawPublic(current.PublicRaw()).value());
  CHECK(keys.size() == 2);
  REQUIRE(keys.Find(previous.Kid()) != nullptr);
  CHECK(keys.Find(previous.Kid())->PublicRaw() == previous.PublicRaw());
  CHECK(keys.Find("no-such-kid") == nullptr);
  const nlohmann::json jwks = keys.Jwks();
  REQUIRE(jwks["keys"].size() == 2);
  for (const auto& jwk : jwks["keys"]) CHECK_FALSE(jwk.contains("d"));
}
