#include "store/anomaly_repository.h"

#include <algorithm>

#include "greenlane/core/uuid.h"
#include "store/sql_time.h"

namespace greenlane::timber::store {
namespace {

constexpr const char* kList = "timber_anomaly_list";
const std::string kListSql =
    std::string("SELECT ") + AnomalyColumns() +
    " FROM timber.anomalies WHERE ($1 = '' OR subject = $1) AND ($2 = '' OR rule = $2) "
    "AND id > coalesce(NULLIF($3, '')::uuid, '00000000-0000-0000-0000-000000000000') ORDER BY id LIMIT $4";

Severity SeverityFromCode(const std::string& code) {
  return code == SeverityName(Severity::kError) ? Severity::kError : Severity::kWarning;
}

}  // namespace

const char* AnomalyColumns() {
  return "id::text, rule, severity, subject, value, limit_value, message, actor, "
         "(extract(epoch FROM created_at) * 1000000)::bigint";
}

Anomaly RowToAnomaly(const pqxx::row& row) {
  return {.id = row[0].as<std::string>(),
          .outcome = {.rule = row[1].as<std::string>(),
                      .severity = SeverityFromCode(row[2].as<std::string>()),
                      .subject = row[3].as<std::string>(),
                      .value = row[4].as<std::string>(),
                      .limit = row[5].as<std::string>(),
                      .message = row[6].as<std::string>()},
          .actor = row[7].as<std::string>(),
          .raised_at = TimeFromMicros(row[8].as<std::int64_t>())};
}

std::vector<std::pair<std::string, std::string>> AnomalyRepository::PreparedStatements() { return {{kList, kListSql}}; }

core::Result<std::vector<Anomaly>> AnomalyRepository::List(const AnomalyQuery& query) {
  if (!query.after_id.empty() && !core::Uuid::Parse(query.after_id)) {
    return core::Error::InvalidArgument("after_id", "'" + query.after_id + "' is not an anomaly id (a UUID)");
  }
  auto connection = context_.pool.Acquire();
  pqxx::read_transaction tx(*connection);
  std::vector<Anomaly> anomalies;
  for (const auto& row :
       tx.exec_prepared(kList, query.subject, query.rule, query.after_id, std::clamp(query.limit, 1, kMaxLimit))) {
    anomalies.push_back(RowToAnomaly(row));
  }
  return anomalies;
}

}  // namespace greenlane::timber::store
