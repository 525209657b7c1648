#pragma once

#include <exception>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "greenlane/core/error.h"
#include "greenlane/instruments/decimal.h"

namespace greenlane::identify::rule_support {

/// The identification tables (refrigerants, XRF action levels, wood taxa, qPCR assays) are data
/// files people edit. Their loaders read nested objects where any member may be wrong; a reader
/// that throws LoadError inside and is converted once by Catching keeps each loader a straight
/// line. Every error names the member as a JSON pointer ("/blends/3/components/0/percent") and
/// is ErrorKind::kInvalidArgument. LoadError never escapes a loader.
class LoadError : public std::exception {
 public:
  explicit LoadError(core::Error error) : error_(std::move(error)) {}
  const char* what() const noexcept override { return error_.message.c_str(); }
  const core::Error& error() const { return error_; }

 private:
  core::Error error_;
};

[[noreturn]] void Fail(const std::string& path, std::string_view message);

/// One JSON object of a data file at `path`. Members outside `known` are refused, so a misspelt
/// limit is an error instead of a silently ignored default.
class ObjectReader {
 public:
  ObjectReader(const nlohmann::json& value, std::string path, std::initializer_list<std::string_view> known);

  /// A required non-empty string.
  std::string String(std::string_view key) const;
  /// "" when absent or null.
  std::string OptionalString(std::string_view key) const;
  /// A decimal written as a JSON string ("0.055") or integer (98). JSON fractions are refused:
  /// a binary double cannot hold every decimal a limit is written in.
  instruments::Decimal Decimal(std::string_view key) const;
  /// Nullopt when absent or null.
  std::optional<instruments::Decimal> OptionalDecimal(std::string_view key) const;
  /// A list of non-empty strings; an absent member is an empty list.
  std::vector<std::string> Strings(std::string_view key) const;
  /// An object of lists of non-empty strings ({"Pb": ["Y31"]}), each list non-empty.
  std::map<std::string, std::vector<std::string>, std::less<>> StringListMap(std::string_view key) const;
  /// The nested object `key`.
  ObjectReader Object(std::string_view key, std::initializer_list<std::string_view> known) const;
  /// Every element of the required array `key`, each an object with members in `known`.
  std::vector<ObjectReader> Objects(std::string_view key, std::initializer_list<std::string_view> known) const;
  bool Has(std::string_view key) const;

  /// "/path/key", for errors about a member found valid in form but wrong in meaning.
  std::string PathOf(std::string_view key) const;

 private:
  const nlohmann::json& Required(std::string_view key) const;

  const nlohmann::json* value_;
  std::string path_;
};

/// Runs `load` and turns a LoadError into the Error of a core::Result.
template <typename Load>
auto Catching(Load&& load) -> core::Result<decltype(load())> {
  try {
    return load();
  } catch (const LoadError& failure) {
    return failure.error();
  }
}

}  // namespace greenlane::identify::rule_support
