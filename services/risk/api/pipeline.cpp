#include "api/pipeline.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <set>
#include <utility>

#include "domain/inspection.h"
#include "greenlane/core/error.h"
#include "greenlane/core/log.h"
#include "greenlane/pg/migrations.h"

namespace greenlane::risk {
namespace {

std::uint64_t SeedOf(std::uint64_t configured) { return configured != 0 ? configured : std::random_device{}(); }

std::vector<std::string> OwnersOf(const Declaration& declaration, const std::string& client) {
  std::vector<std::string> owners;
  for (const auto* id : {&client, &declaration.declarant, &declaration.importer, &declaration.exporter}) {
    if (!id->empty() && std::find(owners.begin(), owners.end(), *id) == owners.end()) owners.push_back(*id);
  }
  return owners;
}

std::shared_ptr<const Assessor> MakeAssessor(RuleSet rules, std::shared_ptr<const ScoringModel> model) {
  return std::make_shared<const Assessor>(std::make_shared<const RuleMatcher>(std::move(rules)), std::move(model));
}

}  // namespace

Pipeline::Pipeline(std::shared_ptr<const ScoringModel> model, EvidenceMapping evidence_mapping,
                   std::uint64_t random_seed, DocumentCheckRunner& documents, PipelineStores stores,
                   Execution execution, const core::Clock& clock, std::chrono::hours late_evidence_window)
    : model_(model),
      evidence_mapping_(std::move(evidence_mapping)),
      documents_(documents),
      stores_(stores),
      execution_(execution),
      clock_(clock),
      late_evidence_window_(late_evidence_window),
      capacity_(model),
      random_(SeedOf(random_seed)) {}

Pipeline::ActiveRules Pipeline::Active(const std::optional<std::string>& version) {
  if (!version) {
    throw core::GreenlaneException(
        core::Error::FailedPrecondition("no rule set is active; activate one with ActivateRuleSet"));
  }
  {
    std::lock_guard lock(active_mutex_);
    if (active_.assessor && active_.version == *version) return active_;
  }
  const auto stored = stores_.rule_sets.Get(*version);
  if (!stored) throw core::GreenlaneException(core::Error::Internal("active rule set " + *version + " vanished"));
  auto rules = LoadRuleSet(stored->document);
  if (!rules) throw core::GreenlaneException(core::Error::Internal("stored rule set: " + rules.error().message));
  ActiveRules active{*version, MakeAssessor(*std::move(rules), model_)};
  std::lock_guard lock(active_mutex_);
  active_ = active;
  return active;
}

struct Pipeline::Flight {
  Flight(Submitter who, Assessed then, std::atomic<std::size_t>& count)
      : submitter(std::move(who)), assessed(std::move(then)), in_flight(count) {}
  ~Flight() { Leave(); }
  Flight(const Flight&) = delete;
  Flight& operator=(const Flight&) = delete;

  const std::string request_id = log::CurrentRequestId();
  Submitter submitter;
  AssessmentStore::MayAmend may_amend = [this](const std::vector<std::string>& owners) {
    return !submitter.trader_only || std::find(owners.begin(), owners.end(), submitter.client) != owners.end();
  };
  Declaration declaration;
  std::string text;  ///< the document as dumped once, for its hash and its row
  std::string sha256;
  AssessmentInputsStore::PendingLoad load;
  DocumentCheckRunner::Outcome documents;
  std::optional<NewAssessment> next;
  std::optional<AssessmentStore::PendingSave> save;
  std::optional<StoredAssessment> stored;  ///< committed, while evidence that came meanwhile is weighed

  std::atomic<int> waiting{2};  ///< for the checks and the read
  std::mutex mutex;             ///< over `assessed`
  Assessed assessed;
  std::atomic<std::size_t>& in_flight;  ///< counted from before the flight is made
  std::atomic<bool> left{false};

  // The flight's place is free once it is answered (a caller may send the next at once).
  void Leave() {
    if (!left.exchange(true)) --in_flight;
  }

  // Gives the answer, once; what the answer's own callback throws is logged, not thrown at the
  // thread that happened to run the last step.
  void End(core::Result<StoredAssessment> result) {
    Assessed then;
    {
      std::lock_guard lock(mutex);
      then = std::exchange(assessed, nullptr);
    }
    if (!then) return;
    Leave();
    try {
      then(std::move(result));
    } catch (const std::exception& e) {
      log::Error("answering an assessment failed", {{"declaration", load.reference}, {"error", e.what()}});
    }
  }
};

void Pipeline::Assess(nlohmann::json document, Submitter submitter, Assessed assessed) {
  if (++in_flight_ > execution_.in_flight) {
    --in_flight_;
    return assessed(core::Error{
        core::ErrorKind::kUnavailable,
        "more than " + std::to_string(execution_.in_flight) + " declarations are being assessed; retry with backoff",
        {}});
  }
  const auto flight = std::make_shared<Flight>(std::move(submitter), std::move(assessed), in_flight_);
  auto declaration = ParseDeclaration(document);
  if (!declaration) return flight->End(declaration.error());
  flight->declaration = *std::move(declaration);
  flight->text = document.dump();
  flight->sha256 = pg::Sha256Hex(flight->text);
  const auto& parsed = flight->declaration;
  flight->load.reference = parsed.functional_reference_id;
  flight->load.keys = ProfileKeysOf(parsed);
  flight->load.containers = parsed.containers;
  // The checks run while the store is read; a resend's checks are dropped.
  DocumentCheckRunner::Started::WhenDone(documents_.Start(parsed),
                                         [this, flight](DocumentCheckRunner::Outcome answers) {
                                           flight->documents = std::move(answers);
                                           Arrived(flight);
                                         });
  stores_.inputs.Load(flight->load, [this, flight] { Arrived(flight); });
}

void Pipeline::Arrived(const std::shared_ptr<Flight>& flight) {
  if (--flight->waiting > 0) return;
  OnWorker(flight, [this, flight] { Decide(flight); });
}

void Pipeline::OnWorker(const std::shared_ptr<Flight>& flight, std::function<void()> step) {
  const bool queued = execution_.workers.TrySubmit([flight, step = std::move(step)] {
    log::RequestScope scope(flight->request_id);
    try {
      step();
    } catch (...) {
      flight->End(core::ErrorOfException(std::current_exception()));
    }
  });
  if (!queued) {
    flight->End(core::WorkerPool::QueueFullError());
  }
}

void Pipeline::Decide(const std::shared_ptr<Flight>& flight) {
  auto& f = *flight;
  if (f.load.failure) std::rethrow_exception(f.load.failure);
  auto& inputs = f.load.inputs;
  // A resend of the same document is answered from the store, without a new random draw.
  if (inputs.current && inputs.current->document_sha256 == f.sha256 && f.may_amend(inputs.current->owners)) {
    return f.End(*std::move(inputs.current));
  }
  const auto active = Active(inputs.active_rule_set);
  const auto& declaration = f.declaration;
  // Evidence raised on the timber the documents cover is only known now.
  auto evidence = f.documents.subjects.empty() ? std::move(inputs.evidence)
                                               : stores_.evidence.Linked(declaration.functional_reference_id,
                                                                         declaration.containers, f.documents.subjects);
  CheckInputs checks{std::move(f.documents.checks), EvidenceFor(declaration, evidence, evidence_mapping_),
                     std::move(f.documents.appendices)};
  // To the millisecond, as the assessment is stored: the answer now and every later read agree.
  const core::TimePoint now = std::chrono::floor<std::chrono::milliseconds>(clock_.Now());
  auto assessment = active.assessor->Assess(declaration, checks, inputs.profiles, now);
  {
    std::lock_guard lock(random_mutex_);
    ApplyRandomSelection(assessment, *model_, random_);
  }
  capacity_.Apply(assessment, declaration.customs_office, now);

  auto owners = OwnersOf(declaration, f.submitter.client);
  auto& next = f.next.emplace(NewAssessment{std::move(f.declaration),
                                            std::move(f.text),
                                            f.sha256,
                                            std::move(owners),
                                            std::move(assessment),
                                            std::move(checks),
                                            {}});
  next.performance_rules = PerformanceRuleIds(next.assessment);
  next.barcodes = std::move(f.documents.subjects);
  next.evidence_read = evidence.size();
  auto& save = f.save.emplace(next, f.submitter.actor, f.may_amend, stores_.assessments.Prepare(next));
  stores_.assessments.Save(save, [this, flight] { Committed(flight); });
}

void Pipeline::Committed(const std::shared_ptr<Flight>& flight) {
  // On the thread that ran the group: in this declaration's scope, and nothing thrown at it.
  log::RequestScope scope(flight->request_id);
  try {
    auto saved = AssessmentStore::Saved(*flight->save);
    if (!saved) return flight->End(saved.error());
    if (!saved->evidence_arrived) return flight->End(std::move(saved->stored));
    flight->stored = std::move(saved->stored);
  } catch (...) {
    return flight->End(core::ErrorOfException(std::current_exception()));
  }
  // Evidence was stored between this assessment's read and its commit, and re-assessed only the
  // declarations committed before it: this one is re-assessed now, as late evidence would.
  OnWorker(flight, [this, flight] {
    const auto& reference = flight->next->declaration.functional_reference_id;
    std::optional<StoredAssessment> raised;
    stores_.assessments.Reassessing(reference,
                                    [&](pqxx::dbtransaction& tx) { raised = Reassess(tx, reference, clock_.Now()); });
    flight->End(raised ? *std::move(raised) : *std::move(flight->stored));
  });
}

void Pipeline::ReassessLinked(pqxx::work& tx, const std::vector<EvidenceRecord>& records) {
  std::set<std::string> references, containers, barcodes;
  for (const auto& record : records) {
    if (!record.link.declaration.empty()) references.insert(record.link.declaration);
    if (!record.link.container.empty()) containers.insert(record.link.container);
    if (!record.link.barcode.empty()) barcodes.insert(record.link.barcode);
  }
  if (references.empty() && containers.empty() && barcodes.empty()) return;
  const core::TimePoint now = std::chrono::floor<std::chrono::milliseconds>(clock_.Now());
  const EvidenceLinks links{{references.begin(), references.end()},
                            {containers.begin(), containers.end()},
                            {barcodes.begin(), barcodes.end()}};
  for (const auto& reference : AssessmentStore::LockReceivedSince(tx, links, now - late_evidence_window_)) {
    // Each declaration in a savepoint: one that cannot be assessed again is logged and skipped; the
    // evidence is stored whatever happens to it.
    try {
      pqxx::subtransaction savepoint(tx, "reassess");
      Reassess(savepoint, reference, now);
      savepoint.commit();
    } catch (const std::exception& e) {
      log::Error("late evidence could not re-assess a declaration; the evidence is kept",
                 {{"declaration", reference}, {"reason", e.what()}});
    }
  }
}

std::optional<StoredAssessment> Pipeline::Reassess(pqxx::dbtransaction& tx, const std::string& reference,
                                                   core::TimePoint now) {
  now = std::chrono::floor<std::chrono::milliseconds>(now);
  auto stored = AssessmentStore::LockAssessed(tx, reference);
  if (!stored || stored->inspected) return std::nullopt;  // an inspected declaration's outcome is known
  const auto declaration = ParseDeclaration(stored->document);
  if (!declaration) return std::nullopt;  // stored before a stricter parser; it cannot be assessed again as is
  // The evidence linked to the reference, a container or the timber its documents covered now, and
  // what the assessment in force had (a declaration stored before barcodes were kept has none).
  auto checks = stored->checks;
  checks.evidence = EvidenceFor(
      *declaration, EvidenceStore::Linked(tx, reference, declaration->containers, stored->barcodes), evidence_mapping_);
  std::set<std::string> had, now_linked;
  for (const auto& evidence : stored->checks.evidence) had.insert(evidence.reference);
  for (const auto& evidence : checks.evidence) now_linked.insert(evidence.reference);
  // Only new evidence re-assesses: a changed rule set or profile is not a reason to move a lane.
  if (std::includes(had.begin(), had.end(), now_linked.begin(), now_linked.end())) return std::nullopt;
  for (const auto& evidence : stored->checks.evidence) {
    if (!now_linked.contains(evidence.reference)) checks.evidence.push_back(evidence);
  }
  const auto active = Active(RuleSetStore::ActiveVersion(tx));
  auto assessment =
      active.assessor->Assess(*declaration, checks, LearningStore::LoadProfiles(tx, ProfileKeysOf(*declaration)), now);
  const auto before = stored->current.lane;
  if (assessment.lane <= before) return std::nullopt;
  NewAssessment next{*declaration,
                     stored->document.dump(),
                     stored->current.document_sha256,
                     stored->current.owners,
                     std::move(assessment),
                     std::move(checks),
                     {},
                     true,
                     stored->barcodes};
  // Hits count the rules each declaration hit; those its previous assessment hit are counted.
  const auto counted = PerformanceRuleIds(stored->current.assessment);
  for (auto& rule : PerformanceRuleIds(next.assessment)) {
    if (std::find(counted.begin(), counted.end(), rule) == counted.end()) next.performance_rules.push_back(rule);
  }
  const auto saved = stores_.assessments.SaveReassessment(tx, next, {"greenlane-risk", ""});
  log::Info(
      "late evidence raised a declaration's lane",
      {{"declaration", reference}, {"from", std::string(LaneName(before))}, {"to", std::string(LaneName(saved.lane))}});
  return saved;
}

core::Result<DryRunReport> Pipeline::DryRun(const nlohmann::json& candidate, int recent, core::TimePoint at) {
  auto rules = LoadRuleSet(candidate);
  if (!rules) {
    auto error = rules.error();
    error.field = "rule_set_json" + error.field;
    return error;
  }
  const auto current = Active(stores_.rule_sets.ActiveVersion());
  const auto cases = stores_.assessments.Recent(recent);
  std::vector<ProfileKey> keys;
  for (const auto& replay : cases) {
    for (auto& key : ProfileKeysOf(replay.declaration)) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
    }
  }
  const auto candidate_assessor = MakeAssessor(*std::move(rules), model_);
  return risk::DryRun(*current.assessor, *candidate_assessor, cases, stores_.learning.LoadProfiles(keys), at);
}

}  // namespace greenlane::risk
