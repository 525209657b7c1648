#include "api/risk_server.h"

#include "api/data_files.h"
#include "api/evidence_intake.h"
#include "api/pipeline.h"
#include "api/risk_service.h"
#include "greenlane/core/log.h"
#include "greenlane/core/periodic_task.h"
#include "greenlane/events/relay.h"
#include "greenlane/rpc/server.h"
#include "greenlane/security/audit_log.h"

namespace greenlane::risk {
namespace {

constexpr std::chrono::seconds kReadinessInterval{5};
constexpr const char* kServiceName = "greenlane.v1.RiskService";

pg::PoolOptions PgOptions(const RiskSettings& s) {
  std::vector<std::pair<std::string, std::string>> prepared;
  for (auto statements :
       {AssessmentStore::PreparedStatements(), RuleSetStore::PreparedStatements(), LearningStore::PreparedStatements(),
        EvidenceStore::PreparedStatements(), AssessmentInputsStore::PreparedStatements()}) {
    for (auto& statement : statements) prepared.push_back(std::move(statement));
  }
  return {.url = s.pg_url,
          .size = s.pg_pool_size,
          .checkout_timeout = std::chrono::milliseconds(5000),
          .prepared = std::move(prepared)};
}

rpc::ServerOptions RpcOptions(const RiskSettings& s, std::shared_ptr<prometheus::Registry> registry) {
  return {.address = s.address,
          .port = s.port,
          .tls = rpc::TlsFiles{s.tls_client_ca_file, s.tls_cert_file, s.tls_key_file},
          .require_client_cert = true,
          .max_message_bytes = s.max_message_bytes,
          .service_name = "risk",
          .registry = std::move(registry)};
}

}  // namespace

struct RiskServer::Parts {
  Parts(RiskSettings s, const core::Clock& c, std::shared_ptr<prometheus::Registry> registry,
        DocumentServices document_services)
      : settings(std::move(s)),
        clock(c),
        rules_document(ReadDataFile(settings, "rules.json")),
        shipped_rules(ValidDataFile(LoadRuleSet(rules_document), settings, "rules.json")),
        pg(PgOptions(settings)),
        redis({.url = settings.redis_url, .size = 4, .timeout = std::chrono::milliseconds(1000)}),
        audit("risk"),
        assessments(pg, audit, clock),
        rule_sets(pg, audit, clock),
        learning(pg, audit, clock),
        evidence(pg),
        inputs(pg, [this](std::function<void()> run) { return workers.TrySubmit(std::move(run)); }),
        documents(std::move(document_services.checkers), settings.document_check_timeout,
                  std::move(document_services.listings)),
        workers("risk-workers", settings.workers, settings.worker_queue),
        pipeline(std::make_shared<const ScoringModel>(
                     ValidDataFile(LoadScoringModel(ReadDataFile(settings, "model.json")), settings, "model.json")),
                 ValidDataFile(LoadEvidenceMapping(ReadDataFile(settings, "evidence.json")), settings, "evidence.json"),
                 settings.random_seed, documents, {assessments, rule_sets, learning, evidence, inputs},
                 {workers, settings.assessments_in_flight}, clock, settings.late_evidence_window),
        service(workers, pipeline, assessments, learning, rule_sets, clock, settings.max_batch_declarations),
        intake(pg, redis, settings.consumer_group, settings.consumer_name, clock,
               [this](pqxx::work& tx, const std::vector<EvidenceRecord>& records) {
                 pipeline.ReassessLinked(tx, records);
               }),
        relay(pg, redis,
              {.schema = "risk",
               .batch_size = settings.relay_batch,
               .retention = std::chrono::duration_cast<std::chrono::seconds>(settings.outbox_retention)}),
        readiness("risk-readiness", kReadinessInterval, [this] { ReportReadiness(); }),
        server(RpcOptions(settings, std::move(registry))) {
    server.AddService(&service);
  }

  void ReportReadiness() {
    if (auto* health = server.health()) health->SetServingStatus(kServiceName, pg.Ping());
  }

  RiskSettings settings;
  const core::Clock& clock;
  nlohmann::json rules_document;
  RuleSet shipped_rules;
  pg::Pool pg;
  redis::Pool redis;
  security::AuditLog audit;
  AssessmentStore assessments;
  RuleSetStore rule_sets;
  LearningStore learning;
  EvidenceStore evidence;
  AssessmentInputsStore inputs;
  DocumentCheckRunner documents;
  core::WorkerPool workers;
  Pipeline pipeline;
  RiskService service;
  EvidenceIntake intake;
  events::Relay relay;
  core::PeriodicTask readiness;
  rpc::Server server;  // last: shut down (waiting for running calls) before what they use goes
  bool stopped = false;
};

RiskServer::RiskServer(RiskSettings settings, const core::Clock& clock, std::shared_ptr<prometheus::Registry> registry,
                       DocumentServices document_services)
    : parts_(std::make_unique<Parts>(std::move(settings), clock, std::move(registry), std::move(document_services))) {}

RiskServer::~RiskServer() { Stop(); }

unsigned short RiskServer::Start() {
  auto& p = *parts_;
  if (p.rule_sets.SeedIfEmpty(p.shipped_rules, p.rules_document, {"greenlane-risk", ""})) {
    log::Info("seeded the shipped rule set", {{"version", p.shipped_rules.version}});
  }
  p.relay.Start();
  p.intake.Start();
  const auto port = p.server.Start();
  p.readiness.Start();
  log::Info("greenlane-risk listening", {{"address", p.settings.address}, {"port", port}});
  return port;
}

void RiskServer::Stop() {
  if (parts_->stopped) return;
  parts_->stopped = true;
  parts_->readiness.Stop();
  parts_->server.Shutdown(parts_->settings.shutdown_grace);
  parts_->workers.Stop();
  parts_->intake.Stop();
  parts_->relay.Stop();
}

}  // namespace greenlane::risk
