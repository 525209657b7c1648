#include "domain/model.h"

#include "domain/json_read.h"

namespace greenlane::risk {
namespace {

core::Result<LaneTargets> ParseTargets(const nlohmann::json& value, const std::string& path) {
  if (auto ok = CheckObject(value, path, {"blue", "yellow", "red"}, {}); !ok) return ok.error();
  LaneTargets targets{};
  for (auto lane : {Lane::kBlue, Lane::kYellow, Lane::kRed}) {
    auto share = ReadNumber(value, path, LaneName(lane), 0, 1, 0.0);
    if (!share) return share.error();
    targets[static_cast<std::size_t>(lane)] = *share;
  }
  return targets;
}

core::Status ParseThresholds(const nlohmann::json& value, ScoringModel& model) {
  const std::string path = "/thresholds";
  if (auto ok = CheckObject(value, path, {"blue", "yellow", "red"}, {"blue", "yellow", "red"}); !ok) return ok;
  for (auto [key, target] : {std::pair{"blue", &model.blue_threshold}, std::pair{"yellow", &model.yellow_threshold},
                             std::pair{"red", &model.red_threshold}}) {
    const auto& threshold = value.at(key);
    if (!threshold.is_number_integer() || threshold.get<int>() < 1 || threshold.get<int>() > 100) {
      return FieldError(path + "/" + key, "an integer from 1 to 100");
    }
    *target = threshold.get<int>();
  }
  if (model.yellow_threshold <= model.blue_threshold) return FieldError(path + "/yellow", "a score above blue");
  if (model.red_threshold <= model.yellow_threshold) return FieldError(path + "/red", "a score above yellow");
  return core::Status::Ok();
}

core::Status ParseProfiles(const nlohmann::json& value, ScoringModel& model) {
  const std::string path = "/profiles";
  if (auto ok =
          CheckObject(value, path, {"base_rate", "prior_strength", "weights", "reason_lift", "reason_min_inspected"},
                      {"base_rate", "prior_strength", "weights", "reason_lift", "reason_min_inspected"});
      !ok) {
    return ok;
  }
  auto base_rate = ReadNumber(value, path, "base_rate", 1e-6, 0.999999);
  if (!base_rate) return base_rate.error();
  model.base_rate = *base_rate;
  auto strength = ReadNumber(value, path, "prior_strength", 1e-6, 1e9);
  if (!strength) return strength.error();
  model.prior_strength = *strength;
  auto lift = ReadNumber(value, path, "reason_lift", 1, 1e6);
  if (!lift) return lift.error();
  model.profile_reason_lift = *lift;
  auto minimum = ReadNumber(value, path, "reason_min_inspected", 0, 1e12);
  if (!minimum) return minimum.error();
  model.profile_reason_min_inspected = static_cast<std::int64_t>(*minimum);
  const auto& weights = value.at("weights");
  if (!weights.is_object()) return FieldError(path + "/weights", "an object with a weight per dimension");
  for (const auto& [name, weight] : weights.items()) {
    if (!ParseProfileDimension(name)) return FieldError(path + "/weights/" + name, "a known profile dimension");
  }
  for (std::size_t i = 0; i < kProfileDimensionCount; ++i) {
    auto weight = ReadNumber(weights, path + "/weights", ProfileDimensionName(static_cast<ProfileDimension>(i)), 0, 5);
    if (!weight) return weight.error();
    model.dimension_weights[i] = *weight;
  }
  return core::Status::Ok();
}

core::Status ParseRandom(const nlohmann::json& value, ScoringModel& model) {
  const std::string path = "/random";
  if (auto ok = CheckObject(value, path, {"rate", "lane"}, {"rate", "lane"}); !ok) return ok;
  auto rate = ReadNumber(value, path, "rate", 0, 1);
  if (!rate) return rate.error();
  model.random_rate = *rate;
  const auto lane = value.at("lane").is_string() ? ParseLane(value.at("lane").get<std::string>()) : std::nullopt;
  if (!lane || *lane == Lane::kGreen) return FieldError(path + "/lane", "one of blue, yellow, red");
  model.random_lane = *lane;
  return core::Status::Ok();
}

core::Status ParseCapacity(const nlohmann::json& value, ScoringModel& model) {
  const std::string path = "/capacity";
  if (auto ok = CheckObject(value, path, {"window_minutes", "minimum_decisions", "default", "offices"},
                            {"window_minutes", "minimum_decisions", "default"});
      !ok) {
    return ok;
  }
  auto minutes = ReadNumber(value, path, "window_minutes", 1, 60 * 24 * 31);
  if (!minutes) return minutes.error();
  model.capacity_window = std::chrono::seconds(static_cast<std::int64_t>(*minutes * 60));
  auto minimum = ReadNumber(value, path, "minimum_decisions", 1, 1e6);
  if (!minimum) return minimum.error();
  model.capacity_minimum_decisions = static_cast<std::int64_t>(*minimum);
  auto defaults = ParseTargets(value.at("default"), path + "/default");
  if (!defaults) return defaults.error();
  model.default_targets = *defaults;
  if (value.contains("offices")) {
    const auto& offices = value.at("offices");
    if (!offices.is_object()) return FieldError(path + "/offices", "an object of targets per office code");
    for (const auto& [office, targets] : offices.items()) {
      auto parsed = ParseTargets(targets, path + "/offices/" + office);
      if (!parsed) return parsed.error();
      model.office_targets.emplace(office, *parsed);
    }
  }
  return core::Status::Ok();
}

}  // namespace

const LaneTargets& ScoringModel::TargetsOf(std::string_view office) const {
  const auto found = office_targets.find(office);
  return found == office_targets.end() ? default_targets : found->second;
}

core::Result<ScoringModel> LoadScoringModel(const nlohmann::json& document) {
  if (auto ok = CheckObject(document, "", {"version", "thresholds", "profiles", "random", "capacity"},
                            {"version", "thresholds", "profiles", "random", "capacity"});
      !ok) {
    return ok.error();
  }
  ScoringModel model;
  auto version = ReadString(document, "", "version", std::nullopt, 64);
  if (!version) return version.error();
  model.version = *std::move(version);
  if (auto ok = ParseThresholds(document.at("thresholds"), model); !ok) return ok.error();
  if (auto ok = ParseProfiles(document.at("profiles"), model); !ok) return ok.error();
  if (auto ok = ParseRandom(document.at("random"), model); !ok) return ok.error();
  if (auto ok = ParseCapacity(document.at("capacity"), model); !ok) return ok.error();
  return model;
}

}  // namespace greenlane::risk
