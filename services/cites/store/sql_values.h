#pragma once

#include <cstdint>
#include <string>

#include "greenlane/core/clock.h"

namespace greenlane::cites {

/// A timestamptz as bound text: RFC 3339 UTC with microseconds (PostgreSQL's precision).
std::string PgTimestamp(core::TimePoint time);

/// SQL selecting a timestamptz column as microseconds since the epoch (read with FromMicros): exact
/// and independent of the session's DateStyle and TimeZone.
std::string MicrosOf(const std::string& column);
core::TimePoint FromMicros(std::int64_t micros);

/// Who asked for a change, for the audit log.
struct Actor {
  std::string name;        ///< rpc::Caller::AuditName(), e.g. "officer-7 via service-api"
  std::string request_id;  ///< ties the audit row to the call's log lines
};

}  // namespace greenlane::cites
