#include "greenlane/security/jwt.h"

#include <catch2/catch.hpp>

#include "greenlane/security/jws.h"

using namespace greenlane::security;
using greenlane::core::ManualClock;
using greenlane::core::ParseRfc3339;
using greenlane::core::TimePoint;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

const TimePoint kIssued = ParseRfc3339("2026-11-22T08:00:00Z").value();
const std::string kIssuer = "https://auth.greenlane.example";
const std::string kAudience = "greenlane-api";

struct Fixture {
  Ed25519Key key = Ed25519Key::Generate();
  KeySet keys;
  ManualClock clock{kIssued};

  Fixture() { keys.Add(key); }

  JwtClaims Claims() const {
    JwtClaims claims;
    claims.issuer = kIssuer;
    claims.subject = "client-single-window";
    claims.audience = kAudience;
    claims.roles = {"trader", "officer"};
    claims.issued_at = kIssued;
    claims.expires_at = kIssued + minutes(15);
    claims.jwt_id = "0193f1c2-7d3e-7000-8000-000000000001";
    claims.extra = {{"economy", "GA"}};
    return claims;
  }

  greenlane::core::Result<JwtClaims> Verify(const std::string& token, const std::string& issuer = kIssuer,
                                            const std::string& audience = kAudience) const {
    return VerifyJwt(keys, token, clock, issuer, audience);
  }
};

std::string RejectionOf(const greenlane::core::Result<JwtClaims>& result) {
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == greenlane::core::ErrorKind::kUnauthenticated);
  return result.error().message;
}

}  // namespace

TEST_CASE("an issued JWT verifies and gives back its claims") {
  Fixture f;
  const auto claims = f.Verify(IssueJwt(f.key, f.Claims()));
  REQUIRE(claims.ok());
  CHECK(claims->issuer == kIssuer);
  CHECK(claims->subject == "client-single-window");
  CHECK(claims->audience == kAudience);
  CHECK(claims->roles == std::vector<std::string>{"trader", "officer"});
  CHECK(claims->issued_at == kIssued);
  CHECK(claims->expires_at == kIssued + minutes(15));
  CHECK(claims->jwt_id == "0193f1c2-7d3e-7000-8000-000000000001");
  CHECK(claims->extra == nlohmann::json{{"economy", "GA"}});
}

TEST_CASE("a JWT is refused once expired, allowing the leeway for clock skew") {
  Fixture f;
  const std::string token = IssueJwt(f.key, f.Claims());
  f.clock.Set(kIssued + minutes(15) + seconds(29));
  CHECK(f.Verify(token).ok());
  f.clock.Set(kIssued + minutes(15) + seconds(30));
  CHECK_THAT(RejectionOf(f.Verify(token)), Catch::Contains("token expired at 2026-11-22T08:15:00"));
  CHECK(VerifyJwt(f.keys, token, f.clock, kIssuer, kAudience, seconds(60)).ok());
}

TEST_CASE("a JWT issued or valid only in the future is refused beyond the leeway") {
  Fixture f;
  JwtClaims claims = f.Claims();
  claims.issued_at = kIssued + seconds(20);
  CHECK(f.Verify(IssueJwt(f.key, claims)).ok());
  claims.issued_at = kIssued + minutes(2);
  CHECK_THAT(RejectionOf(f.Verify(IssueJwt(f.key, claims))), Catch::Contains("issued in the future"));
  claims = f.Claims();
  claims.extra["nbf"] = greenlane::core::ToUnixSeconds(kIssued + minutes(5));
  CHECK_THAT(RejectionOf(f.Verify(IssueJwt(f.key, claims))), Catch::Contains("not valid before 2026-11-22T08:05:00"));
  f.clock.Advance(minutes(5));
  CHECK(f.Verify(IssueJwt(f.key, claims)).ok());
}

TEST_CASE("a JWT for another issuer or audience is refused naming both") {
  Fixture f;
  const std::string token = IssueJwt(f.key, f.Claims());
  CHECK_THAT(RejectionOf(f.Verify(token, "https://evil.example")),
             Catch::Contains(kIssuer) && Catch::Contains("https://evil.example"));
  CHECK_THAT(RejectionOf(f.Verify(token, kIssuer, "greenlane-admin")),
             Catch::Contains("greenlane-api") && Catch::Contains("greenlane-admin"));
}

TEST_CASE("a JWT whose aud is a list is accepted when the list names us") {
  Fixture f;
  nlohmann::json payload = {{"iss", kIssuer},
                            {"sub", "c1"},
                            {"aud", {"other", kAudience}},
                            {"iat", greenlane::core::ToUnixSeconds(kIssued)},
                            {"exp", greenlane::core::ToUnixSeconds(kIssued + minutes(1))}};
  const auto claims = f.Verify(SignJws(f.key, payload, {{"typ", "JWT"}}));
  REQUIRE(claims.ok());
  CHECK(claims->audience == kAudience);
  CHECK(claims->roles.empty());
  payload["aud"] = {"other"};
  CHECK_FALSE(f.Verify(SignJws(f.key, payload, {{"typ", "JWT"}})).ok());
}

TEST_CASE("a signed document that is not a JWT cannot pass as an access token") {
  Fixture f;
  nlohmann::json payload = {{"iss", kIssuer},
                            {"sub", "c1"},
                            {"aud", kAudience},
                            {"iat", greenlane::core::ToUnixSeconds(kIssued)},
                            {"exp", greenlane::core::ToUnixSeconds(kIssued + minutes(1))}};
  CHECK_THAT(RejectionOf(f.Verify(SignJws(f.key, payload, {{"typ", "greenlane-permit+jws"}}))), Catch::Contains("typ"));
  CHECK_THAT(RejectionOf(f.Verify(SignJws(f.key, payload))), Catch::Contains("typ"));
  CHECK(f.Verify(SignJws(f.key, payload, {{"typ", "jwt"}})).ok());
}

TEST_CASE("a JWT with missing or malformed registered claims is refused") {
  Fixture f;
  const nlohmann::json good = {{"iss", kIssuer},
                               {"sub", "c1"},
                               {"aud", kAudience},
                               {"iat", greenlane::core::ToUnixSeconds(kIssued)},
                               {"exp", greenlane::core::ToUnixSeconds(kIssued + minutes(1))}};
  const auto with = [&](const char* name, nlohmann::json value) {
    nlohmann::json payload = good;
    if (value.is_discarded()) {
      payload.erase(name);
    } else {
      payload[name] = std::move(value);
    }
    return f.Verify(SignJws(f.key, payload, {{"typ", "JWT"}}));
  };
  const nlohmann::json absent(nlohmann::json::value_t::discarded);
  CHECK_THAT(RejectionOf(with("exp", absent)), Catch::Contains("exp is missing"));
  CHECK_THAT(RejectionOf(with("exp", "tomorrow")), Catch::Contains("exp must be a number"));
  CHECK_THAT(RejectionOf(with("exp", 1e300)), Catch::Contains("exp is out of range"));
  CHECK_THAT(RejectionOf(with("iat", absent)), Catch::Contains("iat is missing"));
  CHECK_THAT(RejectionOf(with("sub", absent)), Catch::Contains("sub"));
  CHECK_THAT(RejectionOf(with("iss", 5)), Catch::Contains("issuer"));
  CHECK_THAT(RejectionOf(with("roles", "admin")), Catch::Contains("roles"));
  CHECK_THAT(RejectionOf(with("roles", {"trader", 3})), Catch::Contains("roles"));
}

TEST_CASE("a JWT from an untrusted key is refused") {
  Fixture f;
  const auto result = f.Verify(IssueJwt(Ed25519Key::Generate(), f.Claims()));
  CHECK_THAT(RejectionOf(result), Catch::Contains("unknown kid"));
}
