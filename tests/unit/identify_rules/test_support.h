#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "greenlane/instruments/decimal.h"

namespace greenlane::identify::testing {

/// services/identify/data/<name>, parsed.
nlohmann::json ShippedData(const std::string& name);

/// An exact decimal from its text; the test fails on a typo instead of comparing with zero.
instruments::Decimal D(std::string_view text);

}  // namespace greenlane::identify::testing
