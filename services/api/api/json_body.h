#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "greenlane/core/error.h"

namespace greenlane::api {

/// Parses a request body that must be a JSON object; the error says where the JSON breaks.
core::Result<nlohmann::json> ParseJsonObject(const std::string& body);

/// The string member `name` of `object`: required, 1..max_length characters.
core::Result<std::string> RequiredString(const nlohmann::json& object, const std::string& name, std::size_t max_length);

}  // namespace greenlane::api
