#include "api/api_server.h"

#include <fstream>
#include <sstream>

#include "api/context.h"
#include "api/declaration_routes.h"
#include "api/hooks.h"
#include "api/routes.h"
#include "greenlane/core/log.h"
#include "greenlane/core/periodic_task.h"
#include "greenlane/core/worker_pool.h"
#include "greenlane/http/server.h"
#include "store/rate_limit_sync.h"

namespace greenlane::api {
namespace {

security::Ed25519Key LoadSigningKey(const std::string& path) {
  auto key = security::Ed25519Key::LoadPrivatePem(path);
  if (!key.ok()) throw core::ConfigError("GREENLANE_API_SIGNING_KEY_FILE: " + key.error().message);
  return *key;
}

security::KeySet LoadKeySet(const security::Ed25519Key& signing, const std::vector<std::string>& previous) {
  security::KeySet keys;
  keys.Add(signing);
  for (const auto& path : previous) {
    std::ifstream in(path);
    std::stringstream pem;
    pem << in.rdbuf();
    auto key = security::Ed25519Key::FromPublicPem(pem.str());
    if (!in || !key.ok()) {
      throw core::ConfigError("GREENLANE_API_PREVIOUS_PUBLIC_KEY_FILES: cannot read an Ed25519 public key from '" +
                              path + "'");
    }
    keys.Add(*key);
  }
  return keys;
}

http::ServerOptions ServerOptionsOf(const ApiSettings& s) {
  http::ServerOptions options;
  options.address = s.address;
  options.port = s.port;
  options.io_threads = s.io_threads;
  options.body_limit = s.body_limit;
  options.header_limit = s.header_limit;
  options.read_timeout = s.read_timeout;
  options.idle_timeout = s.idle_timeout;
  if (!s.tls_cert_file.empty()) {
    options.tls = http::TlsOptions{s.tls_cert_file, s.tls_key_file, s.tls_client_ca_file, false};
  }
  return options;
}

// How soon a client disabled through another instance (or the CLI) loses access here.
constexpr std::chrono::seconds kDisabledRefreshInterval{5};

}  // namespace

struct ApiServer::Parts {
  Parts(ApiSettings s, const core::Clock& c)
      : settings(std::move(s)),
        clock(c),
        pg({settings.pg_url, settings.pg_pool_size, std::chrono::milliseconds(5000), PreparedStatements()}),
        redis({settings.redis_url, 4, std::chrono::milliseconds(500)}),
        signing_key(LoadSigningKey(settings.signing_key_file)),
        keys(LoadKeySet(signing_key, settings.previous_public_key_files)),
        issuer(signing_key, settings.tokens, clock),
        verifier(keys, settings.tokens, clock, disabled_clients),
        rate_limiter(settings.rate_limit),
        rate_limit_sync(rate_limiter, redis, clock, settings.rate_limit_sync),
        audit("api"),
        clients(pg, audit, clock, settings.secret_hash_iterations),
        disabled_refresh("disabled-clients-refresh", kDisabledRefreshInterval, [this] { RefreshDisabledClients(); }),
        registry(metrics::DefaultRegistry()),
        http_metrics(*registry, "api"),
        downstream(settings.downstream),
        conversations(pg, clock),
        conversation_worker(conversations, clock, settings.conversations,
                            {{AssessmentKind(), AssessmentProcessor(downstream)}}),
        cites_verify_cache(clock, settings.cites_verify_cache_ttl, settings.cites_verify_cache_size),
        context{settings,
                clock,
                pg,
                redis,
                keys,
                issuer,
                verifier,
                rate_limiter,
                clients,
                disabled_clients,
                audit,
                *registry,
                http_metrics,
                downstream,
                conversations,
                cites_verify_cache},
        router(MakeRouter(context)),
        workers("api-workers", settings.workers, settings.worker_queue),
        server(ServerOptionsOf(settings), router, MakeHooks(context), workers) {}

  void RefreshDisabledClients() {
    try {
      disabled_clients.Replace(clients.DisabledIds());
    } catch (const core::GreenlaneException& e) {
      log::Warn("cannot refresh the disabled clients; keeping the last list", {{"error", e.what()}});
    }
  }

  static std::vector<std::pair<std::string, std::string>> PreparedStatements() {
    auto statements = ClientStore::PreparedStatements();
    for (auto& statement : ConversationStore::PreparedStatements()) statements.push_back(std::move(statement));
    return statements;
  }

  static http::Router MakeRouter(ApiContext& context) {
    http::Router router;
    for (auto& route : MakeRoutes(context)) router.Add(std::move(route));
    return router;
  }

  ApiSettings settings;
  const core::Clock& clock;
  pg::Pool pg;
  redis::Pool redis;
  security::Ed25519Key signing_key;
  security::KeySet keys;
  DisabledClients disabled_clients;
  TokenIssuer issuer;
  TokenVerifier verifier;
  RateLimiter rate_limiter;
  RateLimitSync rate_limit_sync;
  security::AuditLog audit;
  ClientStore clients;
  core::PeriodicTask disabled_refresh;
  std::shared_ptr<prometheus::Registry> registry;
  metrics::HttpMetrics http_metrics;
  Downstream downstream;
  ConversationStore conversations;
  ConversationWorker conversation_worker;
  AnswerCache cites_verify_cache;
  ApiContext context;
  http::Router router;
  core::WorkerPool workers;
  http::Server server;
};

ApiServer::ApiServer(ApiSettings settings, const core::Clock& clock)
    : parts_(std::make_unique<Parts>(std::move(settings), clock)) {}

ApiServer::~ApiServer() { Stop(); }

void ApiServer::Start() {
  parts_->rate_limit_sync.Start();
  parts_->disabled_refresh.Start();
  parts_->conversation_worker.Start();
  parts_->server.Start();
  log::Info("greenlane-api listening", {{"address", parts_->settings.address},
                                        {"port", parts_->server.port()},
                                        {"tls", !parts_->settings.tls_cert_file.empty()},
                                        {"signing_kid", parts_->signing_key.Kid()}});
}

unsigned short ApiServer::port() const { return parts_->server.port(); }

const http::Router& ApiServer::router() const { return parts_->router; }

void ApiServer::Stop() {
  if (!parts_) return;
  parts_->server.Stop();
  parts_->workers.Stop();
  parts_->rate_limit_sync.Stop();
  parts_->disabled_refresh.Stop();
  parts_->conversation_worker.Stop();
}

}  // namespace greenlane::api
