#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/date.h"
#include "domain/quantity.h"
#include "greenlane/core/error.h"

namespace greenlane::cites::json_reader {

/// Loaders read nested data where any field may be wrong; throwing this inside and converting it
/// once at the loader's edge (Catching) keeps each reader a straight line. Never escapes a loader.
class LoadError : public std::exception {
 public:
  explicit LoadError(core::Error error) : error_(std::move(error)) {}
  const char* what() const noexcept override { return error_.message.c_str(); }
  const core::Error& error() const { return error_; }

 private:
  core::Error error_;
};

/// "parent.key", or "key" at the root.
std::string Path(const std::string& parent, std::string_view key);
/// "parent[index]".
std::string Path(const std::string& parent, std::size_t index);

[[noreturn]] void Fail(std::string path, std::string message);

/// The member `key` of `object` (at `path`), which must be an object itself.
const nlohmann::json& Object(const nlohmann::json& object, std::string_view key, const std::string& path);
const nlohmann::json& Array(const nlohmann::json& object, std::string_view key, const std::string& path);
/// A non-empty string member.
std::string String(const nlohmann::json& object, std::string_view key, const std::string& path);
/// A string member that may be absent or null (then "").
std::string OptionalString(const nlohmann::json& object, std::string_view key, const std::string& path);
bool OptionalBool(const nlohmann::json& object, std::string_view key, const std::string& path, bool fallback);
int Int(const nlohmann::json& object, std::string_view key, const std::string& path, int min, int max);
Date DateField(const nlohmann::json& object, std::string_view key, const std::string& path);
/// A quantity written as a JSON integer or a decimal string; JSON fractions are refused because a
/// binary double cannot hold every decimal exactly.
Quantity QuantityField(const nlohmann::json& object, std::string_view key, const std::string& path);
/// A list of non-empty strings.
std::vector<std::string> Strings(const nlohmann::json& object, std::string_view key, const std::string& path);

/// Runs `load` and turns a LoadError into the Error of a core::Result.
template <typename Load>
auto Catching(Load&& load) -> core::Result<decltype(load())> {
  try {
    return load();
  } catch (const LoadError& failure) {
    return failure.error();
  }
}

}  // namespace greenlane::cites::json_reader
