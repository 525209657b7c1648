#include "api/ingest_server.h"

#include "api/ingest_metrics.h"
#include "api/ingest_service.h"
#include "greenlane/core/log.h"
#include "greenlane/core/periodic_task.h"
#include "greenlane/events/relay.h"
#include "greenlane/http/operations.h"
#include "greenlane/http/server.h"
#include "greenlane/metrics/registry.h"
#include "greenlane/rpc/server.h"
#include "greenlane/security/audit_log.h"

namespace greenlane::ingest {
namespace {

constexpr std::chrono::seconds kReadinessInterval{5};
constexpr const char* kServiceName = "greenlane.v1.IngestService";

pg::PoolOptions PgOptions(const IngestSettings& s) {
  auto prepared = ReadingStore::PreparedStatements();
  for (auto& statement : DeviceStore::PreparedStatements()) prepared.push_back(std::move(statement));
  return {.url = s.pg_url,
          .size = s.pg_pool_size,
          .checkout_timeout = std::chrono::milliseconds(5000),
          .prepared = std::move(prepared)};
}

rpc::ServerOptions RpcOptions(const IngestSettings& s, std::shared_ptr<prometheus::Registry> registry) {
  return {.address = s.address,
          .port = s.port,
          .tls = rpc::TlsFiles{s.tls_client_ca_file, s.tls_cert_file, s.tls_key_file},
          .require_client_cert = true,
          .max_message_bytes = s.max_message_bytes,
          .service_name = "ingest",
          .registry = std::move(registry)};
}

// /metrics for Prometheus and /healthz for the supervisor, on their own plain-HTTP port: the gRPC
// port requires a client certificate, which scrapers do not have.
http::Router OperationsRouter(const prometheus::Registry& registry) {
  http::Router router;
  router.Add(http::HealthRoute());
  router.Add(http::MetricsRoute([&registry] { return metrics::Serialize(registry); }));
  return router;
}

}  // namespace

struct IngestServer::Parts {
  Parts(IngestSettings s, const core::Clock& c, std::shared_ptr<prometheus::Registry> r)
      : settings(std::move(s)),
        clock(c),
        registry(r ? std::move(r) : metrics::DefaultRegistry()),
        metrics(*registry),
        pg(PgOptions(settings)),
        redis({.url = settings.redis_url, .size = 2, .timeout = std::chrono::milliseconds(1000)}),
        audit("ingest"),
        readings(pg, clock),
        devices(pg, audit, clock),
        workers("ingest-workers", settings.workers, settings.worker_queue),
        service(workers, readings, devices, metrics, clock,
                {.max_batch_readings = settings.max_batch_readings, .pipeline = settings.upload_pipeline}),
        relay(pg, redis,
              {.schema = "ingest",
               .batch_size = settings.relay_batch,
               .retention = std::chrono::duration_cast<std::chrono::seconds>(settings.outbox_retention)}),
        readiness("ingest-readiness", kReadinessInterval, [this] { ReportReadiness(); }),
        router(OperationsRouter(*registry)),
        http_workers("ingest-http", 1, 16),
        metrics_server({.address = settings.metrics_address, .port = settings.metrics_port}, router, {}, http_workers),
        server(RpcOptions(settings, registry)) {
    server.AddService(&service);
  }

  // Load balancers stop sending uploads while PostgreSQL is unreachable; gateways keep their queues.
  void ReportReadiness() {
    if (auto* health = server.health()) health->SetServingStatus(kServiceName, pg.Ping());
  }

  IngestSettings settings;
  const core::Clock& clock;
  std::shared_ptr<prometheus::Registry> registry;
  IngestMetrics metrics;
  pg::Pool pg;
  redis::Pool redis;
  security::AuditLog audit;
  ReadingStore readings;
  DeviceStore devices;
  core::WorkerPool workers;
  IngestService service;
  events::Relay relay;
  core::PeriodicTask readiness;
  const http::Router router;
  core::WorkerPool http_workers;
  http::Server metrics_server;
  rpc::Server server;  // last: shut down (waiting for running calls) before what they use goes
  bool stopped = false;
};

IngestServer::IngestServer(IngestSettings settings, const core::Clock& clock,
                           std::shared_ptr<prometheus::Registry> registry)
    : parts_(std::make_unique<Parts>(std::move(settings), clock, std::move(registry))) {}

IngestServer::~IngestServer() { Stop(); }

unsigned short IngestServer::Start() {
  parts_->relay.Start();
  parts_->metrics_server.Start();
  const auto port = parts_->server.Start();
  parts_->readiness.Start();
  log::Info("greenlane-ingest listening",
            {{"address", parts_->settings.address}, {"port", port}, {"metrics_port", parts_->metrics_server.port()}});
  return port;
}

void IngestServer::Stop() {
  if (parts_->stopped) return;
  parts_->stopped = true;
  parts_->readiness.Stop();
  parts_->server.Shutdown(parts_->settings.shutdown_grace);
  parts_->workers.Stop();
  parts_->relay.Stop();
  parts_->metrics_server.Stop();
}

unsigned short IngestServer::metrics_port() const { return parts_->metrics_server.port(); }

}  // namespace greenlane::ingest
