#include "greenlane/instruments/reading_json.h"

#include <optional>
#include <type_traits>
#include <variant>

namespace greenlane::instruments {
namespace {

using nlohmann::json;

json DecimalJson(const Decimal& value) { return value.ToString(); }

json OptionalJson(const std::optional<Decimal>& value) { return value ? DecimalJson(*value) : json(nullptr); }

json ToJson(const XrfPayload& xrf) {
  json elements = json::array();
  for (const auto& element : xrf.elements) {
    elements.push_back({{"symbol", element.symbol},
                        {"compound", element.compound},
                        {"compound_level_ppm", OptionalJson(element.compound_level_ppm)},
                        {"compound_error_ppm", OptionalJson(element.compound_error_ppm)},
                        {"below_lod", element.below_lod},
                        {"concentration_ppm", OptionalJson(element.concentration_ppm)},
                        {"error_1s_ppm", OptionalJson(element.error_1s_ppm)}});
  }
  json position = nullptr;
  if (xrf.position) {
    position = {{"latitude", DecimalJson(xrf.position->latitude)}, {"longitude", DecimalJson(xrf.position->longitude)}};
  }
  return {{"method", xrf.method},       {"user_factor", xrf.user_factor},  {"collimation", xrf.collimation},
          {"units_written", xrf.units}, {"position", std::move(position)}, {"elements", std::move(elements)}};
}

json ToJson(const RefrigerantPayload& refrigerant) {
  json components = json::array();
  for (const auto& component : refrigerant.components) {
    components.push_back({{"name", component.name}, {"percent_by_weight", DecimalJson(component.percent_by_weight)}});
  }
  return {{"cylinder_label", refrigerant.cylinder_label},
          {"components", std::move(components)},
          {"hydrocarbons_percent", OptionalJson(refrigerant.hydrocarbons_percent)},
          {"air_percent", OptionalJson(refrigerant.air_percent)},
          {"analyzer_result", refrigerant.analyzer_result}};
}

json ToJson(const WoodImagePayload& wood) {
  json top = json::array();
  for (const auto& score : wood.top) top.push_back({{"name", score.name}, {"score", DecimalJson(score.score)}});
  return {{"model", wood.model},
          {"light", wood.light == Light::kVisible ? "visible" : "ultraviolet"},
          {"top", std::move(top)},
          {"others", DecimalJson(wood.others)}};
}

std::string_view SampleTypeName(QpcrSampleType type) {
  switch (type) {
    case QpcrSampleType::kUnknown:
      return "unknown";
    case QpcrSampleType::kNtc:
      return "ntc";
    case QpcrSampleType::kPositiveControl:
      return "positive_control";
  }
  return "unknown";
}

json ToJson(const QpcrPayload& qpcr) {
  return {{"run", qpcr.run},
          {"well", qpcr.well},
          {"sample_type", SampleTypeName(qpcr.sample_type)},
          {"target", qpcr.target},
          {"amplified", qpcr.cq.has_value()},
          {"cq", OptionalJson(qpcr.cq)},
          {"tm_celsius", OptionalJson(qpcr.tm_celsius)}};
}

json ToJson(const DartPayload& dart) {
  json peaks = json::array();
  for (const auto& peak : dart.peaks) {
    peaks.push_back({{"mz", DecimalJson(peak.mz)}, {"intensity", DecimalJson(peak.intensity)}});
  }
  return {{"instrument", dart.instrument},
          {"polarity", dart.polarity == Polarity::kPositive ? "positive" : "negative"},
          {"peaks", std::move(peaks)}};
}

}  // namespace

nlohmann::json PayloadJson(const Payload& payload) {
  return std::visit([](const auto& kind_payload) { return ToJson(kind_payload); }, payload);
}

}  // namespace greenlane::instruments
