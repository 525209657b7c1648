#include "api/timber_server.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "api/document_tokens.h"
#include "api/timber_service.h"
#include "greenlane/core/log.h"
#include "greenlane/core/periodic_task.h"
#include "greenlane/events/relay.h"
#include "greenlane/redis/pool.h"
#include "greenlane/rpc/server.h"
#include "greenlane/security/audit_log.h"
#include "store/statements.h"

namespace greenlane::timber {
namespace {

constexpr std::chrono::seconds kReadinessInterval{5};
constexpr const char* kServiceName = "greenlane.v1.TimberService";

nlohmann::json ReadDataFile(const std::string& dir, const std::string& name) {
  const auto path = dir + "/" + name;
  std::ifstream in(path);
  if (!in) throw core::ConfigError("GREENLANE_TIMBER_DATA_DIR: cannot read " + path);
  auto document = nlohmann::json::parse(in, nullptr, false);
  if (document.is_discarded()) throw core::ConfigError(path + " is not JSON");
  return document;
}

template <typename T>
T Loaded(core::Result<T> result, const std::string& what) {
  if (!result.ok()) throw core::ConfigError(what + ": " + result.error().field + " " + result.error().message);
  return std::move(result).value();
}

security::Ed25519Key SigningKey(const std::string& path) {
  auto key = security::Ed25519Key::LoadPrivatePem(path);
  if (!key.ok()) throw core::ConfigError("GREENLANE_TIMBER_SIGNING_KEY_FILE: " + key.error().message);
  return *key;
}

rpc::ServerOptions RpcOptions(const TimberSettings& s, std::shared_ptr<prometheus::Registry> registry) {
  return {.address = s.address,
          .port = s.port,
          .tls = rpc::TlsFiles{s.tls_client_ca_file, s.tls_cert_file, s.tls_key_file},
          .require_client_cert = true,
          .max_message_bytes = s.max_message_bytes,
          .service_name = "timber",
          .registry = std::move(registry)};
}

}  // namespace

struct TimberServer::Parts {
  Parts(TimberSettings s, const core::Clock& c, std::shared_ptr<prometheus::Registry> registry)
      : settings(std::move(s)),
        clock(c),
        rules(Loaded(LoadRuleSet(ReadDataFile(settings.data_dir, "rules.json")), "rules.json")),
        species(Loaded(LoadSpeciesCatalog(ReadDataFile(settings.data_dir, "species.json")), "species.json")),
        tokens(SigningKey(settings.signing_key_file), settings.waybill_validity, settings.certificate_validity),
        pg({.url = settings.pg_url,
            .size = settings.pg_pool_size,
            .checkout_timeout = std::chrono::milliseconds(5000),
            .prepared = store::TimberStatements()}),
        redis({.url = settings.redis_url, .size = 2, .timeout = std::chrono::milliseconds(1000)}),
        audit("timber"),
        context{pg, audit, clock, rules, species},
        concessions(context),
        felling(context),
        waybills(context),
        processing(context),
        certificates(context),
        anomalies(context),
        documents(context),
        lineage(context),
        sync(context),
        geo(context),
        workers("timber-workers", settings.workers, settings.worker_queue),
        service(workers, {context, concessions, felling, waybills, processing, certificates, anomalies, documents,
                          lineage, sync, geo, tokens}),
        relay(pg, redis,
              {.schema = "timber",
               .batch_size = settings.relay_batch,
               .retention = std::chrono::duration_cast<std::chrono::seconds>(settings.outbox_retention)}),
        readiness("timber-readiness", kReadinessInterval, [this] { ReportReadiness(); }),
        server(RpcOptions(settings, std::move(registry))) {
    server.AddService(&service);
  }

  void ReportReadiness() {
    if (auto* health = server.health()) health->SetServingStatus(kServiceName, pg.Ping());
  }

  TimberSettings settings;
  const core::Clock& clock;
  RuleSet rules;
  SpeciesCatalog species;
  DocumentTokens tokens;
  pg::Pool pg;
  redis::Pool redis;
  security::AuditLog audit;
  store::StoreContext context;
  store::ConcessionRepository concessions;
  store::FellingRepository felling;
  store::WaybillRepository waybills;
  store::ProcessingRepository processing;
  store::CertificateRepository certificates;
  store::AnomalyRepository anomalies;
  store::DocumentRepository documents;
  store::LineageRepository lineage;
  store::SyncRepository sync;
  store::GeoRepository geo;
  core::WorkerPool workers;
  TimberService service;
  events::Relay relay;
  core::PeriodicTask readiness;
  rpc::Server server;  // last: shut down (waiting for running calls) before what they use goes
  bool stopped = false;
};

TimberServer::TimberServer(TimberSettings settings, const core::Clock& clock,
                           std::shared_ptr<prometheus::Registry> registry)
    : parts_(std::make_unique<Parts>(std::move(settings), clock, std::move(registry))) {}

TimberServer::~TimberServer() { Stop(); }

unsigned short TimberServer::Start() {
  parts_->relay.Start();
  const auto port = parts_->server.Start();
  parts_->readiness.Start();
  log::Info("greenlane-timber listening", {{"address", parts_->settings.address}, {"port", port}});
  return port;
}

void TimberServer::Stop() {
  if (parts_->stopped) return;
  parts_->stopped = true;
  parts_->readiness.Stop();
  parts_->server.Shutdown(parts_->settings.shutdown_grace);
  parts_->workers.Stop();
  parts_->relay.Stop();
}

}  // namespace greenlane::timber
