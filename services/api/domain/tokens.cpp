#include "domain/tokens.h"

#include "greenlane/core/uuid.h"
#include "greenlane/security/jwt.h"

namespace greenlane::api {

IssuedToken TokenIssuer::Issue(const std::string& client_id, const std::vector<std::string>& roles) const {
  security::JwtClaims claims;
  claims.issuer = settings_.issuer;
  claims.subject = client_id;
  claims.audience = settings_.audience;
  claims.roles = roles;
  claims.issued_at = clock_.Now();
  claims.expires_at = claims.issued_at + settings_.ttl;
  claims.jwt_id = core::Uuid::NewV7(clock_).ToString();
  return {security::IssueJwt(key_, claims), settings_.ttl};
}

core::Result<Principal> TokenVerifier::Verify(std::string_view authorization_header) const {
  if (authorization_header.empty()) {
    return core::Error::Unauthenticated("missing Authorization header: send 'Authorization: Bearer <access token>'");
  }
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization_header.size() <= kScheme.size() ||
      !std::equal(kScheme.begin(), kScheme.end(), authorization_header.begin(),
                  [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
    return core::Error::Unauthenticated("Authorization header must use the Bearer scheme");
  }
  auto principal = VerifySignedToken(std::string(authorization_header.substr(kScheme.size())));
  if (principal.ok() && disabled_.Contains(principal->client_id)) {
    return core::Error::Unauthenticated("client " + principal->client_id + " is disabled");
  }
  return principal;
}

core::Result<Principal> TokenVerifier::VerifySignedToken(const std::string& token) const {
  const auto now = clock_.Now();
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(token);
    if (it != cache_.end()) {
      if (it->second.expires_at > now) return it->second;
      cache_.erase(it);
    }
  }
  auto claims = security::VerifyJwt(keys_, token, clock_, settings_.issuer, settings_.audience);
  if (!claims.ok()) return claims.error();
  Principal principal{claims->subject, claims->roles, claims->expires_at};
  std::lock_guard lock(mutex_);
  if (cache_.size() >= capacity_) cache_.clear();
  cache_.emplace(token, principal);
  return principal;
}

}  // namespace greenlane::api
