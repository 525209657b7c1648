#pragma once

#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "domain/quota.h"
#include "greenlane/core/clock.h"
#include "greenlane/pg/pool.h"
#include "greenlane/security/audit_log.h"
#include "store/sql_values.h"

namespace greenlane::cites {

/// A quota as stored, with what endorsements have drawn from it.
struct QuotaRow {
  QuotaKey key;
  Quota quota;
};

/// Annual export quotas (cites.quotas). Endorsements draw on them inside the permit store's
/// transaction, under row locks taken in key order, so concurrent endorsements never overdraw.
class QuotaStore {
 public:
  QuotaStore(pg::Pool& pool, const security::AuditLog& audit, const core::Clock& clock)
      : pool_(pool), audit_(audit), clock_(clock) {}

  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// Sets the annual quantity and unit (audited as quota.set), keeping what was used. Refused
  /// (quota.below_used, quota.unit) below what is used already or in another unit once drawn on.
  core::Result<QuotaRow> Set(const QuotaKey& key, Quantity quantity, const std::string& unit, const Actor& actor);
  /// Quotas of `country` ("" = any) and `year` (0 = any), by species.
  std::vector<QuotaRow> List(const std::string& country, int year);

  /// The book holding the quotas of `keys` (absent ones have no quota); with `for_update` their
  /// rows stay locked until `tx` ends. Keys are locked in sorted order so two transactions never
  /// wait for each other in a circle.
  static QuotaBook Load(pqxx::transaction_base& tx, std::vector<QuotaKey> keys, bool for_update);
  /// Writes back what `book` has used for `keys`.
  static void SaveUsed(pqxx::transaction_base& tx, const QuotaBook& book, const std::vector<QuotaKey>& keys);

 private:
  pg::Pool& pool_;
  const security::AuditLog& audit_;
  const core::Clock& clock_;
};

}  // namespace greenlane::cites
