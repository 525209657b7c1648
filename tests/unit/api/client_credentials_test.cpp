#include "domain/client_credentials.h"

#include <catch2/catch.hpp>

using greenlane::api::ParseTokenRequest;

TEST_CASE("credentials in HTTP Basic") {
  // "client-1:s3cret" in standard base64
  auto parse = ParseTokenRequest("grant_type=client_credentials", "Basic Y2xpZW50LTE6czNjcmV0");
  REQUIRE(parse.ok);
  CHECK(parse.credentials.client_id == "client-1");
  CHECK(parse.credentials.client_secret == "s3cret");
}

TEST_CASE("credentials in the form body, form-decoded") {
  auto parse = ParseTokenRequest("grant_type=client_credentials&client_id=abc&client_secret=a%2Bb+c", "");
  REQUIRE(parse.ok);
  CHECK(parse.credentials.client_id == "abc");
  CHECK(parse.credentials.client_secret == "a+b c");
}

TEST_CASE("token requests that break RFC 6749 are refused with the OAuth error code and the field") {
  auto missing_grant = ParseTokenRequest("client_id=a&client_secret=b", "");
  CHECK_FALSE(missing_grant.ok);
  CHECK(missing_grant.failure.oauth_error == "invalid_request");
  CHECK(missing_grant.failure.error.field == "grant_type");

  auto wrong_grant = ParseTokenRequest("grant_type=password&client_id=a&client_secret=b", "");
  CHECK(wrong_grant.failure.oauth_error == "unsupported_grant_type");

  auto both = ParseTokenRequest("grant_type=client_credentials&client_id=a&client_secret=b", "Basic YTpi");
  CHECK(both.failure.oauth_error == "invalid_request");

  auto none = ParseTokenRequest("grant_type=client_credentials", "");
  CHECK(none.failure.oauth_error == "invalid_client");
  CHECK(none.failure.error.kind == greenlane::core::ErrorKind::kUnauthenticated);

  auto repeated = ParseTokenRequest("grant_type=client_credentials&grant_type=client_credentials", "");
  CHECK(repeated.failure.oauth_error == "invalid_request");
  CHECK(repeated.failure.error.message.find("repeated") != std::string::npos);

  auto bad_basic = ParseTokenRequest("grant_type=client_credentials", "Basic !!!notbase64");
  CHECK(bad_basic.failure.oauth_error == "invalid_client");

  auto bearer = ParseTokenRequest("grant_type=client_credentials", "Bearer abc");
  CHECK(bearer.failure.oauth_error == "invalid_client");

  auto oversized =
      ParseTokenRequest("grant_type=client_credentials&client_id=a&client_secret=" + std::string(300, 'x'), "");
  CHECK(oversized.failure.error.field == "client_secret");
}

TEST_CASE("a broken %-escape in the form is an invalid_request") {
  auto parse = ParseTokenRequest("grant_type=client_credentials&client_id=a%2", "");
  CHECK(parse.failure.oauth_error == "invalid_request");
  CHECK(parse.failure.error.field == "body");
}
