#include "domain/json_reader.h"

namespace greenlane::cites::json_reader {

namespace {
const char* TypeName(const nlohmann::json& value) { return value.type_name(); }

const nlohmann::json& Member(const nlohmann::json& object, std::string_view key, const std::string& path) {
  if (!object.is_object())
    Fail(path.empty() ? "(root)" : path, std::string("must be an object, not ") + TypeName(object));
  const auto it = object.find(key);
  if (it == object.end()) Fail(Path(path, key), "is required");
  return *it;
}
}  // namespace

std::string Path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string Path(const std::string& parent, std::size_t index) { return parent + "[" + std::to_string(index) + "]"; }

void Fail(std::string path, std::string message) {
  throw LoadError(core::Error::InvalidArgument(path, path + " " + message));
}

const nlohmann::json& Object(const nlohmann::json& object, std::string_view key, const std::string& path) {
  const nlohmann::json& value = Member(object, key, path);
  if (!value.is_object()) Fail(Path(path, key), std::string("must be an object, not ") + TypeName(value));
  return value;
}

const nlohmann::json& Array(const nlohmann::json& object, std::string_view key, const std::string& path) {
  const nlohmann::json& value = Member(object, key, path);
  if (!value.is_array()) Fail(Path(path, key), std::string("must be an array, not ") + TypeName(value));
  return value;
}

std::string String(const nlohmann::json& object, std::string_view key, const std::string& path) {
  const nlohmann::json& value = Member(object, key, path);
  if (!value.is_string()) Fail(Path(path, key), std::string("must be a string, not ") + TypeName(value));
  std::string text = value.get<std::string>();
  if (text.empty()) Fail(Path(path, key), "must not be empty");
  return text;
}

std::string OptionalString(const nlohmann::json& object, std::string_view key, const std::string& path) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (!it->is_string()) Fail(Path(path, key), std::string("must be a string, not ") + TypeName(*it));
  return it->get<std::string>();
}

bool OptionalBool(const nlohmann::json& object, std::string_view key, const std::string& path, bool fallback) {
  const auto it = object.find(key);
  if (it == object.end()) return fallback;
  if (!it->is_boolean()) Fail(Path(path, key), std::string("must be true or false, not ") + TypeName(*it));
  return it->get<bool>();
}

int Int(const nlohmann::json& object, std::string_view key, const std::string& path, int min, int max) {
  const nlohmann::json& value = Member(object, key, path);
  if (!value.is_number_integer()) Fail(Path(path, key), std::string("must be an integer, not ") + TypeName(value));
  const auto number = value.get<std::int64_t>();
  if (number < min || number > max) {
    Fail(Path(path, key),
         "is " + std::to_string(number) + ", outside " + std::to_string(min) + " to " + std::to_string(max));
  }
  return static_cast<int>(number);
}

Date DateField(const nlohmann::json& object, std::string_view key, const std::string& path) {
  const std::string text = String(object, key, path);
  const auto date = ParseDate(text);
  if (!date) Fail(Path(path, key), "'" + text + "' is not a date: write YYYY-MM-DD");
  return *date;
}

Quantity QuantityField(const nlohmann::json& object, std::string_view key, const std::string& path) {
  const nlohmann::json& value = Member(object, key, path);
  const std::string field = Path(path, key);
  if (value.is_number_integer()) {
    const auto parsed = Quantity::Parse(std::to_string(value.get<std::int64_t>()), field);
    if (!parsed.ok()) Fail(field, parsed.error().message);
    return *parsed;
  }
  if (!value.is_string()) {
    Fail(field, std::string("must be an integer or a decimal string such as \"12.5\", not ") +
                    (value.is_number_float() ? "a JSON fraction" : TypeName(value)));
  }
  const auto parsed = Quantity::Parse(value.get<std::string>(), field);
  if (!parsed.ok()) Fail(field, parsed.error().message);
  return *parsed;
}

std::vector<std::string> Strings(const nlohmann::json& object, std::string_view key, const std::string& path) {
  const nlohmann::json& array = Array(object, key, path);
  std::vector<std::string> values;
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string item_path = Path(Path(path, key), i);
    if (!array[i].is_string() || array[i].get<std::string>().empty()) Fail(item_path, "must be a non-empty string");
    values.push_back(array[i].get<std::string>());
  }
  return values;
}

}  // namespace greenlane::cites::json_reader
