#pragma once

#include <string>

#include "domain/rule_set.h"
#include "domain/species.h"
#include "greenlane/core/clock.h"
#include "greenlane/pg/pool.h"
#include "greenlane/security/audit_log.h"

namespace greenlane::timber::store {

/// What every timber repository shares: the pool (prepared with TimberStatements()), the audit log of
/// schema timber, the clock that stamps records, and the rules and species loaded from data/ at start-up.
/// All must outlive the repositories.
struct StoreContext {
  pg::Pool& pool;
  const security::AuditLog& audit;
  const core::Clock& clock;
  const RuleSet& rules;
  const SpeciesCatalog& species;
};

/// Who asks for a change, for the audit log and the anomalies it raises.
struct Caller {
  std::string actor;  ///< the client or officer id
  std::string request_id;
};

}  // namespace greenlane::timber::store
