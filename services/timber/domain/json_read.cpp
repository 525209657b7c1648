#include "domain/json_read.h"

#include <algorithm>

namespace greenlane::timber {

core::Error FieldError(const std::string& path, std::string_view expected) {
  return core::Error::InvalidArgument(path, path + ": " + std::string(expected));
}

core::Status CheckObject(const nlohmann::json& value, const std::string& path,
                         std::initializer_list<std::string_view> known,
                         std::initializer_list<std::string_view> required) {
  if (!value.is_object()) {
    return FieldError(path.empty() ? "/" : path, "expected an object, got " + std::string(value.type_name()));
  }
  for (const auto& [key, member] : value.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      return FieldError(path + "/" + key, "unknown field; check its spelling against the documented fields");
    }
  }
  for (auto key : required) {
    if (!value.contains(key)) return FieldError(path + "/" + std::string(key), "is required");
  }
  return core::Status::Ok();
}

core::Result<const nlohmann::json*> Member(const nlohmann::json& value, const std::string& path, std::string_view key) {
  const auto child_path = path + "/" + std::string(key);
  if (!value.is_object()) return FieldError(path.empty() ? "/" : path, "expected an object");
  const auto found = value.find(key);
  if (found == value.end()) return FieldError(child_path, "is required");
  return &*found;
}

core::Result<std::string> ReadString(const nlohmann::json& value, const std::string& path) {
  if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
    return FieldError(path, "expected a non-empty string");
  }
  return value.get<std::string>();
}

core::Result<std::int64_t> ReadInteger(const nlohmann::json& value, const std::string& path, std::int64_t min,
                                       std::int64_t max) {
  if (!value.is_number_integer()) return FieldError(path, "expected a whole number");
  const auto number = value.get<std::int64_t>();
  if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
    return FieldError(path, "must be at most " + std::to_string(max));
  }
  if (number < min || number > max) {
    return FieldError(path, std::to_string(number) + " is outside " + std::to_string(min) + ".." + std::to_string(max));
  }
  return number;
}

}  // namespace greenlane::timber
