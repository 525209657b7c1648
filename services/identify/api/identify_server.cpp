#include "api/identify_server.h"

#include "api/identify_service.h"
#include "api/ingest_client.h"
#include "api/reading_handler.h"
#include "api/reference_data.h"
#include "api/reference_library.h"
#include "greenlane/core/log.h"
#include "greenlane/core/periodic_task.h"
#include "greenlane/events/consumer.h"
#include "greenlane/events/relay.h"
#include "greenlane/rpc/channel.h"
#include "greenlane/rpc/server.h"
#include "greenlane/security/audit_log.h"

namespace greenlane::identify {
namespace {

constexpr std::chrono::seconds kReadinessInterval{5};
constexpr const char* kServiceName = "greenlane.v1.IdentifyService";

pg::PoolOptions PgOptions(const IdentifySettings& s) {
  auto prepared = ResultStore::PreparedStatements();
  for (auto& statement : SpectraStore::PreparedStatements()) prepared.push_back(std::move(statement));
  return {.url = s.pg_url,
          .size = s.pg_pool_size,
          .checkout_timeout = std::chrono::milliseconds(5000),
          .prepared = std::move(prepared)};
}

rpc::ServerOptions RpcOptions(const IdentifySettings& s, std::shared_ptr<prometheus::Registry> registry) {
  return {.address = s.address,
          .port = s.port,
          .tls = rpc::TlsFiles{s.tls_client_ca_file, s.tls_cert_file, s.tls_key_file},
          .require_client_cert = true,
          .max_message_bytes = s.max_message_bytes,
          .service_name = "identify",
          .registry = std::move(registry)};
}

IdentifierOptions IdentifierOptionsOf(const IdentifySettings& s) {
  IdentifierOptions options;
  options.xrf_sets_by_method = s.xrf_sets_by_method;
  options.xrf_default_set = s.xrf_default_set;
  options.species_call = {.min_score = s.species_min_score, .min_margin = s.species_min_margin};
  return options;
}

}  // namespace

struct IdentifyServer::Parts {
  Parts(IdentifySettings s, const core::Clock& c, std::shared_ptr<prometheus::Registry> registry)
      : settings(std::move(s)),
        clock(c),
        tables(LoadReferenceTables(settings.data_dir)),
        pg(PgOptions(settings)),
        redis({.url = settings.redis_url, .size = 2, .timeout = std::chrono::milliseconds(1000)}),
        audit("identify"),
        results(pg, clock),
        library(pg, audit, clock),
        identifier(tables, library.index(), IdentifierOptionsOf(settings)),
        ingest(rpc::MakeChannel({.target = settings.ingest_target,
                                 .tls = rpc::TlsFiles{settings.ingest_tls_ca_file, settings.ingest_tls_cert_file,
                                                      settings.ingest_tls_key_file},
                                 .server_name_override = settings.ingest_server_name}),
               settings.ingest_deadline),
        handler(ingest, identifier, results),
        workers("identify-workers", settings.workers, settings.worker_queue),
        service(workers, results, library, identifier, settings.max_add_spectra),
        relay(pg, redis,
              {.schema = "identify",
               .batch_size = settings.relay_batch,
               .retention = std::chrono::duration_cast<std::chrono::seconds>(settings.outbox_retention)}),
        consumer(pg, redis,
                 {.schema = "identify",
                  .topic = settings.reading_topic,
                  .group = "identify",
                  .consumer_name = settings.consumer_name,
                  .batch_size = settings.consumer_batch},
                 [this](pqxx::work& tx, const events::Event& event) { handler(tx, event); }),
        readiness("identify-readiness", kReadinessInterval, [this] { ReportReadiness(); }),
        server(RpcOptions(settings, std::move(registry))) {
    server.AddService(&service);
  }

  void ReportReadiness() {
    if (auto* health = server.health()) health->SetServingStatus(kServiceName, pg.Ping());
  }

  IdentifySettings settings;
  const core::Clock& clock;
  ReferenceTables tables;
  pg::Pool pg;
  redis::Pool redis;
  security::AuditLog audit;
  ResultStore results;
  ReferenceLibrary library;
  Identifier identifier;
  IngestClient ingest;
  ReadingHandler handler;
  core::WorkerPool workers;
  IdentifyService service;
  events::Relay relay;
  events::Consumer consumer;
  core::PeriodicTask readiness;
  rpc::Server server;  // last: shut down (waiting for running calls) before what they use goes
  bool stopped = false;
};

IdentifyServer::IdentifyServer(IdentifySettings settings, const core::Clock& clock,
                               std::shared_ptr<prometheus::Registry> registry)
    : parts_(std::make_unique<Parts>(std::move(settings), clock, std::move(registry))) {}

IdentifyServer::~IdentifyServer() { Stop(); }

unsigned short IdentifyServer::Start() {
  parts_->library.Load(parts_->settings.library_load_batch);
  parts_->relay.Start();
  parts_->consumer.Start();
  const auto port = parts_->server.Start();
  parts_->readiness.Start();
  log::Info("greenlane-identify listening", {{"address", parts_->settings.address}, {"port", port}});
  return port;
}

void IdentifyServer::Stop() {
  if (parts_->stopped) return;
  parts_->stopped = true;
  parts_->readiness.Stop();
  parts_->consumer.Stop();
  parts_->server.Shutdown(parts_->settings.shutdown_grace);
  parts_->workers.Stop();
  parts_->relay.Stop();
}

}  // namespace greenlane::identify
