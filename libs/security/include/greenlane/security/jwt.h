#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"
#include "greenlane/security/ed25519.h"
#include "greenlane/security/key_set.h"

namespace greenlane::security {

/// The claims of a Greenlane access token (RFC 7519).
struct JwtClaims {
  std::string issuer;                               ///< iss
  std::string subject;                              ///< sub: the client id
  std::string audience;                             ///< aud
  std::vector<std::string> roles;                   ///< roles (DESIGN §7)
  core::TimePoint issued_at;                        ///< iat, whole seconds
  core::TimePoint expires_at;                       ///< exp, whole seconds
  std::string jwt_id;                               ///< jti, omitted when empty
  nlohmann::json extra = nlohmann::json::object();  ///< other claims; the registered ones above win on a clash
};

/// Signs `claims` as a JWT (JWS header typ "JWT"; claims iss sub aud roles iat exp jti and `extra`).
std::string IssueJwt(const Ed25519Key& key, const JwtClaims& claims);

/// Verifies the JWS (see VerifyJws) and then the claims: header typ must be "JWT" (so a signed
/// permit can never pass as an access token, RFC 8725 §3.11), exp must be in the future ("token
/// expired at ..."), iat and nbf must not be in the future, all within `leeway` of clock skew; iss
/// must equal `issuer` and aud must be or contain `audience`. Every failure is kUnauthenticated.
core::Result<JwtClaims> VerifyJwt(const KeySet& keys, std::string_view token, const core::Clock& clock,
                                  const std::string& issuer, const std::string& audience,
                                  std::chrono::seconds leeway = std::chrono::seconds(30));

}  // namespace greenlane::security
