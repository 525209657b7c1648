#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace greenlane::core {

/// Bad start-up configuration. The message names the variable, the value and the rule; main()
/// prints it and exits non-zero.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Looks up environment variables; tests pass a map instead of the process environment.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

/// The process environment.
EnvLookup ProcessEnv();

/// A service's configuration: `GREENLANE_<SERVICE>_<NAME>` environment variables over an optional
/// JSON file named by `GREENLANE_<SERVICE>_CONFIG_FILE` (keys are the lower-case NAME, e.g.
/// `"port": 8080`). Shared infrastructure settings fall back to `GREENLANE_<NAME>` (e.g.
/// `GREENLANE_PG_URL`) when the service-specific variable is unset.
///
/// Every getter records the variable with its description and default, so `Describe()` can print
/// the full list (`--help-config`) and the READMEs can be checked against it.
class Config {
 public:
  /// Reads the JSON file if one is configured. Throws ConfigError if it cannot be read or parsed.
  Config(std::string service, EnvLookup env = ProcessEnv());

  std::string String(const std::string& name, const std::string& fallback, const std::string& description);
  std::string RequiredString(const std::string& name, const std::string& description);
  std::int64_t Int(const std::string& name, std::int64_t fallback, std::int64_t min, std::int64_t max,
                   const std::string& description);
  bool Bool(const std::string& name, bool fallback, const std::string& description);
  /// Durations are written with a unit: "250ms", "15s", "10m", "2h".
  std::chrono::milliseconds Duration(const std::string& name, std::chrono::milliseconds fallback,
                                     const std::string& description);
  /// A comma-separated list, e.g. "a,b,c"; empty items are dropped.
  std::vector<std::string> List(const std::string& name, const std::vector<std::string>& fallback,
                                const std::string& description);

  /// For `--help-config`: required settings that are missing read as "" instead of throwing, so
  /// every variable can be listed on a machine where none is set.
  void SetDescribeOnly(bool describe_only) { describe_only_ = describe_only; }

  /// The variable name for `name`, e.g. "port" -> "GREENLANE_API_PORT".
  std::string VariableName(const std::string& name) const;

  struct Entry {
    std::string variable;
    std::string default_value;
    std::string description;
  };
  /// Every variable read so far, in order.
  const std::vector<Entry>& Entries() const { return entries_; }
  /// A table of Entries() for `--help-config`.
  std::string Describe() const;

 private:
  std::optional<std::string> Lookup(const std::string& name) const;
  void Record(const std::string& name, const std::string& fallback, const std::string& description);

  std::string service_;
  EnvLookup env_;
  nlohmann::json file_;
  std::vector<Entry> entries_;
  bool describe_only_ = false;
};

/// Parses "250ms", "15s", "10m", "2h" (a plain number means seconds). nullopt when malformed.
std::optional<std::chrono::milliseconds> ParseDuration(const std::string& text);

}  // namespace greenlane::core
