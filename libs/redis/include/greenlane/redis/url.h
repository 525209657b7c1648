#pragma once

#include <string>

#include "greenlane/core/error.h"

namespace greenlane::redis {

/// Where a Redis server is and how to log in to it.
struct Endpoint {
  std::string host;
  int port = 6379;
  int db = 0;
  std::string username;  ///< empty: the default user
  std::string password;  ///< empty: no AUTH
  /// "host:port/db", safe for logs (never the password).
  std::string Describe() const;
};

/// Parses "redis://[[user]:password@]host[:port][/db]". kInvalidArgument (field "url") naming the
/// problem otherwise; the message never repeats the password.
core::Result<Endpoint> ParseUrl(const std::string& url);

}  // namespace greenlane::redis
