#pragma once

#include <string>
#include <string_view>

namespace greenlane::ingest {

/// What is wrong with a reading's payload_json, or "" when it can be stored as jsonb: it must be a
/// JSON object of at most kMaxPayloadBytes, nested at most kMaxPayloadDepth deep, without NUL
/// characters (PostgreSQL's jsonb refuses "\u0000") and with numbers PostgreSQL's numeric can hold.
/// Anything jsonb would refuse is caught here, since one bad row would fail a whole batch.
std::string PayloadProblem(std::string_view payload_json);

}  // namespace greenlane::ingest
