#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "greenlane/core/error.h"

namespace greenlane::http {

inline constexpr std::string_view kProblemContentType = "application/problem+json";

/// What a handler answers. The server adds X-Request-Id, Content-Length and the connection
/// headers, so handlers only say what is specific to them.
struct Response {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  /// Extra headers, in order; a name may repeat (e.g. Set-Cookie, Link).
  std::vector<std::pair<std::string, std::string>> headers;

  static Response Json(unsigned status, const nlohmann::json& body);
  static Response Text(unsigned status, std::string body, std::string content_type = "text/plain; charset=utf-8");

  /// The value of extra header `name` (case-insensitive), or "" when absent.
  std::string_view Header(std::string_view name) const;
};

/// An RFC 9457 problem (application/problem+json) for a core::Error, with the status, type and
/// title of its row in the shared error table (core::MappingOf), so REST and gRPC clients see the
/// same classification. The server adds "request_id" to the body.
Response Problem(const core::Error& error, const std::string& instance = "");

/// A problem for an HTTP-level failure that has no core::ErrorKind (405, 431): `name` becomes
/// the type "urn:greenlane:problem:<name>".
Response Problem(unsigned status, std::string_view name, std::string_view title, const std::string& detail);

}  // namespace greenlane::http
