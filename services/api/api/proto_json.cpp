#include "api/proto_json.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/json_util.h>

#include <charconv>
#include <cmath>
#include <ctime>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>

#include "greenlane/core/error.h"

namespace greenlane::api {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr std::string_view kTimestamp = "google.protobuf.Timestamp";

// Whether every message type reachable from `type` is ours or a Timestamp: the other well-known
// types have JSON forms of their own (Any, Struct, wrappers, Duration...) this printer leaves to
// protobuf's.
bool Printable(const Descriptor* type, std::set<const Descriptor*>& seen) {
  if (type->full_name() == kTimestamp) return true;
  if (type->file()->package() == "google.protobuf") return false;
  if (!seen.insert(type).second) return true;
  for (int i = 0; i < type->field_count(); ++i) {
    const auto* field = type->field(i);
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && !Printable(field->message_type(), seen)) return false;
  }
  return true;
}

bool Printable(const Descriptor* type) {
  static std::mutex mutex;
  static std::map<const Descriptor*, bool> known;
  std::lock_guard lock(mutex);
  const auto found = known.find(type);
  if (found != known.end()) return found->second;
  std::set<const Descriptor*> seen;
  return known[type] = Printable(type, seen);
}

void AppendString(std::string& out, std::string_view text) {
  out += nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Shortest text that reads back as the same value; NaN and infinities as the mapping's strings.
template <class Float>
void AppendFloat(std::string& out, Float value) {
  if (std::isnan(value)) {
    out += "\"NaN\"";
  } else if (std::isinf(value)) {
    out += value > 0 ? "\"Infinity\"" : "\"-Infinity\"";
  } else {
    char text[64];
    out.append(text, std::to_chars(text, text + sizeof text, value).ptr);
  }
}

void AppendBase64(std::string& out, const std::string& bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  out += '"';
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const auto n = (std::uint32_t(std::uint8_t(bytes[i])) << 16) | (std::uint32_t(std::uint8_t(bytes[i + 1])) << 8) |
                   std::uint8_t(bytes[i + 2]);
    for (const int shift : {18, 12, 6, 0}) out += kAlphabet[(n >> shift) & 63];
  }
  if (i < bytes.size()) {
    const bool two = i + 1 < bytes.size();
    const auto n =
        (std::uint32_t(std::uint8_t(bytes[i])) << 16) | (two ? std::uint32_t(std::uint8_t(bytes[i + 1])) << 8 : 0);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += two ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  out += '"';
}

// RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits, as protobuf prints a Timestamp.
void AppendTimestamp(std::string& out, const Message& timestamp) {
  const auto* type = timestamp.GetDescriptor();
  const auto* reflection = timestamp.GetReflection();
  const std::time_t seconds = reflection->GetInt64(timestamp, type->FindFieldByNumber(1));
  const auto nanos = reflection->GetInt32(timestamp, type->FindFieldByNumber(2));
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  auto length = std::strftime(text, sizeof text, "\"%Y-%m-%dT%H:%M:%S", &utc);
  if (nanos != 0) {
    const int digits = nanos % 1000000 == 0 ? 3 : nanos % 1000 == 0 ? 6 : 9;
    const int scaled = digits == 3 ? nanos / 1000000 : digits == 6 ? nanos / 1000 : nanos;
    length += std::snprintf(text + length, sizeof text - length, ".%0*d", digits, scaled);
  }
  out.append(text, length);
  out += "Z\"";
}

void AppendMessage(std::string& out, const Message& message);

// The value of `field`, or its `index`-th element when repeated, through Reflection's getter pair.
template <class Single, class Repeated>
auto ValueOf(const Message& message, const FieldDescriptor* field, int index, Single single, Repeated repeated) {
  const auto* reflection = message.GetReflection();
  return field->is_repeated() ? (reflection->*repeated)(message, field, index) : (reflection->*single)(message, field);
}

// One value of `field`: the field itself, or its `index`-th element when repeated.
void AppendValue(std::string& out, const Message& message, const FieldDescriptor* field, int index) {
  const auto* reflection = message.GetReflection();
  const bool repeated = field->is_repeated();
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      out += std::to_string(ValueOf(message, field, index, &Reflection::GetInt32, &Reflection::GetRepeatedInt32));
      return;
    case FieldDescriptor::CPPTYPE_UINT32:
      out += std::to_string(ValueOf(message, field, index, &Reflection::GetUInt32, &Reflection::GetRepeatedUInt32));
      return;
    case FieldDescriptor::CPPTYPE_INT64:  // strings: JavaScript numbers lose digits past 2^53
      out += '"' +
             std::to_string(ValueOf(message, field, index, &Reflection::GetInt64, &Reflection::GetRepeatedInt64)) + '"';
      return;
    case FieldDescriptor::CPPTYPE_UINT64:
      out += '"' +
             std::to_string(ValueOf(message, field, index, &Reflection::GetUInt64, &Reflection::GetRepeatedUInt64)) +
             '"';
      return;
    case FieldDescriptor::CPPTYPE_DOUBLE:
      AppendFloat(out, ValueOf(message, field, index, &Reflection::GetDouble, &Reflection::GetRepeatedDouble));
      return;
    case FieldDescriptor::CPPTYPE_FLOAT:
      AppendFloat(out, ValueOf(message, field, index, &Reflection::GetFloat, &Reflection::GetRepeatedFloat));
      return;
    case FieldDescriptor::CPPTYPE_BOOL:
      out += ValueOf(message, field, index, &Reflection::GetBool, &Reflection::GetRepeatedBool) ? "true" : "false";
      return;
    case FieldDescriptor::CPPTYPE_ENUM: {
      const int number =
          repeated ? reflection->GetRepeatedEnumValue(message, field, index) : reflection->GetEnumValue(message, field);
      const auto* value = field->enum_type()->FindValueByNumber(number);
      if (value != nullptr) {
        AppendString(out, value->name());
      } else {
        out += std::to_string(number);
      }
      return;
    }
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string scratch;
      const auto& text = repeated ? reflection->GetRepeatedStringReference(message, field, index, &scratch)
                                  : reflection->GetStringReference(message, field, &scratch);
      if (field->type() == FieldDescriptor::TYPE_BYTES) {
        AppendBase64(out, text);
      } else {
        AppendString(out, text);
      }
      return;
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      AppendMessage(out, repeated ? reflection->GetRepeatedMessage(message, field, index)
                                  : reflection->GetMessage(message, field, nullptr));
      return;
  }
}

// A map field: an object keyed by the entries' keys as strings.
void AppendMap(std::string& out, const Message& message, const FieldDescriptor* field) {
  const auto* reflection = message.GetReflection();
  const auto* key = field->message_type()->map_key();
  const auto* value = field->message_type()->map_value();
  out += '{';
  for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
    const auto& entry = reflection->GetRepeatedMessage(message, field, i);
    if (i > 0) out += ',';
    if (key->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
      AppendValue(out, entry, key, -1);
    } else {
      std::string number;
      AppendValue(number, entry, key, -1);
      if (number.front() != '"') number = '"' + number + '"';
      out += number;
    }
    out += ':';
    AppendValue(out, entry, value, -1);
  }
  out += '}';
}

void AppendMessage(std::string& out, const Message& message) {
  const auto* type = message.GetDescriptor();
  if (type->full_name() == kTimestamp) return AppendTimestamp(out, message);
  const auto* reflection = message.GetReflection();
  out += '{';
  bool first = true;
  for (int i = 0; i < type->field_count(); ++i) {
    const auto* field = type->field(i);
    // Fields with presence (messages, oneof members, proto3 optional) only when set; plain
    // scalars, lists and maps always, with their defaults.
    if (!field->is_repeated() && field->has_presence() && !reflection->HasField(message, field)) continue;
    if (!first) out += ',';
    first = false;
    AppendString(out, field->name());
    out += ':';
    if (field->is_map()) {
      AppendMap(out, message, field);
    } else if (field->is_repeated()) {
      out += '[';
      for (int j = 0; j < reflection->FieldSize(message, field); ++j) {
        if (j > 0) out += ',';
        AppendValue(out, message, field, j);
      }
      out += ']';
    } else {
      AppendValue(out, message, field, -1);
    }
  }
  out += '}';
}

}  // namespace

std::string ProtoToJson(const google::protobuf::Message& message) {
  if (!Printable(message.GetDescriptor())) return ProtoToJsonByLibrary(message);
  std::string out;
  out.reserve(1024);
  AppendMessage(out, message);
  return out;
}

std::string ProtoToJsonByLibrary(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  // Printing a well-formed message cannot fail; a failure would be a bug worth a 500.
  const auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) throw core::GreenlaneException(core::Error::Internal("cannot print a reply as JSON"));
  return json;
}

}  // namespace greenlane::api
