#pragma once

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>

#include "greenlane/core/config.h"

namespace greenlane::testing {

/// An environment made of `values`, for core::Config in tests.
inline core::EnvLookup MapEnv(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
    const auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

/// Checks that the README at `readme_path` (relative to the source tree) names, in backquotes,
/// every variable `config` has read (and the service's CONFIG_FILE variable), and that it read at
/// least `minimum` of them.
inline void CheckReadmeDocuments(const core::Config& config, const std::string& readme_path, std::size_t minimum) {
  std::ifstream in(std::string(GREENLANE_SOURCE_DIR) + "/" + readme_path);
  REQUIRE(in);
  std::stringstream readme;
  readme << in.rdbuf();
  REQUIRE(config.Entries().size() >= minimum);
  // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string.
  const auto documented = [&](const std::string& variable) {
    std::string quoted(1, '`');
    quoted.append(variable).push_back('`');
    return readme.str().find(quoted) != std::string::npos;
  };
  for (const auto& entry : config.Entries()) {
    INFO(entry.variable);
    CHECK(documented(entry.variable));
  }
  CHECK(documented(config.VariableName("config_file")));
}

}  // namespace greenlane::testing
