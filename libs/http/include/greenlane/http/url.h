#pragma once

#include <string>
#include <string_view>

#include "greenlane/core/error.h"

namespace greenlane::http {

/// An absolute http(s) URL taken apart for http::Client: where to connect and the target to send.
struct Url {
  bool tls = true;
  std::string host;
  unsigned short port = 443;
  std::string target = "/";  ///< path and query
};

/// Parses `https://host[:port][/path][?query]` (and `http://` only when `allow_http`) for the
/// URLs Greenlane calls out to: clients' webhooks, partner economies' exchange endpoints. Refuses,
/// as an InvalidArgument on `field` whose message starts "<field>.format:", anything it could not
/// call safely: another scheme, user information, a fragment, an empty host, a port outside
/// 1..65535, characters outside printable ASCII, more than 2,000 characters.
core::Result<Url> ParseUrl(std::string_view url, bool allow_http, const std::string& field);

}  // namespace greenlane::http
