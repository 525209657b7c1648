#pragma once

#include <nlohmann/json.hpp>

#include "greenlane/core/error.h"
#include "greenlane/instruments/reading.h"

namespace greenlane::identify {

/// Readings arrive from ingest as the normalized payload JSON of libs/instruments/reading_json.h;
/// these read it back into the payload types the rules take. A payload identify cannot read is
/// an error naming the member as a JSON pointer ("/elements/2/concentration_ppm"), never a crash:
/// it comes from another service and is treated as untrusted.
core::Result<instruments::XrfPayload> ReadXrfPayload(const nlohmann::json& payload);
core::Result<instruments::RefrigerantPayload> ReadRefrigerantPayload(const nlohmann::json& payload);
core::Result<instruments::WoodImagePayload> ReadWoodImagePayload(const nlohmann::json& payload);
core::Result<instruments::QpcrPayload> ReadQpcrPayload(const nlohmann::json& payload);
core::Result<instruments::DartPayload> ReadDartPayload(const nlohmann::json& payload);

}  // namespace greenlane::identify
