#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "api/settings.h"
#include "greenlane/core/error.h"

namespace greenlane::risk {

/// `name` in settings.data_dir as JSON; throws core::ConfigError naming the file when it cannot be
/// read or is not well-formed.
nlohmann::json ReadDataFile(const RiskSettings& settings, const std::string& name);

/// A loader's result, or core::ConfigError naming the file and the field.
template <typename T>
T ValidDataFile(core::Result<T> loaded, const RiskSettings& settings, const std::string& name) {
  if (!loaded) throw core::ConfigError(settings.data_dir + "/" + name + ": " + loaded.error().message);
  return *std::move(loaded);
}

}  // namespace greenlane::risk
