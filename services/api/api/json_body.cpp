#include "api/json_body.h"

namespace greenlane::api {

core::Result<nlohmann::json> ParseJsonObject(const std::string& body) {
  nlohmann::json parsed;
  try {
    parsed = nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    return core::Error::InvalidArgument("body", "the body is not valid JSON (byte " + std::to_string(e.byte) + ")");
  } catch (const nlohmann::json::exception& e) {  // e.g. a number too large for a double
    return core::Error::InvalidArgument("body", std::string("the body's JSON cannot be read: ") + e.what());
  }
  if (!parsed.is_object()) return core::Error::InvalidArgument("body", "the body must be a JSON object");
  return parsed;
}

core::Result<std::string> RequiredString(const nlohmann::json& object, const std::string& name,
                                         std::size_t max_length) {
  const auto it = object.find(name);
  if (it == object.end()) return core::Error::InvalidArgument(name, name + " is required");
  if (!it->is_string()) return core::Error::InvalidArgument(name, name + " must be a string");
  const auto& value = it->get_ref<const std::string&>();
  if (value.empty() || value.size() > max_length) {
    return core::Error::InvalidArgument(name, name + " must be 1 to " + std::to_string(max_length) + " characters");
  }
  return value;
}

}  // namespace greenlane::api
