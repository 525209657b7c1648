#include "domain/client_credentials.h"

#include <map>
#include <optional>

#include "greenlane/http/wire.h"
#include "greenlane/security/base64url.h"

namespace greenlane::api {
namespace {

std::optional<std::string> FormDecode(std::string_view text) { return http::wire::PercentDecode(text, true); }

TokenRequestParse Fail(std::string oauth_error, std::string field, std::string message) {
  TokenRequestParse parse;
  const auto kind =
      oauth_error == "invalid_client" ? core::ErrorKind::kUnauthenticated : core::ErrorKind::kInvalidArgument;
  parse.failure = {core::Error{kind, std::move(message), std::move(field)}, std::move(oauth_error)};
  return parse;
}

// Standard base64 (HTTP Basic uses it, not base64url): translate, then decode.
std::optional<std::string> DecodeBase64(std::string_view text) {
  std::string url(text);
  while (!url.empty() && url.back() == '=') url.pop_back();
  for (char& c : url) {
    if (c == '+')
      c = '-';
    else if (c == '/')
      c = '_';
    else if (c == '-' || c == '_')
      return std::nullopt;
  }
  return security::Base64UrlDecode(url);
}

}  // namespace

TokenRequestParse ParseTokenRequest(std::string_view form_body, std::string_view authorization_header) {
  std::map<std::string, std::string> fields;
  std::size_t start = 0;
  while (start < form_body.size()) {
    const std::size_t amp = std::min(form_body.find('&', start), form_body.size());
    const std::string_view pair = form_body.substr(start, amp - start);
    start = amp + 1;
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    auto name = FormDecode(pair.substr(0, eq));
    auto value = FormDecode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1));
    if (!name || !value) return Fail("invalid_request", "body", "the form body has a malformed %-escape");
    if (fields.count(*name)) {
      return Fail("invalid_request", http::wire::Excerpt(*name),
                  "parameter '" + http::wire::Excerpt(*name) + "' is repeated (RFC 6749 §3.2)");
    }
    fields.emplace(std::move(*name), std::move(*value));
  }

  const auto grant = fields.find("grant_type");
  if (grant == fields.end()) return Fail("invalid_request", "grant_type", "grant_type is required");
  if (grant->second != "client_credentials") {
    return Fail("unsupported_grant_type", "grant_type",
                "grant_type '" + http::wire::Excerpt(grant->second) + "' is not supported: use client_credentials");
  }

  const bool in_body = fields.count("client_id") || fields.count("client_secret");
  TokenRequestParse parse;
  if (!authorization_header.empty()) {
    if (in_body) {
      return Fail("invalid_request", "client_id",
                  "send client credentials either in HTTP Basic or in the body, not both (RFC 6749 §2.3)");
    }
    constexpr std::string_view kBasic = "Basic ";
    if (authorization_header.substr(0, kBasic.size()) != kBasic) {
      return Fail("invalid_client", "Authorization", "the token endpoint takes HTTP Basic client authentication");
    }
    auto decoded = DecodeBase64(authorization_header.substr(kBasic.size()));
    if (!decoded || decoded->find(':') == std::string::npos) {
      return Fail("invalid_client", "Authorization", "the Basic credentials are not base64 of 'client_id:secret'");
    }
    const std::size_t colon = decoded->find(':');
    auto id = FormDecode(decoded->substr(0, colon));
    auto secret = FormDecode(decoded->substr(colon + 1));
    if (!id || !secret) return Fail("invalid_client", "Authorization", "the Basic credentials have a bad %-escape");
    parse.credentials = {std::move(*id), std::move(*secret)};
  } else {
    if (!fields.count("client_id") || !fields.count("client_secret")) {
      return Fail("invalid_client", fields.count("client_id") ? "client_secret" : "client_id",
                  "client authentication is required: HTTP Basic, or client_id and client_secret in the body");
    }
    parse.credentials = {fields["client_id"], fields["client_secret"]};
  }
  if (parse.credentials.client_id.empty() || parse.credentials.client_id.size() > 64) {
    return Fail("invalid_client", "client_id", "client_id must be 1 to 64 characters");
  }
  if (parse.credentials.client_secret.empty() || parse.credentials.client_secret.size() > 256) {
    return Fail("invalid_client", "client_secret", "client_secret must be 1 to 256 characters");
  }
  parse.ok = true;
  return parse;
}

}  // namespace greenlane::api
