#include "greenlane/core/config.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace greenlane::core {
namespace {

std::string Upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
  return text;
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string JsonScalarToString(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    std::string joined;
    for (const auto& item : value) {
      if (!joined.empty()) joined += ",";
      joined += JsonScalarToString(item);
    }
    return joined;
  }
  return value.dump();
}

}  // namespace

EnvLookup ProcessEnv() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

Config::Config(std::string service, EnvLookup env) : service_(std::move(service)), env_(std::move(env)) {
  const std::string file_variable = VariableName("config_file");
  const auto path = env_(file_variable);
  if (!path || path->empty()) return;
  std::ifstream in(*path);
  if (!in) throw ConfigError(file_variable + ": cannot open '" + *path + "'");
  try {
    file_ = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw ConfigError(file_variable + ": '" + *path + "' is not valid JSON: " + e.what());
  }
  if (!file_.is_object()) throw ConfigError(file_variable + ": '" + *path + "' must hold a JSON object");
}

std::string Config::VariableName(const std::string& name) const {
  return "GREENLANE_" + Upper(service_) + "_" + Upper(name);
}

std::optional<std::string> Config::Lookup(const std::string& name) const {
  if (auto value = env_(VariableName(name))) return value;
  const std::string key = Lower(name);
  if (file_.is_object() && file_.contains(key)) return JsonScalarToString(file_.at(key));
  if (auto shared = env_("GREENLANE_" + Upper(name))) return shared;
  return std::nullopt;
}

void Config::Record(const std::string& name, const std::string& fallback, const std::string& description) {
  const std::string variable = VariableName(name);
  const bool seen =
      std::any_of(entries_.begin(), entries_.end(), [&](const Entry& entry) { return entry.variable == variable; });
  if (!seen) entries_.push_back({variable, fallback, description});
}

std::string Config::String(const std::string& name, const std::string& fallback, const std::string& description) {
  Record(name, fallback, description);
  return Lookup(name).value_or(fallback);
}

std::string Config::RequiredString(const std::string& name, const std::string& description) {
  Record(name, "(required)", description);
  auto value = Lookup(name);
  if (!value || value->empty()) {
    if (describe_only_) return "";
    throw ConfigError(VariableName(name) + " is required: " + description);
  }
  return *value;
}

std::int64_t Config::Int(const std::string& name, std::int64_t fallback, std::int64_t min, std::int64_t max,
                         const std::string& description) {
  Record(name, std::to_string(fallback), description);
  const auto text = Lookup(name);
  if (!text) return fallback;
  std::int64_t value = 0;
  const auto* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end || value < min || value > max) {
    throw ConfigError(VariableName(name) + ": expected an integer from " + std::to_string(min) + " to " +
                      std::to_string(max) + ", got '" + *text + "'");
  }
  return value;
}

bool Config::Bool(const std::string& name, bool fallback, const std::string& description) {
  Record(name, fallback ? "true" : "false", description);
  const auto text = Lookup(name);
  if (!text) return fallback;
  const std::string lowered = Lower(*text);
  if (lowered == "true" || lowered == "1" || lowered == "yes" || lowered == "on") return true;
  if (lowered == "false" || lowered == "0" || lowered == "no" || lowered == "off") return false;
  throw ConfigError(VariableName(name) + ": expected true or false, got '" + *text + "'");
}

std::chrono::milliseconds Config::Duration(const std::string& name, std::chrono::milliseconds fallback,
                                           const std::string& description) {
  Record(name, std::to_string(fallback.count()) + "ms", description);
  const auto text = Lookup(name);
  if (!text) return fallback;
  auto parsed = ParseDuration(*text);
  if (!parsed) {
    throw ConfigError(VariableName(name) + ": expected a duration such as 250ms, 15s, 10m or 2h, got '" + *text + "'");
  }
  return *parsed;
}

std::vector<std::string> Config::List(const std::string& name, const std::vector<std::string>& fallback,
                                      const std::string& description) {
  std::string joined_fallback;
  for (const auto& item : fallback) joined_fallback += (joined_fallback.empty() ? "" : ",") + item;
  Record(name, joined_fallback, description);
  const auto text = Lookup(name);
  if (!text) return fallback;
  std::vector<std::string> items;
  std::stringstream stream(*text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) items.push_back(item);
  }
  return items;
}

std::string Config::Describe() const {
  std::string out;
  for (const auto& entry : entries_) {
    out += entry.variable + " (default: " + (entry.default_value.empty() ? "empty" : entry.default_value) + ")\n    " +
           entry.description + "\n";
  }
  return out;
}

std::optional<std::chrono::milliseconds> ParseDuration(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::int64_t amount = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, amount);
  if (ec != std::errc() || amount < 0) return std::nullopt;
  const std::string unit(ptr, end);
  if (unit == "ms") return std::chrono::milliseconds(amount);
  if (unit.empty() || unit == "s") return std::chrono::seconds(amount);
  if (unit == "m") return std::chrono::minutes(amount);
  if (unit == "h") return std::chrono::hours(amount);
  return std::nullopt;
}

}  // namespace greenlane::core
