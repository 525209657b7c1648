#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"

namespace greenlane::risk {

/// Readers shared by the declaration parser and the loaders of rules.json and model.json. Each
/// error names the field as a JSON pointer ("/goods_items/2/hs_code") so whoever sent the document
/// or edits the file finds the place at once.

/// Fails unless `value` is an object whose keys are all in `known` (a misspelt condition would
/// otherwise be silently ignored and the rule would hit everything) and holds every `required` key.
core::Status CheckObject(const nlohmann::json& value, const std::string& path,
                         std::initializer_list<std::string_view> known,
                         std::initializer_list<std::string_view> required);

/// An error for `path` saying what was expected instead.
core::Error FieldError(const std::string& path, std::string_view expected);

/// `object[key]` as a non-empty string of at most `max_size` bytes; `fallback` when absent and a
/// fallback is given, an error when absent and none is.
core::Result<std::string> ReadString(const nlohmann::json& object, const std::string& path, std::string_view key,
                                     std::optional<std::string> fallback = std::nullopt, std::size_t max_size = 512);

/// `object[key]` as a list of non-empty strings; empty when absent.
core::Result<std::vector<std::string>> ReadStringList(const nlohmann::json& object, const std::string& path,
                                                      std::string_view key);

/// `object[key]` as a number in [min, max]; `fallback` when absent and given.
core::Result<double> ReadNumber(const nlohmann::json& object, const std::string& path, std::string_view key, double min,
                                double max, std::optional<double> fallback = std::nullopt);

/// `object[key]` as an instant: RFC 3339 or a plain date "2026-01-31" meaning its midnight UTC;
/// nullopt when absent.
core::Result<std::optional<core::TimePoint>> ReadInstant(const nlohmann::json& object, const std::string& path,
                                                         std::string_view key);

}  // namespace greenlane::risk
