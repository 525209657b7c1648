#pragma once

#include <google/protobuf/message.h>

#include <map>
#include <string>

#include "greenlane/core/error.h"

namespace greenlane::api {

/// Whether a parameter may replace a value the JSON body already set.
enum class ParamSource { kQuery, kPath };

/// Sets the top-level fields of `message` named by `params` (a URL's query or path parameters):
/// strings, integers, booleans, enums by name and Timestamps in RFC 3339; `page_size` and
/// `page_token` go into a PageRequest field named `page`. A name that is not a field, a repeated
/// or message field, or a value that does not fit is an InvalidArgument naming the parameter; a
/// path parameter that contradicts the body is one too (the path names the resource).
core::Status ApplyParams(const std::map<std::string, std::string>& params, google::protobuf::Message& message,
                         ParamSource source);

}  // namespace greenlane::api
