#include "domain/rule_set.h"

#include <string>

#include "domain/json_read.h"
#include "greenlane/core/fixed_point.h"

namespace greenlane::timber {
namespace {

constexpr int kTierDigits = 2;
constexpr std::int64_t kMinutesPerDay = 24 * 60;

// Reads {"warning": w, "error": e} at parent/key into out.
core::Status ReadTiers(const nlohmann::json& parent, const std::string& path, std::string_view key, Tiers& out) {
  const auto tiers_path = path + "/" + std::string(key);
  auto node = Member(parent, path, key);
  if (!node.ok()) return node.error();
  if (auto s = CheckObject(**node, tiers_path, {"warning", "error"}, {"warning", "error"}); !s.ok()) return s;
  auto warning = core::ReadFixedPoint((**node)["warning"], kTierDigits, tiers_path + "/warning");
  if (!warning.ok()) return warning.error();
  auto error = core::ReadFixedPoint((**node)["error"], kTierDigits, tiers_path + "/error");
  if (!error.ok()) return error.error();
  if (*warning > *error) {
    return FieldError(tiers_path + "/warning", core::FormatFixedPoint(*warning, kTierDigits) + " is above error " +
                                                   core::FormatFixedPoint(*error, kTierDigits) +
                                                   "; the warning tier must come first");
  }
  out = {*warning, *error};
  return core::Status::Ok();
}

// "HH:MM" in 00:00..23:59 as minutes after midnight.
core::Result<int> ReadClockTime(const nlohmann::json& value, const std::string& path) {
  auto text = ReadString(value, path);
  if (!text.ok()) return text.error();
  const auto& t = *text;
  const auto digit = [&](std::size_t i) { return t[i] >= '0' && t[i] <= '9'; };
  if (t.size() != 5 || t[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
    return FieldError(path, "'" + t + "' is not a time of day HH:MM");
  }
  const int hours = (t[0] - '0') * 10 + (t[1] - '0');
  const int minutes = (t[3] - '0') * 10 + (t[4] - '0');
  if (hours > 23 || minutes > 59) return FieldError(path, "'" + t + "' is not a time of day HH:MM");
  return hours * 60 + minutes;
}

core::Status ReadNightWindow(const nlohmann::json& transport, const std::string& path, NightWindow& out) {
  const auto window_path = path + "/night_window";
  const auto& node = transport["night_window"];
  if (auto s = CheckObject(node, window_path, {"start", "end"}, {"start", "end"}); !s.ok()) return s;
  auto start = ReadClockTime(node["start"], window_path + "/start");
  if (!start.ok()) return start.error();
  auto end = ReadClockTime(node["end"], window_path + "/end");
  if (!end.ok()) return end.error();
  if (*start == *end) return FieldError(window_path + "/end", "equals start; a night window cannot be empty");
  out = {*start, *end};
  return core::Status::Ok();
}

core::Status ReadRemeasurement(const nlohmann::json& document, RuleSet::Remeasurement& out) {
  const std::string path = "/remeasurement";
  const auto& node = document["remeasurement"];
  if (auto s = CheckObject(node, path, {"diameter_percent", "length_percent", "volume_percent"},
                           {"diameter_percent", "length_percent", "volume_percent"});
      !s.ok()) {
    return s;
  }
  if (auto s = ReadTiers(node, path, "diameter_percent", out.diameter_percent); !s.ok()) return s;
  if (auto s = ReadTiers(node, path, "length_percent", out.length_percent); !s.ok()) return s;
  return ReadTiers(node, path, "volume_percent", out.volume_percent);
}

// A section holding a single tiered limit, e.g. {"minimum_diameter": {"shortfall_percent": {...}}}.
core::Status ReadSingleTierSection(const nlohmann::json& document, std::string_view section, std::string_view key,
                                   Tiers& out) {
  std::string path = "/";
  path += section;
  const auto& node = document[std::string(section)];
  if (auto s = CheckObject(node, path, {key}, {key}); !s.ok()) return s;
  return ReadTiers(node, path, key, out);
}

core::Status ReadTransport(const nlohmann::json& document, RuleSet& out) {
  const std::string path = "/transport";
  const auto& node = document["transport"];
  if (auto s = CheckObject(node, path, {"speed_kmh", "night_window", "minimum_photos"},
                           {"speed_kmh", "night_window", "minimum_photos"});
      !s.ok()) {
    return s;
  }
  if (auto s = ReadTiers(node, path, "speed_kmh", out.speed_kmh); !s.ok()) return s;
  if (auto s = ReadNightWindow(node, path, out.night_window); !s.ok()) return s;
  auto photos = ReadInteger(node["minimum_photos"], path + "/minimum_photos", 0, 100);
  if (!photos.ok()) return photos.error();
  out.minimum_photos = static_cast<int>(*photos);
  return core::Status::Ok();
}

core::Status ReadCapture(const nlohmann::json& document, RuleSet& out) {
  const std::string path = "/capture";
  const auto& node = document["capture"];
  if (auto s = CheckObject(node, path, {"upload_delay_hours", "future_tolerance_minutes"},
                           {"upload_delay_hours", "future_tolerance_minutes"});
      !s.ok()) {
    return s;
  }
  if (auto s = ReadTiers(node, path, "upload_delay_hours", out.upload_delay_hours); !s.ok()) return s;
  auto tolerance = ReadInteger(node["future_tolerance_minutes"], path + "/future_tolerance_minutes", 0, kMinutesPerDay);
  if (!tolerance.ok()) return tolerance.error();
  out.future_capture_tolerance = std::chrono::minutes(*tolerance);
  return core::Status::Ok();
}

}  // namespace

core::Result<RuleSet> LoadRuleSet(const nlohmann::json& document) {
  if (auto s = CheckObject(document, "",
                           {"source", "remeasurement", "minimum_diameter", "felling_point", "allowable_cut",
                            "volume_conservation", "sawmill_yield", "transport", "capture"},
                           {"source", "remeasurement", "minimum_diameter", "felling_point", "allowable_cut",
                            "volume_conservation", "sawmill_yield", "transport", "capture"});
      !s.ok()) {
    return s.error();
  }
  if (auto source = ReadString(document["source"], "/source"); !source.ok()) return source.error();
  RuleSet rules;
  if (auto s = ReadRemeasurement(document, rules.remeasurement); !s.ok()) return s.error();
  const struct {
    std::string_view section;
    std::string_view key;
    Tiers& out;
  } single_tier_sections[] = {
      {"minimum_diameter", "shortfall_percent", rules.minimum_diameter_shortfall_percent},
      {"felling_point", "outside_metres", rules.felling_outside_metres},
      {"allowable_cut", "used_percent", rules.allowable_cut_used_percent},
      {"volume_conservation", "excess_percent", rules.conservation_excess_percent},
      {"sawmill_yield", "excess_percent", rules.yield_excess_percent},
  };
  for (const auto& section : single_tier_sections) {
    if (auto s = ReadSingleTierSection(document, section.section, section.key, section.out); !s.ok()) {
      return s.error();
    }
  }
  if (auto s = ReadTransport(document, rules); !s.ok()) return s.error();
  if (auto s = ReadCapture(document, rules); !s.ok()) return s.error();
  return rules;
}

}  // namespace greenlane::timber
