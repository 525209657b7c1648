#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/disabled_clients.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"
#include "greenlane/security/ed25519.h"
#include "greenlane/security/key_set.h"

namespace greenlane::api {

/// Who is calling, as proved by a bearer token.
struct Principal {
  std::string client_id;
  std::vector<std::string> roles;
  core::TimePoint expires_at;
};

struct TokenSettings {
  std::string issuer = "greenlane";
  std::string audience = "greenlane-api";
  std::chrono::seconds ttl{15 * 60};
};

struct IssuedToken {
  std::string access_token;
  std::chrono::seconds expires_in;
};

/// Issues the short-lived JWTs of the client-credentials flow (EdDSA, with the signing key's kid).
class TokenIssuer {
 public:
  TokenIssuer(security::Ed25519Key key, TokenSettings settings, const core::Clock& clock)
      : key_(std::move(key)), settings_(std::move(settings)), clock_(clock) {}
  IssuedToken Issue(const std::string& client_id, const std::vector<std::string>& roles) const;

 private:
  security::Ed25519Key key_;
  TokenSettings settings_;
  const core::Clock& clock_;
};

/// Verifies bearer tokens. A token that verified once is remembered until it expires, so a
/// client calling many times pays for one Ed25519 verification, not one per request. The cache is
/// bounded: when full it is cleared (tokens then verify again).
class TokenVerifier {
 public:
  TokenVerifier(const security::KeySet& keys, TokenSettings settings, const core::Clock& clock,
                const DisabledClients& disabled, std::size_t cache_capacity = 100000)
      : keys_(keys), settings_(std::move(settings)), clock_(clock), disabled_(disabled), capacity_(cache_capacity) {}

  /// The principal of an `Authorization` header value ("Bearer <jwt>"), or kUnauthenticated
  /// saying what is wrong (missing, not Bearer, malformed, bad signature, unknown kid, expired,
  /// client disabled).
  core::Result<Principal> Verify(std::string_view authorization_header) const;

 private:
  core::Result<Principal> VerifySignedToken(const std::string& token) const;

  const security::KeySet& keys_;
  TokenSettings settings_;
  const core::Clock& clock_;
  const DisabledClients& disabled_;
  std::size_t capacity_;
  mutable std::mutex mutex_;
  mutable std::unordered_map<std::string, Principal> cache_;
};

}  // namespace greenlane::api
