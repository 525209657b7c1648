#include "domain/answer/payload_reader.h"

#include <string>

namespace greenlane::identify {
namespace {

using instruments::Decimal;
using nlohmann::json;

// Thrown inside a reader and turned into the Error of its Result once, so each reader stays a
// straight line over the members.
struct Bad {
  core::Error error;
};

[[noreturn]] void Fail(const std::string& path, const std::string& message) {
  throw Bad{core::Error::InvalidArgument(path, message)};
}

const json& Member(const json& object, const std::string& path, const char* key) {
  if (!object.is_object()) Fail(path, "must be a JSON object");
  const auto it = object.find(key);
  if (it == object.end()) Fail(path + "/" + key, "is missing");
  return *it;
}

std::string Text(const json& object, const std::string& path, const char* key) {
  const auto& value = Member(object, path, key);
  if (!value.is_string()) Fail(path + "/" + key, "must be a string");
  return value.get<std::string>();
}

std::optional<Decimal> OptionalDecimal(const json& object, const std::string& path, const char* key) {
  const auto& value = Member(object, path, key);
  if (value.is_null()) return std::nullopt;
  const auto parsed = value.is_string() ? Decimal::Parse(value.get<std::string>()) : std::nullopt;
  if (!parsed) Fail(path + "/" + key, "must be a decimal string such as \"12.5\" or null");
  return parsed;
}

Decimal RequiredDecimal(const json& object, const std::string& path, const char* key) {
  const auto value = OptionalDecimal(object, path, key);
  if (!value) Fail(path + "/" + key, "must be a decimal string, not null");
  return *value;
}

bool Flag(const json& object, const std::string& path, const char* key) {
  const auto& value = Member(object, path, key);
  if (!value.is_boolean()) Fail(path + "/" + key, "must be true or false");
  return value.get<bool>();
}

const json& Array(const json& object, const std::string& path, const char* key) {
  const auto& value = Member(object, path, key);
  if (!value.is_array()) Fail(path + "/" + key, "must be an array");
  return value;
}

template <typename Read>
auto Catching(Read&& read) -> core::Result<decltype(read())> {
  try {
    return read();
  } catch (const Bad& bad) {
    return bad.error;
  }
}

}  // namespace

core::Result<instruments::XrfPayload> ReadXrfPayload(const json& payload) {
  return Catching([&] {
    instruments::XrfPayload xrf;
    xrf.method = Text(payload, "", "method");
    const auto& elements = Array(payload, "", "elements");
    for (std::size_t i = 0; i < elements.size(); ++i) {
      const auto path = std::string("/elements/") + std::to_string(i);
      instruments::XrfElement element;
      element.symbol = Text(elements[i], path, "symbol");
      element.below_lod = Flag(elements[i], path, "below_lod");
      element.concentration_ppm = OptionalDecimal(elements[i], path, "concentration_ppm");
      element.error_1s_ppm = OptionalDecimal(elements[i], path, "error_1s_ppm");
      xrf.elements.push_back(std::move(element));
    }
    return xrf;
  });
}

core::Result<instruments::RefrigerantPayload> ReadRefrigerantPayload(const json& payload) {
  return Catching([&] {
    instruments::RefrigerantPayload refrigerant;
    refrigerant.cylinder_label = Text(payload, "", "cylinder_label");
    const auto& components = Array(payload, "", "components");
    for (std::size_t i = 0; i < components.size(); ++i) {
      const auto path = std::string("/components/") + std::to_string(i);
      refrigerant.components.push_back(
          {Text(components[i], path, "name"), RequiredDecimal(components[i], path, "percent_by_weight")});
    }
    refrigerant.hydrocarbons_percent = OptionalDecimal(payload, "", "hydrocarbons_percent");
    refrigerant.air_percent = OptionalDecimal(payload, "", "air_percent");
    refrigerant.analyzer_result = Text(payload, "", "analyzer_result");
    return refrigerant;
  });
}

core::Result<instruments::WoodImagePayload> ReadWoodImagePayload(const json& payload) {
  return Catching([&] {
    instruments::WoodImagePayload wood;
    wood.model = Text(payload, "", "model");
    const auto light = Text(payload, "", "light");
    if (light != "visible" && light != "ultraviolet") Fail("/light", "must be \"visible\" or \"ultraviolet\"");
    wood.light = light == "visible" ? instruments::Light::kVisible : instruments::Light::kUltraviolet;
    const auto& top = Array(payload, "", "top");
    if (top.size() != wood.top.size()) Fail("/top", "must hold the classifier's three best classes");
    for (std::size_t i = 0; i < top.size(); ++i) {
      const auto path = std::string("/top/") + std::to_string(i);
      wood.top[i] = {Text(top[i], path, "name"), RequiredDecimal(top[i], path, "score")};
    }
    wood.others = RequiredDecimal(payload, "", "others");
    return wood;
  });
}

core::Result<instruments::QpcrPayload> ReadQpcrPayload(const json& payload) {
  return Catching([&] {
    instruments::QpcrPayload qpcr;
    qpcr.run = Text(payload, "", "run");
    qpcr.well = Text(payload, "", "well");
    const auto type = Text(payload, "", "sample_type");
    if (type == "unknown") {
      qpcr.sample_type = instruments::QpcrSampleType::kUnknown;
    } else if (type == "ntc") {
      qpcr.sample_type = instruments::QpcrSampleType::kNtc;
    } else if (type == "positive_control") {
      qpcr.sample_type = instruments::QpcrSampleType::kPositiveControl;
    } else {
      Fail("/sample_type", "must be \"unknown\", \"ntc\" or \"positive_control\"");
    }
    qpcr.target = Text(payload, "", "target");
    qpcr.cq = OptionalDecimal(payload, "", "cq");
    qpcr.tm_celsius = OptionalDecimal(payload, "", "tm_celsius");
    return qpcr;
  });
}

core::Result<instruments::DartPayload> ReadDartPayload(const json& payload) {
  return Catching([&] {
    instruments::DartPayload dart;
    dart.instrument = Text(payload, "", "instrument");
    const auto polarity = Text(payload, "", "polarity");
    if (polarity != "positive" && polarity != "negative") Fail("/polarity", "must be \"positive\" or \"negative\"");
    dart.polarity = polarity == "positive" ? instruments::Polarity::kPositive : instruments::Polarity::kNegative;
    const auto& peaks = Array(payload, "", "peaks");
    for (std::size_t i = 0; i < peaks.size(); ++i) {
      const auto path = std::string("/peaks/") + std::to_string(i);
      dart.peaks.push_back({RequiredDecimal(peaks[i], path, "mz"), RequiredDecimal(peaks[i], path, "intensity")});
    }
    return dart;
  });
}

}  // namespace greenlane::identify
