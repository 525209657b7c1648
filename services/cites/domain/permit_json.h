#pragma once

#include <nlohmann/json.hpp>

#include "domain/lifecycle.h"
#include "greenlane/core/error.h"

namespace greenlane::cites {

/// One JSON shape for a permit everywhere it leaves the process as data: the store's document
/// column, audit before/after, event payloads and signed deliveries to partner economies. Field
/// names follow greenlane.v1.CitesPermit; quantities are decimal strings, dates "YYYY-MM-DD".
nlohmann::json PermitToJson(const Permit& permit);
/// Reads that shape; an error names the first bad field, e.g. "lines[1].quantity". Partners send
/// it too, so nothing is assumed about the input.
core::Result<Permit> PermitFromJson(const nlohmann::json& document);

nlohmann::json EndorsementToJson(const Endorsement& endorsement);
core::Result<Endorsement> EndorsementFromJson(const nlohmann::json& document);

nlohmann::json ImportRecordToJson(const ImportRecord& import);
core::Result<ImportRecord> ImportRecordFromJson(const nlohmann::json& document);

/// The record for audit rows: permit, state, endorsement, import, reason, replaced_by.
nlohmann::json RecordToJson(const PermitRecord& record);

}  // namespace greenlane::cites
