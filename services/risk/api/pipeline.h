#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/document_check_runner.h"
#include "domain/assessor.h"
#include "domain/dry_run.h"
#include "domain/evidence.h"
#include "domain/selection.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/worker_pool.h"
#include "store/assessment_inputs_store.h"
#include "store/assessment_store.h"
#include "store/evidence_store.h"
#include "store/learning_store.h"
#include "store/rule_set_store.h"

namespace greenlane::risk {

/// Who lodges a declaration: the client the facade acts for, and whether it may only touch
/// declarations it is a party to (a trader) or any (an officer).
struct Submitter {
  std::string client;
  bool trader_only = true;
  Actor actor;
};

/// The stores the pipeline reads and writes.
struct PipelineStores {
  AssessmentStore& assessments;
  RuleSetStore& rule_sets;
  LearningStore& learning;
  EvidenceStore& evidence;
  AssessmentInputsStore& inputs;
};

/// The whole selection pipeline as the service runs it for one declaration: the document checks
/// started under their deadline; while they run, one (group) read of the assessment in force, the
/// active rule set's version, the profiles of the declaration's keys and the evidence linked to it
/// (a second read only when the checks name timber barcodes); then the domain's assessment, random
/// selection and capacity, then one (group) transaction storing it all. Thread-safe.
class Pipeline {
 public:
  /// How Assess runs: `workers` runs the steps that follow a wait (the reads, the checks, the group
  /// commit); at most `in_flight` declarations are being assessed at once.
  struct Execution {
    core::WorkerPool& workers;
    std::size_t in_flight;
  };
  Pipeline(std::shared_ptr<const ScoringModel> model, EvidenceMapping evidence_mapping, std::uint64_t random_seed,
           DocumentCheckRunner& documents, PipelineStores stores, Execution execution, const core::Clock& clock,
           std::chrono::hours late_evidence_window);

  using Assessed = std::function<void(core::Result<StoredAssessment>)>;
  /// Parses and assesses `document` (the single window's JSON) and gives `assessed` the stored
  /// assessment, or why there is none, exactly once. No thread waits meanwhile: the checks answer
  /// on gRPC's threads, the reads and the commit run in groups (Grouped), and each step after a
  /// wait is a task on `workers`; `assessed` runs on the thread of the last step (the one that ran
  /// the commit's group, usually). A failure of the database or of the pipeline itself comes as
  /// core::ErrorOfException gives it; more than `in_flight` at once, kUnavailable. Its first steps
  /// only compute and start the others (the read's group runs on a worker: the inputs store hands
  /// it off), so gRPC's threads may call it.
  void Assess(nlohmann::json document, Submitter submitter, Assessed assessed);

  /// Evidence that arrives after the lane: inside `tx`, the consumer's transaction that stored
  /// `records`, re-assesses each declaration they name by reference, container or timber barcode
  /// (one its documents covered) that was received
  /// within the late-evidence window and is not yet inspected, with the document answers its
  /// assessment in force had and the evidence linked to it now. Only when some of that evidence is
  /// new and the lane rises is the new assessment put in force (audited as declaration.reassessed,
  /// announced); otherwise nothing changes: late evidence only adds suspicion, and an officer's
  /// reroute stands unless the evidence goes above it.
  void ReassessLinked(pqxx::work& tx, const std::vector<EvidenceRecord>& records);

  /// Replays the latest `recent` declarations under the active rule set and `candidate` at `at`.
  core::Result<DryRunReport> DryRun(const nlohmann::json& candidate, int recent, core::TimePoint at);

 private:
  struct ActiveRules {
    std::string version;
    std::shared_ptr<const Assessor> assessor;
  };
  /// The assessor of the rule set `version` (the active one, as just read), rebuilt when another
  /// replica (or ActivateRuleSet) changed it.
  ActiveRules Active(const std::optional<std::string>& version);
  /// One declaration on its way through Assess, from step to step.
  struct Flight;
  /// The checks have answered or the inputs are read: once both are, Decide runs on a worker.
  void Arrived(const std::shared_ptr<Flight>& flight);
  /// Assesses with what was read and answered, then joins a group commit.
  void Decide(const std::shared_ptr<Flight>& flight);
  /// The group commit ran: the answer, unless evidence came meanwhile (then a worker re-assesses
  /// the declaration, as late evidence would).
  void Committed(const std::shared_ptr<Flight>& flight);
  /// Runs `step` for `flight` on a worker, in the flight's request scope; what it throws ends the
  /// flight with that failure. A full queue ends it kUnavailable.
  void OnWorker(const std::shared_ptr<Flight>& flight, std::function<void()> step);

  /// ReassessLinked for one declaration `tx` has locked: the new assessment when the lane rose.
  std::optional<StoredAssessment> Reassess(pqxx::dbtransaction& tx, const std::string& reference, core::TimePoint now);

  std::shared_ptr<const ScoringModel> model_;
  EvidenceMapping evidence_mapping_;
  DocumentCheckRunner& documents_;
  PipelineStores stores_;
  Execution execution_;
  std::atomic<std::size_t> in_flight_{0};
  const core::Clock& clock_;
  std::chrono::hours late_evidence_window_;
  CapacityBalancer capacity_;
  std::mutex random_mutex_;
  SeededRandom random_;
  std::mutex active_mutex_;
  ActiveRules active_;
};

}  // namespace greenlane::risk
