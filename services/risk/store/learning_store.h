#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/inspection.h"
#include "domain/profiles.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"
#include "greenlane/pg/pool.h"
#include "greenlane/security/audit_log.h"
#include "store/assessment_store.h"

namespace greenlane::risk {

/// What an officer recorded about one inspection.
struct InspectionInput {
  std::string declaration;
  InspectionResult result = InspectionResult::kNoDiscrepancy;
  std::string seized_quantity;  ///< exact decimal text, "" when nothing was seized
  std::string seized_unit;
  std::int64_t revenue_minor = 0;
  std::string revenue_currency;
  std::string notes;
};

struct InspectionRecord {
  std::string id;
  std::string assessment_id;
  InspectionInput input;
  bool illicit = false;
  bool random = false;
  std::string inspected_by;
  core::TimePoint recorded_at{};
};

struct RulePerformanceRow {
  std::string rule_id;
  std::int64_t hits = 0;
  std::int64_t inspected = 0;
  std::int64_t positives = 0;
};

/// What the system learns from inspections: risk.inspections, risk.profiles and the inspected and
/// positive counts of risk.rule_performance, all updated in the transaction that records the
/// inspection (audited as declaration.inspected).
class LearningStore {
 public:
  LearningStore(pg::Pool& pool, const security::AuditLog& audit, const core::Clock& clock)
      : pool_(pool), audit_(audit), clock_(clock) {}

  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// The counts of `keys` (the profile keys of the declarations about to be scored).
  ProfileStore LoadProfiles(const std::vector<ProfileKey>& keys);
  /// The same, read in `tx` (unprepared).
  static ProfileStore LoadProfiles(pqxx::transaction_base& tx, const std::vector<ProfileKey>& keys);

  /// LoadProfiles as a scalar subquery, so that other reads can share its round trip: `keys` is an
  /// SQL expression (a parameter such as "$2", or a JSON path) of a KeysArray; it yields JSON text
  /// for ProfilesFromJson.
  static std::string ProfilesJsonSql(std::string_view keys);
  static std::string KeysJson(const std::vector<ProfileKey>& keys);      ///< KeysArray as text
  static nlohmann::json KeysArray(const std::vector<ProfileKey>& keys);  ///< the keys as [{dimension, key}]
  static ProfileStore ProfilesFromJson(const std::string& json);

  /// kNotFound for a declaration never assessed, kAlreadyExists when its inspection is recorded.
  core::Result<InspectionRecord> RecordInspection(const InspectionInput& input, const Actor& actor);

  /// Rows ordered by rule id after `after_rule_id`, at most `limit`.
  std::vector<RulePerformanceRow> ListPerformance(const std::string& after_rule_id, int limit);

 private:
  pg::Pool& pool_;
  const security::AuditLog& audit_;
  const core::Clock& clock_;
};

}  // namespace greenlane::risk
