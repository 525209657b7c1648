#pragma once

#include <exception>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/assessment.h"
#include "domain/checks.h"
#include "domain/declaration.h"
#include "domain/dry_run.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"
#include "greenlane/pg/pool.h"
#include "greenlane/security/audit_log.h"
#include "store/grouped.h"

namespace greenlane::risk {

/// Who makes a change, for the audit log.
struct Actor {
  std::string name;        ///< rpc::Caller::AuditName()
  std::string request_id;  ///< ties the audit row to the call's log lines
};

struct RerouteRecord {
  Lane from = Lane::kGreen;
  Lane to = Lane::kGreen;
  std::string justification;
  std::string actor;
  core::TimePoint at{};
};

/// The assessment in force for a declaration, as stored.
struct StoredAssessment {
  std::string id;
  Assessment assessment;     ///< as the pipeline made it (assessment.lane is the selected lane)
  Lane lane = Lane::kGreen;  ///< in force, after reroutes
  std::vector<RerouteRecord> reroutes;
  std::vector<std::string> owners;  ///< client ids that may read it as traders
  std::string document_sha256;
};

/// A declaration and the assessment the pipeline made of it, to be stored together.
struct NewAssessment {
  Declaration declaration;
  std::string document;  ///< the single window's JSON, as dumped once for its hash and its row
  std::string document_sha256;
  std::vector<std::string> owners;
  Assessment assessment;
  CheckInputs checks;
  std::vector<std::string> performance_rules;  ///< rule ids whose hit count goes up
  /// The stored document assessed again (late evidence): stored even though the document is the
  /// same, and audited as declaration.reassessed.
  bool reassessment = false;
  /// The timber barcodes the documents cover (the checks' subjects), so that a timber anomaly raised
  /// on one later finds the declaration.
  std::vector<std::string> barcodes;
  /// How many evidence records linked to the declaration, its containers and `barcodes` the
  /// assessment read; the save counts them again (EvidenceStore::GateSharedSql).
  std::size_t evidence_read = 0;
};

/// A declaration with an assessment in force, as late evidence re-assesses it.
struct AssessedDeclaration {
  StoredAssessment current;
  nlohmann::json document;
  CheckInputs checks;  ///< as the assessment in force had them
  bool inspected = false;
  std::vector<std::string> barcodes;  ///< NewAssessment::barcodes as stored
};

/// A save, and whether evidence linked to its declaration was stored after its assessment read
/// the evidence and before the save committed: then the assessment did not weigh it, and the
/// declaration must be re-assessed (as late evidence would).
struct SavedAssessment {
  StoredAssessment stored;
  bool evidence_arrived = false;
};

/// What late evidence names: declarations, containers and timber barcodes.
struct EvidenceLinks {
  std::vector<std::string> references, containers, barcodes;
};

/// risk.declarations, risk.assessments and risk.reroutes. Each change is audited and announced
/// (risk.assessment.made through the outbox) in the transaction that makes it.
class AssessmentStore {
 public:
  AssessmentStore(pg::Pool& pool, const security::AuditLog& audit, const core::Clock& clock);

  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// The assessment in force for `reference`; nullopt when the declaration is unknown.
  std::optional<StoredAssessment> Current(const std::string& reference);
  static std::optional<StoredAssessment> Current(pqxx::transaction_base& tx, const std::string& reference,
                                                 bool for_update);

  /// Current's SELECT for the reference the SQL expression `reference` gives, so that other reads
  /// can share its round trip, and the assessment from the first kCurrentColumns columns of a row
  /// it gave.
  static std::string CurrentSelectSql(std::string_view reference);
  static constexpr int kCurrentColumns = 7;
  static StoredAssessment StoredFromRow(const pqxx::row& row);

  using MayAmend = std::function<bool(const std::vector<std::string>&)>;
  /// A save on its way: its assessment id, time and statement parameters are made by Prepare on
  /// the caller's thread, so the group's writer (holding the audit chain's lock) does no JSON work.
  struct PreparedSave {
    StoredAssessment stored;
    core::TimePoint now;
    std::vector<std::string> declaration_params;
    std::vector<std::string> assessment_params;
  };
  PreparedSave Prepare(const NewAssessment& next) const;
  struct PendingSave {
    const NewAssessment& next;
    const Actor& actor;
    const MayAmend& may_amend;
    PreparedSave prepared;
    std::optional<core::Result<StoredAssessment>> result = std::nullopt;
    bool evidence_arrived = false;
    std::exception_ptr failure = nullptr;  ///< the write failed (the database, not the save)
  };

  /// Stores the declaration and makes `save.next` its assessment in force, unless the stored
  /// document has the same hash (a resend): then nothing changes and the stored assessment is
  /// the result. Fails with kPermissionDenied when the declaration exists and `may_amend` refuses
  /// its owners. `done` runs once the save's transaction committed (or failed); see Grouped for
  /// the thread. `save` (and what it refers to) must live until then; Saved reads its outcome.
  ///
  /// Group commit: saves that arrive while another batch is being written are then written
  /// together, in order, in one transaction, so concurrent assessments share one commit (one fsync)
  /// and one pass through the audit chain's lock instead of queueing for them one by one; the
  /// batch's audit rows and events are each written with one statement. When a batch fails, each
  /// of its saves is retried alone, so one bad save never fails another.
  void Save(PendingSave& save, Grouped<PendingSave>::Done done);
  /// The outcome of a save whose `done` ran; rethrows a failure of the write.
  static core::Result<SavedAssessment> Saved(PendingSave& save);

  /// The references of the declarations received since `since` that are among `links.references`
  /// or list one of its containers or barcodes, locked in `tx` in reference order (so that two
  /// callers cannot deadlock on them), until it ends. An amendment waits for the lock, as Save
  /// takes it too.
  static std::vector<std::string> LockReceivedSince(pqxx::transaction_base& tx, const EvidenceLinks& links,
                                                    core::TimePoint since);

  /// Runs `reassess` in a transaction of its own that has locked the declaration `reference`
  /// (LockReceivedSince), and commits it.
  void Reassessing(const std::string& reference, const std::function<void(pqxx::dbtransaction&)>& reassess);

  /// For a declaration `tx` has locked: its assessment in force, locked too (a reroute waits), and,
  /// read after both locks so that nothing committed before them is missed, its document, the
  /// checks of that assessment and whether an inspection is recorded. nullopt when not assessed.
  static std::optional<AssessedDeclaration> LockAssessed(pqxx::transaction_base& tx, const std::string& reference);

  /// Stores the re-assessment `next` in `tx` (whose caller commits it), audited and announced.
  StoredAssessment SaveReassessment(pqxx::dbtransaction& tx, const NewAssessment& next, const Actor& actor);

  /// Moves the declaration to `lane` (kFailedPrecondition when it is already there).
  core::Result<StoredAssessment> Reroute(const std::string& reference, Lane lane, const std::string& justification,
                                         const Actor& actor);

  /// The latest `limit` declarations with the check answers of their assessment in force, newest first.
  std::vector<ReplayCase> Recent(int limit);

 private:
  static constexpr std::size_t kMaxBatch = 256;
  /// The audit rows, events and rule hits of a batch's saves, written once for the whole batch.
  struct BatchRecords {
    std::vector<security::AuditLog::TimedEntry> audit;
    std::vector<nlohmann::json> events;
    std::map<std::string, int> hits;  ///< by rule id
  };
  /// Stores the new declarations of `batch` with their assessments in one statement; true for each
  /// save it stored. The others (existing references) go through SaveIn's amendment path.
  static std::vector<bool> InsertNew(pqxx::dbtransaction& tx, const std::vector<PendingSave*>& batch);
  /// One save in `tx`: `inserted` when InsertNew stored it, else a resend or an amendment (or a
  /// reassessment) of an existing declaration; its audit row, event and hits go to `records`.
  core::Result<StoredAssessment> SaveIn(pqxx::dbtransaction& tx, const PendingSave& save, bool inserted,
                                        BatchRecords& records);
  /// Writes the rule hits, events and audit rows of `records`, the saves of `batch` (two
  /// statements), and answers the references among `batch` with more evidence linked now than their
  /// assessments read.
  std::set<std::string> WriteRecords(pqxx::dbtransaction& tx, const std::vector<PendingSave*>& batch,
                                     const BatchRecords& records);
  void Write(const std::vector<PendingSave*>& batch);

  pg::Pool& pool_;
  const security::AuditLog& audit_;
  const core::Clock& clock_;
  Grouped<PendingSave> saves_;
};

/// The event payload of risk.assessment.made (services/risk/README.md).
nlohmann::json AssessmentEvent(const StoredAssessment& stored, const std::string& customs_office);

}  // namespace greenlane::risk
