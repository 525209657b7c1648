#pragma once

#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "domain/lifecycle.h"
#include "exchange/permit_token.h"
#include "greenlane/core/clock.h"
#include "greenlane/pg/pool.h"
#include "greenlane/security/audit_log.h"
#include "store/reference.h"
#include "store/sql_values.h"

namespace greenlane::cites {

/// A permit as stored: the domain record plus what only storage knows.
struct StoredPermit {
  std::string id;
  PermitRecord record;
  std::string applicant;
  std::string token;
  core::TimePoint created_at;
  core::TimePoint updated_at;
};

struct PermitQuery {
  std::string state, type, exporter_country, importer_country;
  std::string applicant;  ///< "" = every applicant (officers); a trader's own id otherwise
  int page_size = 0;      ///< 0 = 50; at most 500
  std::string page_token;
};

struct PermitPage {
  std::vector<StoredPermit> permits;
  std::string next_page_token;
};

/// Permits and their lines (cites.permits, cites.permit_lines). Every change runs the domain rule
/// on the row locked FOR UPDATE, and writes the new state, its audit row and its event in one
/// transaction, so two officers acting on one permit at once are serialised and the second sees
/// the first's result.
class PermitStore {
 public:
  PermitStore(pg::Pool& pool, const security::AuditLog& audit, const core::Clock& clock, const Reference& reference,
              const PermitSigner& signer)
      : pool_(pool), audit_(audit), clock_(clock), reference_(reference), signer_(signer) {}

  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// Stores a draft (audited as permit.drafted). A permit without a number gets the next
  /// "<issuer country>-<EX|RE|IM|CO>-<year of issue>-<6 digits>"; a taken number is kAlreadyExists.
  core::Result<StoredPermit> CreateDraft(Permit permit, const std::string& applicant, const Actor& actor);
  core::Result<StoredPermit> Get(const std::string& number);
  /// kInvalidArgument for a page token this store did not hand out.
  core::Result<PermitPage> List(const PermitQuery& query);

  /// Every problem of `permit` against the listings, the import permit it names and the quotas.
  Problems Validate(const Permit& permit);

  /// Draft to issued: validated again under the lock, signed, audited, cites.permit.issued
  /// published, and a delivery queued when the counterpart country is a partner allowed
  /// permit.deliver.
  core::Result<StoredPermit> Issue(const std::string& number, const Actor& actor);
  /// Box 14 with the quota drawdown, under row locks on the permit and its quotas.
  core::Result<StoredPermit> Endorse(const std::string& number, const Endorsement& endorsement, const Actor& actor);
  /// Single use at import. A second use is refused (lifecycle.single_use) and leaves a
  /// permit.reuse_refused audit row and a cites.permit.reuse_refused event: an alert.
  core::Result<StoredPermit> RecordImportUse(const std::string& number, const ImportRecord& import, const Actor& actor);
  core::Result<StoredPermit> Cancel(const std::string& number, const std::string& reason, const Actor& actor);
  core::Result<StoredPermit> Revoke(const std::string& number, const std::string& reason, const Actor& actor);
  core::Result<StoredPermit> Replace(const std::string& number, const std::string& replacement, const Actor& actor);

  /// Records whose endorsement or import is dated in `year`, for the annual and mirror reports.
  std::vector<PermitRecord> TradedIn(int year);

 private:
  template <typename Change>
  core::Result<StoredPermit> Transition(const std::string& number, const Actor& actor, const char* action,
                                        Change&& change);
  Problems ValidateIn(pqxx::transaction_base& tx, const Permit& permit);
  void Save(pqxx::work& tx, const StoredPermit& before, const StoredPermit& after, const char* action,
            const Actor& actor);
  void RecordReuseAlert(const StoredPermit& permit, const ImportRecord& attempt, const core::Error& refusal,
                        const Actor& actor);

  pg::Pool& pool_;
  const security::AuditLog& audit_;
  const core::Clock& clock_;
  const Reference& reference_;
  const PermitSigner& signer_;
};

}  // namespace greenlane::cites
