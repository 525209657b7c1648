#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/rule_set.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"
#include "greenlane/pg/pool.h"
#include "greenlane/security/audit_log.h"
#include "store/assessment_store.h"

namespace greenlane::risk {

struct StoredRuleSet {
  std::string version;
  nlohmann::json document;
  int rules = 0;
  bool active = false;
  std::optional<core::TimePoint> activated_at;
  std::string activated_by;
};

/// risk.rule_sets: every rule set ever stored, by version, and which one is active. Activations are
/// audited (rule_set.activated).
class RuleSetStore {
 public:
  RuleSetStore(pg::Pool& pool, const security::AuditLog& audit, const core::Clock& clock)
      : pool_(pool), audit_(audit), clock_(clock) {}

  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// The active version; nullopt before any rule set was activated.
  std::optional<std::string> ActiveVersion();
  /// The same, read in `tx` (a connection of the pool, where the statement is prepared).
  static std::optional<std::string> ActiveVersion(pqxx::transaction_base& tx);
  /// ActiveVersion's SELECT, to be used as a scalar subquery sharing another read's round trip.
  static const char* ActiveVersionSql();
  std::optional<StoredRuleSet> Get(const std::string& version);

  /// Stores and activates `document` unless some rule set is stored already (first start of the
  /// first replica); true when it did.
  bool SeedIfEmpty(const RuleSet& rules, const nlohmann::json& document, const Actor& actor);

  /// Stores `document` (when given; kAlreadyExists when its version is stored with other content)
  /// and makes `version` the active rule set (kNotFound for an unknown version).
  core::Result<StoredRuleSet> Activate(const std::optional<std::pair<RuleSet, nlohmann::json>>& candidate,
                                       const std::string& version, const std::string& justification,
                                       const Actor& actor);

 private:
  pg::Pool& pool_;
  const security::AuditLog& audit_;
  const core::Clock& clock_;
};

}  // namespace greenlane::risk
