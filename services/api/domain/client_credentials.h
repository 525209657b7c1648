#pragma once

#include <string>
#include <string_view>

#include "greenlane/core/error.h"

namespace greenlane::api {

/// The credentials of an OAuth2 client-credentials token request (RFC 6749 §4.4).
struct ClientCredentials {
  std::string client_id;
  std::string client_secret;
};

/// Reads a token request: a form-encoded body with grant_type=client_credentials, and the
/// client's id and secret either in HTTP Basic (RFC 6749 §2.3.1) or as client_id/client_secret
/// body fields, but not both. Errors name the field; `oauth_error` tells the RFC 6749 §5.2 code.
struct TokenRequestError {
  core::Error error;
  std::string oauth_error;  ///< invalid_request, invalid_client or unsupported_grant_type
};
struct TokenRequestParse {
  bool ok = false;
  ClientCredentials credentials;
  TokenRequestError failure;
};
TokenRequestParse ParseTokenRequest(std::string_view form_body, std::string_view authorization_header);

}  // namespace greenlane::api
