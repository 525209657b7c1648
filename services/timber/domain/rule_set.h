#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "domain/outcome.h"
#include "greenlane/core/error.h"

namespace greenlane::timber {

/// Hours of the day, in a site's local time, when no waybill may be issued from a forest site:
/// trucks that leave the forest at night are the ones nobody checks. The window may wrap midnight
/// (start 18:30, end 06:00); a time equal to `start` is inside, equal to `end` is outside.
struct NightWindow {
  int start_minute = 0;  ///< minutes after local midnight
  int end_minute = 0;
};

/// Every limit of the timber rules, read from services/timber/data/rules.json so that an
/// administration tunes them without a release. Tier values are in hundredths of the unit the
/// field name says (percent, metres, km/h, hours).
struct RuleSet {
  struct Remeasurement {
    Tiers diameter_percent;  ///< mean diameter, either way, against the recorded measure
    Tiers length_percent;
    Tiers volume_percent;
  };
  Remeasurement remeasurement;
  Tiers minimum_diameter_shortfall_percent;  ///< how far under the species' minimum cutting diameter
  Tiers felling_outside_metres;              ///< distance of a felling point outside the concession
  Tiers allowable_cut_used_percent;          ///< share of a concession's annual cut for a species
  Tiers conservation_excess_percent;         ///< children's volume over their parent's
  Tiers yield_excess_percent;                ///< sawmill output over input × maximum yield
  Tiers speed_kmh;                           ///< between consecutive GPS points of a transport
  NightWindow night_window;
  int minimum_photos = 3;                            ///< photo references a waybill must carry
  Tiers upload_delay_hours;                          ///< between capture in the field and upload
  std::chrono::minutes future_capture_tolerance{0};  ///< device clocks that run ahead of ours
};

/// Parses the content of rules.json. Every field is required and unknown fields are refused; each
/// error names the field ("/transport/speed_kmh/error: ..."). Within a rule, warning ≤ error.
core::Result<RuleSet> LoadRuleSet(const nlohmann::json& document);

}  // namespace greenlane::timber
