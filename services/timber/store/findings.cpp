#include "store/findings.h"

#include "greenlane/core/uuid.h"
#include "greenlane/events/outbox.h"
#include "store/sql_time.h"

namespace greenlane::timber::store {
namespace {

constexpr const char* kInsertAnomaly = "timber_anomaly_insert";
constexpr const char* kInsertAnomalySql =
    "INSERT INTO timber.anomalies (id, rule, severity, subject, value, limit_value, message, actor, created_at) "
    "VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz)";

constexpr const char* kAnomalyTopic = "timber.anomaly.raised";

}  // namespace

core::Error RejectionError(const RuleOutcome& outcome) {
  return core::Error::FailedPrecondition("rule " + outcome.rule + " refused " + outcome.subject + " (value " +
                                         outcome.value + ", limit " + outcome.limit + "): " + outcome.message);
}

std::optional<Rejection> RejectedBy(const core::Error& error) {
  constexpr std::string_view kPrefix = "rule ";
  constexpr std::string_view kRefused = " refused ";
  if (error.kind != core::ErrorKind::kFailedPrecondition || !error.message.starts_with(kPrefix)) return std::nullopt;
  const auto refused = error.message.find(kRefused);
  if (refused == std::string::npos) return std::nullopt;
  const auto subject_from = refused + kRefused.size();
  const auto subject_end = error.message.find_first_of(" :", subject_from);
  if (subject_end == std::string::npos) return std::nullopt;
  return Rejection{error.message.substr(kPrefix.size(), refused - kPrefix.size()),
                   error.message.substr(subject_from, subject_end - subject_from)};
}

core::Status Findings::Judge(RuleOutcome outcome) {
  switch (outcome.severity) {
    case Severity::kError:
      return RejectionError(outcome);
    case Severity::kWarning:
      warnings_.push_back(std::move(outcome));
      break;
    case Severity::kPass:
      break;
  }
  return core::Status::Ok();
}

void Findings::Raise(pqxx::work& tx, const StoreContext& context, const Caller& caller) const {
  for (const auto& warning : warnings_) {
    const auto id = core::Uuid::NewV7(context.clock).ToString();
    const auto at = SqlTime(context.clock.Now());
    const auto severity = std::string(SeverityName(warning.severity));
    tx.exec_prepared(kInsertAnomaly, id, warning.rule, severity, warning.subject, warning.value, warning.limit,
                     warning.message, caller.actor, at);
    events::Publish(tx, "timber", kAnomalyTopic,
                    {{"id", id},
                     {"rule", warning.rule},
                     {"severity", severity},
                     {"subject", warning.subject},
                     {"value", warning.value},
                     {"limit", warning.limit},
                     {"message", warning.message},
                     {"raised_at", at}});
  }
}

std::vector<std::pair<std::string, std::string>> FindingsStatements() { return {{kInsertAnomaly, kInsertAnomalySql}}; }

}  // namespace greenlane::timber::store
