#include "domain/rule_support/json_fields.h"

#include <algorithm>

namespace greenlane::identify::rule_support {
namespace {

std::string Child(const std::string& path, std::string_view key) {
  // JSON pointer escaping, so a key holding '/' or '~' still points at the right member.
  std::string escaped;
  for (const char c : key) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped += c;
    }
  }
  return path + "/" + escaped;
}

std::string ShowPath(const std::string& path) { return path.empty() ? "/" : path; }

}  // namespace

void Fail(const std::string& path, std::string_view message) {
  const std::string shown = ShowPath(path);
  throw LoadError(core::Error::InvalidArgument(shown, shown + " " + std::string(message)));
}

ObjectReader::ObjectReader(const nlohmann::json& value, std::string path, std::initializer_list<std::string_view> known)
    : value_(&value), path_(std::move(path)) {
  if (!value.is_object()) Fail(path_, std::string("must be an object, not ") + value.type_name());
  for (const auto& [key, member] : value.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) Fail(Child(path_, key), "is not a known member");
  }
}

bool ObjectReader::Has(std::string_view key) const {
  const auto it = value_->find(key);
  return it != value_->end() && !it->is_null();
}

std::string ObjectReader::PathOf(std::string_view key) const { return Child(path_, key); }

const nlohmann::json& ObjectReader::Required(std::string_view key) const {
  const auto it = value_->find(key);
  if (it == value_->end() || it->is_null()) Fail(PathOf(key), "is required");
  return *it;
}

std::string ObjectReader::String(std::string_view key) const {
  const nlohmann::json& value = Required(key);
  if (!value.is_string()) Fail(PathOf(key), std::string("must be a string, not ") + value.type_name());
  std::string text = value.get<std::string>();
  if (text.empty()) Fail(PathOf(key), "must not be empty");
  return text;
}

std::string ObjectReader::OptionalString(std::string_view key) const { return Has(key) ? String(key) : ""; }

instruments::Decimal ObjectReader::Decimal(std::string_view key) const {
  const nlohmann::json& value = Required(key);
  std::string text;
  if (value.is_number_integer()) {
    text = value.dump();
  } else if (value.is_string()) {
    text = value.get<std::string>();
  } else {
    Fail(PathOf(key), std::string("must be a decimal string such as \"0.055\" or an integer, not ") +
                          (value.is_number_float() ? "a JSON fraction" : value.type_name()));
  }
  const auto parsed = instruments::Decimal::Parse(text);
  if (!parsed) Fail(PathOf(key), "'" + text + "' is not a decimal such as \"12.5\"");
  return *parsed;
}

std::optional<instruments::Decimal> ObjectReader::OptionalDecimal(std::string_view key) const {
  if (!Has(key)) return std::nullopt;
  return Decimal(key);
}

std::vector<std::string> ObjectReader::Strings(std::string_view key) const {
  std::vector<std::string> strings;
  if (!Has(key)) return strings;
  const nlohmann::json& array = Required(key);
  if (!array.is_array()) Fail(PathOf(key), std::string("must be an array, not ") + array.type_name());
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (!array[i].is_string() || array[i].get<std::string>().empty()) {
      Fail(Child(PathOf(key), std::to_string(i)), "must be a non-empty string");
    }
    strings.push_back(array[i].get<std::string>());
  }
  return strings;
}

std::map<std::string, std::vector<std::string>, std::less<>> ObjectReader::StringListMap(std::string_view key) const {
  const nlohmann::json& object = Required(key);
  if (!object.is_object()) Fail(PathOf(key), std::string("must be an object, not ") + object.type_name());
  std::map<std::string, std::vector<std::string>, std::less<>> map;
  for (const auto& [name, list] : object.items()) {
    const std::string path = Child(PathOf(key), name);
    if (!list.is_array() || list.empty()) Fail(path, "must be a non-empty array of strings");
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_string() || list[i].get<std::string>().empty()) {
        Fail(Child(path, std::to_string(i)), "must be a non-empty string");
      }
      map[name].push_back(list[i].get<std::string>());
    }
  }
  return map;
}

ObjectReader ObjectReader::Object(std::string_view key, std::initializer_list<std::string_view> known) const {
  return ObjectReader(Required(key), PathOf(key), known);
}

std::vector<ObjectReader> ObjectReader::Objects(std::string_view key,
                                                std::initializer_list<std::string_view> known) const {
  const nlohmann::json& array = Required(key);
  if (!array.is_array()) Fail(PathOf(key), std::string("must be an array, not ") + array.type_name());
  std::vector<ObjectReader> readers;
  readers.reserve(array.size());
  for (std::size_t i = 0; i < array.size(); ++i)
    readers.emplace_back(array[i], Child(PathOf(key), std::to_string(i)), known);
  return readers;
}

}  // namespace greenlane::identify::rule_support
