#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "greenlane/core/error.h"

namespace greenlane::timber {

/// Helpers for the loaders of the service's data files. Each error names the field as a JSON
/// pointer ("/transport/speed_kmh/warning") so whoever edits the file finds the line at once.

/// Fails unless `value` is an object whose keys are all in `known` (a misspelt limit would
/// otherwise be silently ignored) and every key in `required` is present.
core::Status CheckObject(const nlohmann::json& value, const std::string& path,
                         std::initializer_list<std::string_view> known,
                         std::initializer_list<std::string_view> required);

/// `value[key]` when `value` is an object holding it, else an error naming path/key.
core::Result<const nlohmann::json*> Member(const nlohmann::json& value, const std::string& path, std::string_view key);

/// A non-empty string.
core::Result<std::string> ReadString(const nlohmann::json& value, const std::string& path);

/// An integer in [min, max].
core::Result<std::int64_t> ReadInteger(const nlohmann::json& value, const std::string& path, std::int64_t min,
                                       std::int64_t max);

/// An error for `path` saying what was expected instead.
core::Error FieldError(const std::string& path, std::string_view expected);

}  // namespace greenlane::timber
