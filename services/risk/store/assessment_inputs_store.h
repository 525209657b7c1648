#pragma once

#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/evidence.h"
#include "domain/profiles.h"
#include "greenlane/pg/pool.h"
#include "store/assessment_store.h"
#include "store/grouped.h"

namespace greenlane::risk {

/// What the pipeline reads before it assesses a declaration.
struct AssessmentInputs {
  std::optional<StoredAssessment> current;     ///< the assessment in force; a resend is answered from it
  std::optional<std::string> active_rule_set;  ///< nullopt before any rule set was activated
  ProfileStore profiles;                       ///< of the declaration's profile keys
  std::vector<EvidenceRecord> evidence;        ///< linked to the reference or a container, oldest first
};

/// Reads AssessmentInputs in one statement, one round trip, where the stores that own each part
/// would take four (AssessmentStore::Current, RuleSetStore::ActiveVersion,
/// LearningStore::LoadProfiles, EvidenceStore::Linked): on a small machine a round trip's wake-ups
/// cost more than the reads. Concurrent loads share that statement too (Grouped): one row per
/// declaration of the group. Evidence linked by timber barcodes is not read here, as the barcodes
/// come from the document checks.
class AssessmentInputsStore {
 public:
  /// `hand_off` runs the reads' groups off the loading thread (see Grouped).
  explicit AssessmentInputsStore(pg::Pool& pool, GroupHandOff hand_off = nullptr);
  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// What one declaration asks for, and (once its group has run) what came back.
  struct PendingLoad {
    std::string reference;
    std::vector<ProfileKey> keys;
    std::vector<std::string> containers;
    AssessmentInputs inputs;
    std::exception_ptr failure;  ///< the read failed (the database, not the declaration)
  };
  /// Reads `load`'s inputs with those of concurrent loads (see Grouped: `done` may run on this
  /// thread before Load returns, or on the thread running the group). `load` must live until then.
  void Load(PendingLoad& load, Grouped<PendingLoad>::Done done);

 private:
  /// The most declarations one statement reads.
  static constexpr std::size_t kMaxGroup = 128;
  void Read(const std::vector<PendingLoad*>& group);

  pg::Pool& pool_;
  Grouped<PendingLoad> loads_;
};

}  // namespace greenlane::risk
