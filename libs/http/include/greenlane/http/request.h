#pragma once

#include <boost/beast/http/fields.hpp>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace greenlane::http {

/// One HTTP request as handlers see it: the wire message already split into the parts a REST
/// handler needs, plus who is calling. The server fills everything except principal and roles,
/// which belong to the auth hook (Hooks::before).
struct Request {
  std::string method;  ///< as sent, e.g. "GET"
  std::string target;  ///< raw request target, e.g. "/v1/permits?page=2"
  std::string path;    ///< target without the query, still percent-encoded
  /// Query parameters, percent-decoded ('+' is a space). A repeated key keeps its first value so
  /// that a second copy cannot silently override a checked one.
  std::map<std::string, std::string> query;
  boost::beast::http::fields headers;
  std::string body;
  /// Values of the route's {name} segments, percent-decoded.
  std::map<std::string, std::string> path_params;
  std::string request_id;  ///< X-Request-Id when well-formed, else a new UUIDv7
  std::string remote_ip;
  std::string peer_subject;        ///< subject CN of the verified client certificate under mutual TLS, else ""
  std::string principal;           ///< set by the auth hook: who is calling
  std::vector<std::string> roles;  ///< set by the auth hook

  /// The value of header `name` (case-insensitive), or "" when absent.
  std::string_view Header(std::string_view name) const;
};

}  // namespace greenlane::http
