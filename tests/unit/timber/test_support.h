#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/barcode.h"
#include "domain/rule_set.h"
#include "domain/species.h"
#include "greenlane/core/clock.h"

namespace greenlane::timber::testing {

/// A valid Gabonese barcode of `kind` with `serial`.
inline Barcode Tag(BarcodeKind kind, std::int64_t serial) { return Barcode::Make(kind, "GA", serial).value(); }

/// A data file shipped with the service (services/timber/data/<name>).
inline nlohmann::json ShippedData(const std::string& name) {
  std::ifstream in(std::string(GREENLANE_SOURCE_DIR) + "/services/timber/data/" + name);
  return nlohmann::json::parse(in);
}

/// The rules the service ships with; tests of a rule state the limits they rely on beside them.
inline RuleSet ShippedRules() { return LoadRuleSet(ShippedData("rules.json")).value(); }

inline SpeciesCatalog ShippedSpecies() { return LoadSpeciesCatalog(ShippedData("species.json")).value(); }

inline core::TimePoint At(const std::string& rfc3339) { return core::ParseRfc3339(rfc3339).value(); }

}  // namespace greenlane::timber::testing
