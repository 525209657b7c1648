#include "domain/json_read.h"

#include <algorithm>

namespace greenlane::risk {
namespace {

std::string Pointer(const std::string& path, std::string_view key) { return path + "/" + std::string(key); }

}  // namespace

core::Error FieldError(const std::string& path, std::string_view expected) {
  return core::Error::InvalidArgument(path, path + ": expected " + std::string(expected));
}

core::Status CheckObject(const nlohmann::json& value, const std::string& path,
                         std::initializer_list<std::string_view> known,
                         std::initializer_list<std::string_view> required) {
  if (!value.is_object()) return FieldError(path.empty() ? "/" : path, "an object");
  for (const auto& [key, member] : value.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      return core::Error::InvalidArgument(Pointer(path, key), Pointer(path, key) + ": unknown field");
    }
  }
  for (auto key : required) {
    if (!value.contains(key)) {
      return core::Error::InvalidArgument(Pointer(path, key), Pointer(path, key) + ": is required");
    }
  }
  return core::Status::Ok();
}

core::Result<std::string> ReadString(const nlohmann::json& object, const std::string& path, std::string_view key,
                                     std::optional<std::string> fallback, std::size_t max_size) {
  const auto field = Pointer(path, key);
  const auto found = object.find(key);
  if (found == object.end()) {
    if (fallback) return *std::move(fallback);
    return core::Error::InvalidArgument(field, field + ": is required");
  }
  if (!found->is_string() || found->get_ref<const std::string&>().empty())
    return FieldError(field, "a non-empty string");
  const auto& text = found->get_ref<const std::string&>();
  if (text.size() > max_size) return FieldError(field, "at most " + std::to_string(max_size) + " characters");
  return text;
}

core::Result<std::vector<std::string>> ReadStringList(const nlohmann::json& object, const std::string& path,
                                                      std::string_view key) {
  const auto field = Pointer(path, key);
  const auto found = object.find(key);
  std::vector<std::string> list;
  if (found == object.end()) return list;
  if (!found->is_array()) return FieldError(field, "a list of strings");
  for (std::size_t i = 0; i < found->size(); ++i) {
    const auto& entry = (*found)[i];
    if (!entry.is_string() || entry.get_ref<const std::string&>().empty()) {
      return FieldError(field + "/" + std::to_string(i), "a non-empty string");
    }
    list.push_back(entry.get<std::string>());
  }
  return list;
}

core::Result<double> ReadNumber(const nlohmann::json& object, const std::string& path, std::string_view key, double min,
                                double max, std::optional<double> fallback) {
  const auto field = Pointer(path, key);
  const auto found = object.find(key);
  if (found == object.end()) {
    if (fallback) return *fallback;
    return core::Error::InvalidArgument(field, field + ": is required");
  }
  if (!found->is_number() || found->get<double>() < min || found->get<double>() > max) {
    return FieldError(field, "a number from " + nlohmann::json(min).dump() + " to " + nlohmann::json(max).dump());
  }
  return found->get<double>();
}

core::Result<std::optional<core::TimePoint>> ReadInstant(const nlohmann::json& object, const std::string& path,
                                                         std::string_view key) {
  const auto field = Pointer(path, key);
  const auto found = object.find(key);
  if (found == object.end()) return std::optional<core::TimePoint>{};
  if (!found->is_string()) return FieldError(field, "a date (2026-01-31) or an RFC 3339 time");
  auto text = found->get<std::string>();
  if (text.size() == 10) text += "T00:00:00Z";
  const auto parsed = core::ParseRfc3339(text);
  if (!parsed) return FieldError(field, "a date (2026-01-31) or an RFC 3339 time");
  return std::optional<core::TimePoint>{*parsed};
}

}  // namespace greenlane::risk
