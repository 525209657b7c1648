#pragma once

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "greenlane/core/error.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY, kept out of this header

namespace greenlane::security {

/// An Ed25519 key (RFC 8032), public only or with its private half. The parsed OpenSSL key is
/// loaded once and shared by every copy, so copies are cheap and signing never re-parses a PEM.
/// Safe to use from several threads at once.
class Ed25519Key {
 public:
  /// A fresh random key pair.
  static Ed25519Key Generate();
  /// Reads a PKCS#8 PEM private key as written by `openssl genpkey -algorithm ed25519`.
  static core::Result<Ed25519Key> LoadPrivatePem(const std::filesystem::path& path);
  /// Parses a PEM private key held in memory (e.g. from a secret store).
  static core::Result<Ed25519Key> FromPrivatePem(std::string_view pem);
  /// Parses a SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----").
  static core::Result<Ed25519Key> FromPublicPem(std::string_view pem);
  /// Parses an OKP public JWK (RFC 8037 §2): {"kty":"OKP","crv":"Ed25519","x":...}.
  static core::Result<Ed25519Key> FromPublicJwk(const nlohmann::json& jwk);
  /// From the 32-byte seed of RFC 8032 (test vectors, keys kept in hardware or secret stores).
  static core::Result<Ed25519Key> FromRawPrivate(std::string_view seed);
  /// From the 32-byte public key of RFC 8032.
  static core::Result<Ed25519Key> FromRawPublic(std::string_view public_key);

  bool HasPrivate() const;
  /// The 32-byte public key.
  std::string PublicRaw() const;
  /// The RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key: a key id anyone can
  /// recompute from the public key alone, so it never disagrees with the key it names.
  const std::string& Kid() const { return kid_; }
  /// {"kty":"OKP","crv":"Ed25519","x":..., "kid":..., "alg":"EdDSA", "use":"sig"}, for a JWKS.
  nlohmann::json PublicJwk() const;
  /// SubjectPublicKeyInfo PEM of the public key, for partners that configure keys as PEM.
  std::string PublicPem() const;
  /// PKCS#8 PEM of the private key, for the operator CLI that creates keys. Throws
  /// std::logic_error on a public-only key.
  std::string PrivatePem() const;

  /// The 64-byte signature of `message`. Throws std::logic_error on a public-only key.
  std::string Sign(std::string_view message) const;
  /// True when `signature` is a valid signature of `message` by this key.
  bool Verify(std::string_view message, std::string_view signature) const;

 private:
  Ed25519Key(std::shared_ptr<evp_pkey_st> key, bool has_private);

  std::shared_ptr<evp_pkey_st> key_;
  bool has_private_ = false;
  std::string kid_;
};

}  // namespace greenlane::security
