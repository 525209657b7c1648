#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "greenlane/core/error.h"

/// Parsing of the untrusted parts of a request line and headers, shared by the server and its
/// fuzz target.
namespace greenlane::http::wire {

/// Decodes %XX escapes (and '+' as a space when `plus_is_space`); nullopt on a malformed escape.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

struct Target {
  std::string path;                          ///< still percent-encoded
  std::map<std::string, std::string> query;  ///< decoded; a repeated key keeps its first value
};

/// Splits an origin-form request target ("/a/b?x=1&y=2"). The error names the part that is
/// malformed: a target not starting with '/', a bad escape in the path or in a query parameter.
core::Result<Target> ParseTarget(std::string_view target);

/// `text` cut to `max` characters (with "..." when cut): enough of a client's input to recognise
/// it in an error message without echoing a hostile line in full.
std::string Excerpt(std::string_view text, std::size_t max = 64);

/// True for 1-64 characters of [A-Za-z0-9._-]: safe to echo in headers and logs.
bool IsValidRequestId(std::string_view id);

/// The lower-case media type of a Content-Type value, without parameters:
/// "Application/JSON; charset=utf-8" -> "application/json".
std::string MediaType(std::string_view content_type);

}  // namespace greenlane::http::wire
