// The facade's JSON printer against protobuf's, on every message type of greenlane.v1, randomly
// filled (scalars of every kind and size, lists, maps, nested messages, oneofs, optional fields,
// timestamps) and empty: both must give the same JSON value.
#include "api/proto_json.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/message.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "greenlane/v1/cites.pb.h"
#include "greenlane/v1/common.pb.h"
#include "greenlane/v1/identify.pb.h"
#include "greenlane/v1/ingest.pb.h"
#include "greenlane/v1/risk.pb.h"
#include "greenlane/v1/timber.pb.h"

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

namespace {

// Random field values; messages nest at most `depth` deep.
class Filler {
 public:
  explicit Filler(std::uint64_t seed) : random_(seed) {}

  void Fill(Message& message, int depth) {
    const auto* type = message.GetDescriptor();
    const auto* reflection = message.GetReflection();
    if (type->full_name() == "google.protobuf.Timestamp") {
      reflection->SetInt64(&message, type->FindFieldByNumber(1), Pick(0, 4102444800));  // up to 2100
      const std::int64_t nanos[] = {0, 123000000, 123456000, 123456789};
      reflection->SetInt32(&message, type->FindFieldByNumber(2), static_cast<std::int32_t>(nanos[Pick(0, 3)]));
      return;
    }
    for (int i = 0; i < type->field_count(); ++i) {
      const auto* field = type->field(i);
      if (Pick(0, 3) == 0) continue;  // left unset
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && depth == 0) continue;
      const auto count = field->is_repeated() ? Pick(0, 3) : 1;
      for (int n = 0; n < count; ++n) Put(message, field, depth);
    }
  }

 private:
  std::int64_t Pick(std::int64_t low, std::int64_t high) {
    return std::uniform_int_distribution<std::int64_t>(low, high)(random_);
  }
  double Real() {
    const double specials[] = {0.0, -0.0, 1.0, 0.1, 1e300, -2.5e-300, 123456.789, 5e-324};
    return Pick(0, 1) ? specials[Pick(0, 7)] : std::uniform_real_distribution<double>(-1e6, 1e6)(random_);
  }
  std::string Text() {
    const std::string pieces[] = {
        "",         "a",          "Dalbergia nigra", "quote\" back\\slash", "tab\tnew\nline", "\x01control",
        "é ü 漢字", "<tag>&amp;", "/slash"};
    return pieces[Pick(0, 8)];
  }
  std::string Bytes() {
    std::string bytes(static_cast<std::size_t>(Pick(0, 7)), '\0');
    for (auto& b : bytes) b = static_cast<char>(Pick(0, 255));
    return bytes;
  }

  // A random value into `field`: set when singular, appended when repeated. A map entry gets a key
  // of its own, so that entries never collide.
  void Put(Message& message, const FieldDescriptor* field, int depth) {
    const auto* r = message.GetReflection();
    const bool add = field->is_repeated();
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32: {
        const auto value = static_cast<std::int32_t>(Pick(INT32_MIN, INT32_MAX));
        return add ? r->AddInt32(&message, field, value) : r->SetInt32(&message, field, value);
      }
      case FieldDescriptor::CPPTYPE_UINT32: {
        const auto value = static_cast<std::uint32_t>(Pick(0, UINT32_MAX));
        return add ? r->AddUInt32(&message, field, value) : r->SetUInt32(&message, field, value);
      }
      case FieldDescriptor::CPPTYPE_INT64: {
        const auto value = Pick(INT64_MIN, INT64_MAX);
        return add ? r->AddInt64(&message, field, value) : r->SetInt64(&message, field, value);
      }
      case FieldDescriptor::CPPTYPE_UINT64: {
        const auto value = static_cast<std::uint64_t>(Pick(INT64_MIN, INT64_MAX));
        return add ? r->AddUInt64(&message, field, value) : r->SetUInt64(&message, field, value);
      }
      case FieldDescriptor::CPPTYPE_DOUBLE:
        return add ? r->AddDouble(&message, field, Real()) : r->SetDouble(&message, field, Real());
      case FieldDescriptor::CPPTYPE_FLOAT: {
        const auto value = static_cast<float>(Real() / 1e3);
        return add ? r->AddFloat(&message, field, value) : r->SetFloat(&message, field, value);
      }
      case FieldDescriptor::CPPTYPE_BOOL:
        return add ? r->AddBool(&message, field, Pick(0, 1) == 1) : r->SetBool(&message, field, Pick(0, 1) == 1);
      case FieldDescriptor::CPPTYPE_ENUM: {
        const auto* values = field->enum_type();
        const int value = values->value(static_cast<int>(Pick(0, values->value_count() - 1)))->number();
        return add ? r->AddEnumValue(&message, field, value) : r->SetEnumValue(&message, field, value);
      }
      case FieldDescriptor::CPPTYPE_STRING: {
        auto value = field->type() == FieldDescriptor::TYPE_BYTES ? Bytes() : Text();
        return add ? r->AddString(&message, field, std::move(value)) : r->SetString(&message, field, std::move(value));
      }
      case FieldDescriptor::CPPTYPE_MESSAGE:
        if (!add) return Fill(*r->MutableMessage(&message, field), depth - 1);
        return Fill(*r->AddMessage(&message, field), field->is_map() ? 1 : depth - 1);
    }
  }

  std::mt19937_64 random_;
};

// Equal JSON values; numbers equal as doubles, or as floats when both print a float's value.
bool SameJson(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.is_number() && b.is_number()) {
    const double x = a.get<double>(), y = b.get<double>();
    return x == y || static_cast<float>(x) == static_cast<float>(y);
  }
  if (a.type() != b.type() || a.size() != b.size()) return false;
  if (a.is_object()) {
    for (const auto& [key, value] : a.items()) {
      if (!b.contains(key) || !SameJson(value, b.at(key))) return false;
    }
    return true;
  }
  if (a.is_array()) {
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!SameJson(a[i], b[i])) return false;
    }
    return true;
  }
  return a == b;
}

std::vector<const Descriptor*> GreenlaneMessages() {
  // Referencing one message of each file links the generated code that registers it.
  const Descriptor* anchors[] = {
      greenlane::v1::VerifyRequest::descriptor(), greenlane::v1::Assessment::descriptor(),
      greenlane::v1::TimberLineage::descriptor(), greenlane::v1::Identification::descriptor(),
      greenlane::v1::Reading::descriptor(),       greenlane::v1::Quantity::descriptor()};
  std::vector<const Descriptor*> types;
  std::set<const google::protobuf::FileDescriptor*> files;
  for (const auto* anchor : anchors) files.insert(anchor->file());
  std::function<void(const Descriptor*)> add = [&](const Descriptor* type) {
    if (type->options().map_entry()) return;  // printed as its map
    types.push_back(type);
    for (int i = 0; i < type->nested_type_count(); ++i) add(type->nested_type(i));
  };
  for (const auto* file : files) {
    for (int i = 0; i < file->message_type_count(); ++i) add(file->message_type(i));
  }
  return types;
}

}  // namespace

TEST_CASE("the facade prints every greenlane.v1 message exactly as protobuf's JSON printer does") {
  const auto types = GreenlaneMessages();
  REQUIRE(types.size() > 100);
  Filler filler(20261207);
  for (const auto* type : types) {
    const std::unique_ptr<Message> message(
        google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New());
    for (int round = 0; round < 30; ++round) {
      if (round > 0) filler.Fill(*message, 3);  // round 0: the empty message, every default
      const auto ours = greenlane::api::ProtoToJson(*message);
      const auto theirs = greenlane::api::ProtoToJsonByLibrary(*message);
      INFO(type->full_name() << " round " << round << "\nours:   " << ours << "\ntheirs: " << theirs);
      REQUIRE(SameJson(nlohmann::json::parse(ours), nlohmann::json::parse(theirs)));
      message->Clear();
    }
  }
}
