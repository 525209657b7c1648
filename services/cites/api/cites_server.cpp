#include "api/cites_server.h"

#include "api/cites_service.h"
#include "data/embedded_data.h"
#include "exchange/http_delivery_sender.h"
#include "greenlane/core/log.h"
#include "greenlane/core/periodic_task.h"
#include "greenlane/events/relay.h"
#include "greenlane/redis/pool.h"
#include "greenlane/rpc/server.h"
#include "greenlane/security/audit_log.h"

namespace greenlane::cites {
namespace {

constexpr std::chrono::seconds kReadinessInterval{5};
constexpr const char* kServiceName = "greenlane.v1.CitesService";

pg::PoolOptions PgOptions(const CitesSettings& s) {
  std::vector<std::pair<std::string, std::string>> prepared;
  for (auto statements :
       {PermitStore::PreparedStatements(), QuotaStore::PreparedStatements(), SpeciesStore::PreparedStatements(),
        PartnerStore::PreparedStatements(), DeliveryStore::PreparedStatements()}) {
    for (auto& statement : statements) prepared.push_back(std::move(statement));
  }
  return {.url = s.pg_url,
          .size = s.pg_pool_size,
          .checkout_timeout = std::chrono::milliseconds(5000),
          .prepared = std::move(prepared)};
}

rpc::ServerOptions RpcOptions(const CitesSettings& s, std::shared_ptr<prometheus::Registry> registry) {
  return {.address = s.address,
          .port = s.port,
          .tls = rpc::TlsFiles{s.tls_client_ca_file, s.tls_cert_file, s.tls_key_file},
          .require_client_cert = true,
          .max_message_bytes = s.max_message_bytes,
          .service_name = "cites",
          .registry = std::move(registry)};
}

template <typename T>
T Embedded(core::Result<T> loaded, const char* file) {
  if (!loaded.ok()) throw core::ConfigError(std::string("compiled-in ") + file + ": " + loaded.error().message);
  return std::move(*loaded);
}

security::Ed25519Key LoadSigningKey(const CitesSettings& s) {
  auto key = security::Ed25519Key::LoadPrivatePem(s.signing_key_file);
  if (!key.ok()) {
    throw core::ConfigError("GREENLANE_CITES_SIGNING_KEY_FILE: " + s.signing_key_file + ": " + key.error().message);
  }
  return std::move(*key);
}

PermitSigner MakeSigner(const security::Ed25519Key& key) {
  security::KeySet trusted;
  trusted.Add(key);
  return PermitSigner(key, std::move(trusted));
}

ExchangeClientOptions ExchangeOptions(const CitesSettings& s) {
  ExchangeClientOptions options{.ca_file = s.exchange_ca_file,
                                .cert_file = s.exchange_cert_file,
                                .key_file = s.exchange_key_file,
                                .timeout = s.exchange_timeout,
                                .credentials = {}};
  if (!s.exchange_credentials_file.empty()) {
    auto credentials = LoadExchangeCredentials(s.exchange_credentials_file);
    if (!credentials.ok()) {
      throw core::ConfigError("GREENLANE_CITES_EXCHANGE_CREDENTIALS_FILE: " + credentials.error().message);
    }
    options.credentials = std::move(*credentials);
  }
  return options;
}

}  // namespace

struct CitesServer::Parts {
  Parts(CitesSettings s, const core::Clock& c, std::shared_ptr<prometheus::Registry> registry)
      : settings(std::move(s)),
        clock(c),
        reference(Embedded(CodeTables::FromJson(nlohmann::json::parse(EmbeddedCodesJson())), "codes.json"),
                  Embedded(SpeciesRegistry::FromJson(nlohmann::json::parse(EmbeddedSpeciesJson())), "species.json")),
        signing_key(LoadSigningKey(settings)),
        signer(MakeSigner(signing_key)),
        pg(PgOptions(settings)),
        redis({.url = settings.redis_url, .size = 2, .timeout = std::chrono::milliseconds(1000)}),
        audit("cites"),
        permits(pg, audit, clock, reference, signer),
        quotas(pg, audit, clock),
        species(pg, audit, clock),
        partners(pg, audit, clock, std::chrono::duration_cast<std::chrono::seconds>(settings.exchange_window)),
        deliveries(pg, audit, clock, {.max_attempts = settings.delivery_max_attempts}),
        workers("cites-workers", settings.workers, settings.worker_queue),
        cache(clock, settings.verify_cache_ttl, settings.verify_cache_size),
        service({workers, clock, reference, signer, permits, quotas, species, partners, deliveries, cache}),
        relay(pg, redis,
              {.schema = "cites",
               .batch_size = settings.relay_batch,
               .retention = std::chrono::duration_cast<std::chrono::seconds>(settings.outbox_retention)}),
        sender(ExchangeOptions(settings), clock),
        delivery_task("cites-deliveries", settings.delivery_interval, [this] { DeliverDue(); }),
        readiness("cites-readiness", kReadinessInterval, [this] { ReportReadiness(); }),
        server(RpcOptions(settings, std::move(registry))) {
    server.AddService(&service);
  }

  void ReportReadiness() {
    if (auto* health = server.health()) health->SetServingStatus(kServiceName, pg.Ping());
  }

  // Runs until a round finds nothing more to send, so a burst of issued permits leaves at once.
  void DeliverDue() {
    const int batch = static_cast<int>(settings.delivery_batch);
    while (deliveries.RunOnce(sender.AsSender(), signing_key, batch) == batch) {
    }
  }

  // The listings in the database win over the compiled-in seed once Species+ imports have updated
  // them; without a database the seed serves until the next start.
  void LoadSpecies() {
    try {
      species.Seed(nlohmann::json::parse(EmbeddedSpeciesJson()));
      reference.ReplaceSpecies(species.Load());
    } catch (const std::exception& failure) {
      log::Warn("species listings not loaded from PostgreSQL; serving the compiled-in listings",
                {{"error", failure.what()}});
    }
  }

  CitesSettings settings;
  const core::Clock& clock;
  Reference reference;
  security::Ed25519Key signing_key;
  PermitSigner signer;
  pg::Pool pg;
  redis::Pool redis;
  security::AuditLog audit;
  PermitStore permits;
  QuotaStore quotas;
  SpeciesStore species;
  PartnerStore partners;
  DeliveryStore deliveries;
  core::WorkerPool workers;
  PermitCache cache;
  CitesService service;
  events::Relay relay;
  HttpDeliverySender sender;
  core::PeriodicTask delivery_task;
  core::PeriodicTask readiness;
  rpc::Server server;  // last: shut down (waiting for running calls) before what they use goes
  bool stopped = false;
};

CitesServer::CitesServer(CitesSettings settings, const core::Clock& clock,
                         std::shared_ptr<prometheus::Registry> registry)
    : parts_(std::make_unique<Parts>(std::move(settings), clock, std::move(registry))) {}

CitesServer::~CitesServer() { Stop(); }

unsigned short CitesServer::Start() {
  parts_->LoadSpecies();
  parts_->relay.Start();
  const auto port = parts_->server.Start();
  parts_->readiness.Start();
  if (parts_->settings.delivery_interval.count() > 0) parts_->delivery_task.Start();
  log::Info("greenlane-cites listening", {{"address", parts_->settings.address}, {"port", port}});
  return port;
}

void CitesServer::Stop() {
  if (parts_->stopped) return;
  parts_->stopped = true;
  parts_->readiness.Stop();
  parts_->delivery_task.Stop();
  parts_->server.Shutdown(parts_->settings.shutdown_grace);
  parts_->workers.Stop();
  parts_->relay.Stop();
}

}  // namespace greenlane::cites
