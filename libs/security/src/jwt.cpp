#include "greenlane/security/jwt.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>

#include "greenlane/security/jws.h"

namespace greenlane::security {
namespace {

// NumericDates past this (about year 2255) are refused: core::TimePoint counts nanoseconds in 64 bits
// and would overflow near 2262.
constexpr double kMaxNumericDate = 9e9;

core::Error Reject(std::string reason) { return core::Error::Unauthenticated("invalid token: " + std::move(reason)); }

/// Reads a NumericDate claim (RFC 7519 §2: seconds since the epoch, fractions allowed).
/// nullopt when absent; an error when present but not a sensible number.
core::Result<std::optional<core::TimePoint>> NumericDate(const nlohmann::json& claims, const char* name) {
  const auto it = claims.find(name);
  if (it == claims.end()) return std::optional<core::TimePoint>();
  if (!it->is_number()) return Reject(std::string(name) + " must be a number of seconds, got " + it->dump());
  const double seconds = it->get<double>();
  if (!std::isfinite(seconds) || std::fabs(seconds) > kMaxNumericDate) {
    return Reject(std::string(name) + " is out of range: " + it->dump());
  }
  return std::optional<core::TimePoint>(core::TimePoint(std::chrono::seconds(static_cast<std::int64_t>(seconds))));
}

std::optional<std::string> StringClaim(const nlohmann::json& claims, const char* name) {
  const auto it = claims.find(name);
  if (it == claims.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

bool AudienceMatches(const nlohmann::json& aud, const std::string& audience) {
  if (aud.is_string()) return aud == audience;
  return aud.is_array() && std::find(aud.begin(), aud.end(), audience) != aud.end();
}

bool IsJwtType(const nlohmann::json& header) {
  const auto typ = header.find("typ");
  if (typ == header.end() || !typ->is_string()) return false;
  std::string value = typ->get<std::string>();
  std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::toupper(c); });
  return value == "JWT";  // RFC 7515 §4.1.9: media types compare case-insensitively
}

}  // namespace

std::string IssueJwt(const Ed25519Key& key, const JwtClaims& claims) {
  nlohmann::json payload = claims.extra.is_object() ? claims.extra : nlohmann::json::object();
  payload["iss"] = claims.issuer;
  payload["sub"] = claims.subject;
  payload["aud"] = claims.audience;
  payload["roles"] = claims.roles;
  payload["iat"] = core::ToUnixSeconds(claims.issued_at);
  payload["exp"] = core::ToUnixSeconds(claims.expires_at);
  if (!claims.jwt_id.empty()) payload["jti"] = claims.jwt_id;
  return SignJws(key, payload, {{"typ", "JWT"}});
}

core::Result<JwtClaims> VerifyJwt(const KeySet& keys, std::string_view token, const core::Clock& clock,
                                  const std::string& issuer, const std::string& audience, std::chrono::seconds leeway) {
  auto jws = VerifyJws(keys, token);
  if (!jws.ok()) return jws.error();
  if (!IsJwtType(jws->header)) return Reject("header typ must be \"JWT\" for an access token");
  const nlohmann::json& payload = jws->payload;
  const core::TimePoint now = clock.Now();

  auto exp = NumericDate(payload, "exp");
  if (!exp.ok()) return exp.error();
  if (!exp->has_value()) return Reject("exp is missing; access tokens must expire");
  if (now >= **exp + leeway) return Reject("token expired at " + core::FormatRfc3339(**exp));
  auto iat = NumericDate(payload, "iat");
  if (!iat.ok()) return iat.error();
  if (!iat->has_value()) return Reject("iat is missing");
  if (**iat > now + leeway) return Reject("token issued in the future, at " + core::FormatRfc3339(**iat));
  auto nbf = NumericDate(payload, "nbf");
  if (!nbf.ok()) return nbf.error();
  if (nbf->has_value() && **nbf > now + leeway) {
    return Reject("token not valid before " + core::FormatRfc3339(**nbf));
  }

  const auto iss = StringClaim(payload, "iss");
  if (iss != issuer) {
    return Reject("issuer " + payload.value("iss", nlohmann::json()).dump() + " is not the expected \"" + issuer +
                  "\"");
  }
  const auto aud = payload.find("aud");
  if (aud == payload.end() || !AudienceMatches(*aud, audience)) {
    return Reject("audience " + payload.value("aud", nlohmann::json()).dump() + " does not include \"" + audience +
                  "\"");
  }
  const auto sub = StringClaim(payload, "sub");
  if (!sub || sub->empty()) return Reject("sub must be a non-empty string");

  JwtClaims claims;
  claims.issuer = *iss;
  claims.subject = *sub;
  claims.audience = audience;
  if (const auto roles = payload.find("roles"); roles != payload.end()) {
    if (!roles->is_array()) return Reject("roles must be an array of strings");
    for (const auto& role : *roles) {
      if (!role.is_string()) return Reject("roles must be an array of strings, found " + role.dump());
      claims.roles.push_back(role.get<std::string>());
    }
  }
  claims.issued_at = **iat;
  claims.expires_at = **exp;
  claims.jwt_id = StringClaim(payload, "jti").value_or("");
  claims.extra = payload;
  for (const char* registered : {"iss", "sub", "aud", "roles", "iat", "exp", "nbf", "jti"}) {
    claims.extra.erase(registered);
  }
  return claims;
}

}  // namespace greenlane::security
