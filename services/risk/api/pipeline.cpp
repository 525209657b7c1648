#include "api/pipeline.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <set>

#include "domain/inspection.h"
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
                   const core::Clock& clock, std::chrono::hours late_evidence_window)
    : model_(model),
      evidence_mapping_(std::move(evidence_mapping)),
      documents_(documents),
      stores_(stores),
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

core::Result<StoredAssessment> Pipeline::Assess(const nlohmann::json& document, const Submitter& submitter) {
  auto declaration = ParseDeclaration(document);
  if (!declaration) return declaration.error();
  const auto sha256 = pg::Sha256Hex(document.dump());
  const auto may_amend = [&](const std::vector<std::string>& owners) {
    return !submitter.trader_only || std::find(owners.begin(), owners.end(), submitter.client) != owners.end();
  };
  // The checks run while the store is read. A resend of the same document is answered from the
  // store, without a new random draw; its checks are dropped.
  const auto& reference = declaration->functional_reference_id;
  auto checking = documents_.Start(*declaration);
  auto inputs = stores_.inputs.Load(reference, ProfileKeysOf(*declaration), declaration->containers);
  if (inputs.current && inputs.current->document_sha256 == sha256 && may_amend(inputs.current->owners)) {
    return *std::move(inputs.current);
  }

  auto documents = checking.Wait();
  const auto active = Active(inputs.active_rule_set);
  // Evidence raised on the timber the documents cover is only known now.
  auto evidence = documents.subjects.empty()
                      ? std::move(inputs.evidence)
                      : stores_.evidence.Linked(reference, declaration->containers, documents.subjects);
  CheckInputs checks{std::move(documents.checks), EvidenceFor(*declaration, evidence, evidence_mapping_),
                     std::move(documents.appendices)};
  // To the millisecond, as the assessment is stored: the answer now and every later read agree.
  const core::TimePoint now = std::chrono::floor<std::chrono::milliseconds>(clock_.Now());
  auto assessment = active.assessor->Assess(*declaration, checks, inputs.profiles, now);
  {
    std::lock_guard lock(random_mutex_);
    ApplyRandomSelection(assessment, *model_, random_);
  }
  capacity_.Apply(assessment, declaration->customs_office, now);

  NewAssessment next{*declaration,          document,          sha256, OwnersOf(*declaration, submitter.client),
                     std::move(assessment), std::move(checks), {}};
  next.performance_rules = PerformanceRuleIds(next.assessment);
  return stores_.assessments.Save(next, submitter.actor, may_amend);
}

std::vector<std::string> Pipeline::ReassessLinked(pqxx::work& tx, const std::vector<EvidenceRecord>& records) {
  const core::TimePoint now = std::chrono::floor<std::chrono::milliseconds>(clock_.Now());
  std::set<std::string> seen;
  std::vector<std::string> raised;
  for (const auto& record : records) {
    for (const auto& stored : AssessmentStore::AssessedLinkedTo(tx, record.link.declaration, record.link.container,
                                                                now - late_evidence_window_)) {
      auto declaration = ParseDeclaration(stored.document);
      if (!declaration) continue;  // stored before a stricter parser; it cannot be assessed again as is
      if (!seen.insert(declaration->functional_reference_id).second) continue;
      if (Reassess(tx, *declaration, stored, now)) raised.push_back(declaration->functional_reference_id);
    }
  }
  return raised;
}

bool Pipeline::Reassess(pqxx::work& tx, const Declaration& declaration, const AssessedDeclaration& stored,
                        core::TimePoint now) {
  const auto& reference = declaration.functional_reference_id;
  // The evidence linked to the reference or a container now, and what the assessment in force had
  // through the timber its documents cover (barcodes known only to those documents' checks).
  auto checks = stored.checks;
  checks.evidence =
      EvidenceFor(declaration, EvidenceStore::Linked(tx, reference, declaration.containers, {}), evidence_mapping_);
  std::set<std::string> now_linked;
  for (const auto& evidence : checks.evidence) now_linked.insert(evidence.reference);
  for (const auto& evidence : stored.checks.evidence) {
    if (!now_linked.contains(evidence.reference)) checks.evidence.push_back(evidence);
  }
  const auto active = Active(stores_.rule_sets.ActiveVersion());
  auto assessment =
      active.assessor->Assess(declaration, checks, stores_.learning.LoadProfiles(ProfileKeysOf(declaration)), now);
  if (assessment.lane <= stored.lane) return false;
  NewAssessment next{
      declaration, stored.document, stored.document_sha256, stored.owners, std::move(assessment), std::move(checks), {},
      true};
  next.performance_rules = PerformanceRuleIds(next.assessment);
  const auto saved = stores_.assessments.SaveReassessment(tx, next, {"greenlane-risk", ""});
  log::Info("late evidence raised a declaration's lane", {{"declaration", reference},
                                                          {"from", std::string(LaneName(stored.lane))},
                                                          {"to", std::string(LaneName(saved.lane))}});
  return true;
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
