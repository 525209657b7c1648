#pragma once

#include <string>

#include "domain/answer/identifier.h"

namespace greenlane::identify {

/// Reads the identification tables from `data_dir` (refrigerants.json, xrf_action_levels.json,
/// wood_classes.json, qpcr_assays.json, cites_species.json). Throws core::ConfigError naming the
/// file and the member when one cannot be read or is wrong: the service must not start without them.
ReferenceTables LoadReferenceTables(const std::string& data_dir);

}  // namespace greenlane::identify
