#include "api/proto_params.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/timestamp.pb.h>
#include <google/protobuf/util/time_util.h>

#include <charconv>

namespace greenlane::api {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

core::Error Bad(const std::string& name, const std::string& why) { return core::Error::InvalidArgument(name, why); }

template <typename T>
core::Result<T> Number(const std::string& name, const std::string& text) {
  T value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Bad(name, name + " must be an integer, got '" + text + "'");
  }
  return value;
}

core::Status SetScalar(Message& message, const FieldDescriptor& field, const std::string& name,
                       const std::string& value) {
  const auto* reflection = message.GetReflection();
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      reflection->SetString(&message, &field, value);
      return core::Status::Ok();
    case FieldDescriptor::CPPTYPE_INT32: {
      auto n = Number<std::int32_t>(name, value);
      if (!n.ok()) return n.error();
      reflection->SetInt32(&message, &field, *n);
      return core::Status::Ok();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      auto n = Number<std::int64_t>(name, value);
      if (!n.ok()) return n.error();
      reflection->SetInt64(&message, &field, *n);
      return core::Status::Ok();
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      auto n = Number<std::uint32_t>(name, value);
      if (!n.ok()) return n.error();
      reflection->SetUInt32(&message, &field, *n);
      return core::Status::Ok();
    }
    case FieldDescriptor::CPPTYPE_BOOL:
      if (value != "true" && value != "false") return Bad(name, name + " must be true or false, got '" + value + "'");
      reflection->SetBool(&message, &field, value == "true");
      return core::Status::Ok();
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto* enum_value = field.enum_type()->FindValueByName(value);
      if (enum_value == nullptr) return Bad(name, name + " has no value '" + value + "'");
      reflection->SetEnum(&message, &field, enum_value);
      return core::Status::Ok();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      if (field.message_type()->full_name() == "google.protobuf.Timestamp") {
        google::protobuf::Timestamp timestamp;
        if (!google::protobuf::util::TimeUtil::FromString(value, &timestamp)) {
          return Bad(name, name + " must be an RFC 3339 time such as 2026-11-22T08:00:00Z, got '" + value + "'");
        }
        reflection->MutableMessage(&message, &field)->CopyFrom(timestamp);
        return core::Status::Ok();
      }
      break;
    default:
      break;
  }
  return Bad(name, name + " cannot be given in the URL");
}

// The value the body already gave `field`, as text, for the path-versus-body check.
std::string CurrentText(const Message& message, const FieldDescriptor& field) {
  if (field.cpp_type() != FieldDescriptor::CPPTYPE_STRING) return "";
  return message.GetReflection()->GetString(message, &field);
}

}  // namespace

core::Status ApplyParams(const std::map<std::string, std::string>& params, Message& message, ParamSource source) {
  const auto* descriptor = message.GetDescriptor();
  for (const auto& [name, value] : params) {
    Message* target = &message;
    std::string field_name = name;
    if (name == "page_size" || name == "page_token") {
      const auto* page = descriptor->FindFieldByName("page");
      if (page == nullptr || page->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
        return Bad(name, "this list is not paged: " + name + " is not accepted");
      }
      target = message.GetReflection()->MutableMessage(&message, page);
    }
    const auto* field = target->GetDescriptor()->FindFieldByName(field_name);
    if (field == nullptr || field->is_repeated()) {
      std::string accepted;
      for (int i = 0; i < descriptor->field_count(); ++i) {
        const auto* f = descriptor->field(i);
        if (f->is_repeated()) continue;
        if (f->name() == "page") {
          accepted.append(accepted.empty() ? "" : ", ").append("page_size, page_token");
        } else if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE ||
                   f->message_type()->full_name() == "google.protobuf.Timestamp") {
          accepted.append(accepted.empty() ? "" : ", ").append(f->name());
        }
      }
      return Bad(name, "unknown parameter '" + name + "'" + (accepted.empty() ? "" : ": use " + accepted));
    }
    if (source == ParamSource::kPath) {
      const auto current = CurrentText(*target, *field);
      if (!current.empty() && current != value) {
        return Bad(name, "the path names " + name + " '" + value + "' but the body says '" + current + "'");
      }
    }
    if (auto status = SetScalar(*target, *field, name, value); !status.ok()) return status;
  }
  return core::Status::Ok();
}

}  // namespace greenlane::api
