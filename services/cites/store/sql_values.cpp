#include "store/sql_values.h"

namespace greenlane::cites {

std::string PgTimestamp(core::TimePoint time) { return core::FormatRfc3339(time, 6); }

std::string MicrosOf(const std::string& column) {
  std::string sql = "(extract(epoch from ";
  sql.append(column).append(") * 1000000)::bigint");
  return sql;
}

core::TimePoint FromMicros(std::int64_t micros) {
  return core::TimePoint(std::chrono::duration_cast<core::TimePoint::duration>(std::chrono::microseconds(micros)));
}

}  // namespace greenlane::cites
