#pragma once

#include <functional>
#include <pqxx/pqxx>
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
  /// Runs inside the step's transaction just before it commits, so what it writes commits with the
  /// step or not at all (offline sync records the device's sequence number this way: a crash between
  /// two transactions would otherwise turn a resent record into a false rejection). May throw to
  /// abort the step.
  std::function<void(pqxx::work&)> in_transaction = {};
};

/// Commits a write step: the caller's in-transaction hook first, then the transaction.
inline void CommitStep(pqxx::work& tx, const Caller& caller) {
  if (caller.in_transaction) caller.in_transaction(tx);
  tx.commit();
}

}  // namespace greenlane::timber::store
