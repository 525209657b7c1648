#pragma once

#include <string>

#include "greenlane/instruments/reading.h"
#include "greenlane/v1/ingest.pb.h"

namespace greenlane::edge {

/// The wire form of a parsed reading (ingest.proto): what the gateway queues and uploads. Fields
/// ingest assigns (id, gateway_id, received_at, flags) stay empty. The reading number is sent as
/// written, possibly empty; with source_line ingest rebuilds the natural key of
/// instruments::Reading::Key(). The location is a GeoPoint of doubles for maps; the exact
/// coordinates stay in payload_json.
v1::Reading ToMessage(const instruments::Reading& reading, const std::string& source_file);

}  // namespace greenlane::edge
