#pragma once

#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "domain/outcome.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"
#include "store/context.h"

namespace greenlane::timber::store {

/// A step the rules accepted but flagged, as officers list it.
struct Anomaly {
  std::string id;  ///< UUIDv7, so ordering by id is ordering by time raised
  RuleOutcome outcome;
  std::string actor;
  core::TimePoint raised_at;
};

/// The select list of timber.anomalies that RowToAnomaly reads, for queries returning anomalies.
const char* AnomalyColumns();
Anomaly RowToAnomaly(const pqxx::row& row);

struct AnomalyQuery {
  std::string subject;   ///< empty: any
  std::string rule;      ///< empty: any
  std::string after_id;  ///< keyset paging: the last id of the previous page; empty for the first
  int limit = 50;        ///< clamped to 1..kMaxLimit
};

/// The anomalies the other repositories raise (see Findings), for officers and risk scoring.
class AnomalyRepository {
 public:
  static constexpr int kMaxLimit = 500;

  explicit AnomalyRepository(const StoreContext& context) : context_(context) {}

  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// Anomalies matching `query`, oldest first. kInvalidArgument when after_id is not a UUID.
  core::Result<std::vector<Anomaly>> List(const AnomalyQuery& query);

 private:
  const StoreContext& context_;
};

}  // namespace greenlane::timber::store
