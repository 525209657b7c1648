#pragma once

#include <google/protobuf/message.h>

#include <string>

namespace greenlane::api {

/// The JSON a REST client sees for a reply: proto field names, every field present (proto3
/// defaults, empty lists and maps), int64 as strings, bytes as base64, Timestamp as RFC 3339 — the
/// proto3 JSON mapping as protobuf's printer gives it with preserve_proto_field_names and
/// always_print_primitive_fields. Printed by walking the message's reflection directly: protobuf's
/// printer builds a tree of every field's default for each reply, a fifth of the facade's CPU on
/// its busiest route. A message holding a well-known type other than Timestamp goes to
/// protobuf's printer (ProtoToJsonByLibrary). The tests compare the two on every message type.
std::string ProtoToJson(const google::protobuf::Message& message);

/// The same through google::protobuf::util::MessageToJsonString.
std::string ProtoToJsonByLibrary(const google::protobuf::Message& message);

}  // namespace greenlane::api
