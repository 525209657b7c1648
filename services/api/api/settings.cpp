#include "api/settings.h"

namespace greenlane::api {
namespace {

void LoadDownstream(core::Config& config, DownstreamSettings& d) {
  d.ingest = config.String("ingest_address", "", "host:port of greenlane-ingest (readings and device routes)");
  d.timber = config.String("timber_address", "", "host:port of greenlane-timber (timber, public and geo routes)");
  d.cites = config.String("cites_address", "", "host:port of greenlane-cites (CITES permit routes)");
  d.identify = config.String("identify_address", "", "host:port of greenlane-identify (identification routes)");
  d.risk = config.String("risk_address", "", "host:port of greenlane-risk (single-window declaration routes)");
  d.tls.ca_file = config.String("services_ca_file", "", "CA of the services' certificates; TLS to them when set");
  d.tls.cert_file =
      config.String("services_cert_file", "", "client certificate the facade presents to services (service-api)");
  d.tls.key_file = config.String("services_key_file", "", "private key of services_cert_file");
  if (d.tls.cert_file.empty() != d.tls.key_file.empty()) {
    throw core::ConfigError(config.VariableName("services_cert_file") + " and " +
                            config.VariableName("services_key_file") + " must be set together");
  }
  if (!d.tls.cert_file.empty() && d.tls.ca_file.empty()) {
    throw core::ConfigError(config.VariableName("services_cert_file") + " needs " +
                            config.VariableName("services_ca_file") + " to verify the services");
  }
  d.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(
      config.Duration("services_timeout", d.timeout, "deadline of each call to a service"));
  if (d.timeout.count() < 1) throw core::ConfigError(config.VariableName("services_timeout") + ": must be positive");
}

void LoadConversations(core::Config& config, ConversationSettings& c) {
  c.poll_interval = config.Duration("conversation_poll_interval", c.poll_interval,
                                    "how often asynchronous requests and webhook deliveries are looked for");
  c.max_delivery_attempts = static_cast<int>(config.Int("webhook_max_attempts", c.max_delivery_attempts, 1, 100,
                                                        "webhook delivery attempts before the delivery is failed"));
  c.retry_base = config.Duration("webhook_retry_base", c.retry_base, "wait after the first failed attempt (doubles)");
  c.retry_cap = config.Duration("webhook_retry_cap", c.retry_cap, "longest wait between attempts");
  c.delivery_timeout = config.Duration("webhook_timeout", c.delivery_timeout, "time a webhook receiver gets to answer");
  c.allow_http = config.Bool("webhook_allow_http", c.allow_http, "accept plain http:// webhooks (development only)");
  for (const auto& [name, value] :
       {std::pair{"conversation_poll_interval", c.poll_interval}, std::pair{"webhook_retry_base", c.retry_base},
        std::pair{"webhook_retry_cap", c.retry_cap}, std::pair{"webhook_timeout", c.delivery_timeout}}) {
    if (value.count() < 1) throw core::ConfigError(config.VariableName(name) + ": must be positive");
  }
}

}  // namespace

ApiSettings LoadApiSettings(core::Config& config) {
  using std::chrono::duration_cast;
  using std::chrono::seconds;
  ApiSettings s;
  s.address = config.String("address", s.address, "address to listen on");
  s.port =
      static_cast<unsigned short>(config.Int("port", s.port, 0, 65535, "TCP port to listen on (0 = any free port)"));
  s.io_threads = static_cast<int>(config.Int("io_threads", s.io_threads, 1, 64, "threads running network I/O"));
  s.workers = static_cast<std::size_t>(
      config.Int("workers", static_cast<std::int64_t>(s.workers), 1, 512,
                 "worker threads for blocking work (SQL, Redis, calls relayed to the services)"));
  s.worker_queue = static_cast<std::size_t>(config.Int("worker_queue", static_cast<std::int64_t>(s.worker_queue), 1,
                                                       1 << 20, "requests waiting for a worker before 503"));
  s.body_limit = static_cast<std::size_t>(config.Int("body_limit", static_cast<std::int64_t>(s.body_limit), 1024,
                                                     256 << 20, "largest request body in bytes (413 above)"));
  s.header_limit = static_cast<std::size_t>(config.Int("header_limit", static_cast<std::int64_t>(s.header_limit), 1024,
                                                       1 << 20, "largest request header block in bytes (431 above)"));
  s.read_timeout =
      duration_cast<seconds>(config.Duration("read_timeout", s.read_timeout, "time allowed to send a request"));
  s.idle_timeout = duration_cast<seconds>(config.Duration("idle_timeout", s.idle_timeout, "keep-alive idle timeout"));
  for (const auto& [name, value] :
       {std::pair{"read_timeout", s.read_timeout}, std::pair{"idle_timeout", s.idle_timeout}}) {
    if (value.count() < 1) throw core::ConfigError(config.VariableName(name) + ": must be at least 1s (whole seconds)");
  }
  s.tls_cert_file = config.String("tls_cert_file", "", "PEM server certificate; HTTPS when set");
  s.tls_key_file = config.String("tls_key_file", "", "PEM private key of tls_cert_file");
  s.tls_client_ca_file =
      config.String("tls_client_ca_file", "", "CA bundle to verify client certificates (mutual TLS)");
  if (s.tls_cert_file.empty() != s.tls_key_file.empty()) {
    throw core::ConfigError(config.VariableName("tls_cert_file") + " and " + config.VariableName("tls_key_file") +
                            " must be set together");
  }

  s.pg_url = config.RequiredString("pg_url", "libpq URL of PostgreSQL (falls back to GREENLANE_PG_URL)");
  s.pg_pool_size = static_cast<std::size_t>(
      config.Int("pg_pool_size", static_cast<std::int64_t>(s.pg_pool_size), 1, 256, "PostgreSQL connections"));
  s.redis_url = config.RequiredString("redis_url", "redis://host:port of Redis (falls back to GREENLANE_REDIS_URL)");

  s.signing_key_file = config.RequiredString("signing_key_file", "Ed25519 private key (PEM) that signs access tokens");
  s.previous_public_key_files = config.List("previous_public_key_files", {},
                                            "Ed25519 public keys (PEM) of rotated-out signing keys, still trusted");
  s.tokens.issuer = config.String("token_issuer", s.tokens.issuer, "iss claim of access tokens");
  s.tokens.audience = config.String("token_audience", s.tokens.audience, "aud claim of access tokens");
  s.tokens.ttl = duration_cast<seconds>(config.Duration("token_ttl", s.tokens.ttl, "access token lifetime"));
  s.secret_hash_iterations = static_cast<int>(config.Int("secret_hash_iterations", s.secret_hash_iterations, 1000,
                                                         10000000, "PBKDF2 iterations for new client secrets"));

  s.rate_limit.limit = config.Int("rate_limit", s.rate_limit.limit, 1, 1000000000, "requests per client per window");
  s.rate_limit.window =
      duration_cast<seconds>(config.Duration("rate_window", s.rate_limit.window, "rate limit window"));
  if (s.rate_limit.window.count() < 1) {
    throw core::ConfigError(config.VariableName("rate_window") + ": must be at least 1s");
  }
  s.rate_limit_sync =
      config.Duration("rate_limit_sync", s.rate_limit_sync, "how often local counts are pushed to Redis");

  LoadDownstream(config, s.downstream);
  s.cites_verify_cache_ttl = config.Duration(
      "cites_verify_cache_ttl", s.cites_verify_cache_ttl,
      "how long a permit verification is answered again without asking cites (0 = off); a change made through "
      "this facade shows at once, one made elsewhere within this time");
  if (s.cites_verify_cache_ttl.count() < 0) {
    throw core::ConfigError(config.VariableName("cites_verify_cache_ttl") + ": must not be negative");
  }
  s.cites_verify_cache_size = static_cast<std::size_t>(
      config.Int("cites_verify_cache_size", static_cast<std::int64_t>(s.cites_verify_cache_size), 1, 10000000,
                 "permit verifications the facade keeps"));
  LoadConversations(config, s.conversations);

  s.access_log = config.String("access_log", s.access_log, "access log lines: all, errors (status >= 400) or off");
  if (s.access_log != "all" && s.access_log != "errors" && s.access_log != "off") {
    throw core::ConfigError(config.VariableName("access_log") + ": expected all, errors or off, got '" + s.access_log +
                            "'");
  }
  s.log_level = config.String("log_level", s.log_level, "debug, info, warn or error");
  return s;
}

}  // namespace greenlane::api
