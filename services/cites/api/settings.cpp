#include "api/settings.h"

namespace greenlane::cites {

CitesSettings LoadCitesSettings(core::Config& config) {
  CitesSettings s;
  auto size = [&](const char* name, std::size_t fallback, std::int64_t max, const char* description) {
    return static_cast<std::size_t>(config.Int(name, static_cast<std::int64_t>(fallback), 1, max, description));
  };
  s.address = config.String("address", s.address, "address to listen on");
  s.port = static_cast<unsigned short>(config.Int("port", s.port, 0, 65535, "gRPC port (0 = any free port)"));
  s.tls_cert_file = config.RequiredString("tls_cert_file", "PEM server certificate (e.g. servers/cites.crt)");
  s.tls_key_file = config.RequiredString("tls_key_file", "PEM private key of tls_cert_file");
  s.tls_client_ca_file = config.RequiredString("tls_client_ca_file", "CA bundle verifying client certificates");
  s.workers = size("workers", s.workers, 256, "worker threads for blocking work (SQL, Redis, signatures)");
  s.worker_queue = size("worker_queue", s.worker_queue, 1 << 20, "tasks waiting for a worker before UNAVAILABLE");
  s.max_message_bytes = static_cast<int>(config.Int("max_message_bytes", s.max_message_bytes, 1 << 20, 1 << 30,
                                                    "largest gRPC message (a Species+ page) in bytes"));
  s.pg_url = config.RequiredString("pg_url", "libpq URL of PostgreSQL (falls back to GREENLANE_PG_URL)");
  s.pg_pool_size = size("pg_pool_size", s.pg_pool_size, 256, "PostgreSQL connections");
  s.redis_url = config.RequiredString("redis_url", "redis://host:port of Redis (falls back to GREENLANE_REDIS_URL)");
  s.relay_batch = size("relay_batch", s.relay_batch, 100000, "outbox rows the relay publishes per round");
  s.outbox_retention = config.Duration("outbox_retention", s.outbox_retention,
                                       "how long published events stay in the outbox for replay");
  s.signing_key_file = config.RequiredString(
      "signing_key_file", "Ed25519 PKCS#8 PEM signing permit tokens and partner messages (signing/cites.pem)");
  s.exchange_window = config.Duration("exchange_window", s.exchange_window,
                                      "how far a partner message's timestamp may be from now (replay window)");
  s.delivery_max_attempts = static_cast<int>(config.Int("delivery_max_attempts", s.delivery_max_attempts, 1, 100,
                                                        "attempts to deliver a permit before it is dead"));
  s.delivery_interval =
      config.Duration("delivery_interval", s.delivery_interval,
                      "how often due deliveries to partners are looked for (0 = this replica sends none)");
  s.delivery_batch = size("delivery_batch", s.delivery_batch, 1000, "deliveries sent per round");
  s.exchange_ca_file =
      config.String("exchange_ca_file", "", "CA bundle verifying partners' servers (empty = system CAs)");
  s.exchange_cert_file =
      config.String("exchange_cert_file", "", "our client certificate for partners' exchange endpoints (mutual TLS)");
  s.exchange_key_file = config.String("exchange_key_file", "", "private key of exchange_cert_file");
  s.exchange_credentials_file = config.String(
      "exchange_credentials_file", "", "JSON {country: {client_id, client_secret}} for partners' token endpoints");
  s.exchange_timeout =
      config.Duration("exchange_timeout", s.exchange_timeout, "time a partner gets to connect and answer one delivery");
  if (s.exchange_cert_file.empty() != s.exchange_key_file.empty()) {
    throw core::ConfigError(
        "GREENLANE_CITES_EXCHANGE_CERT_FILE and GREENLANE_CITES_EXCHANGE_KEY_FILE go together: set both or neither");
  }
  if (s.delivery_interval < std::chrono::milliseconds(0)) {
    throw core::ConfigError("GREENLANE_CITES_DELIVERY_INTERVAL must be 0 (no sending) or positive, e.g. 5s");
  }
  s.verify_cache_ttl = config.Duration("verify_cache_ttl", s.verify_cache_ttl,
                                       "how long Verify serves a permit read from its cache (0 = no cache)");
  s.verify_cache_size = size("verify_cache_size", s.verify_cache_size, 10000000, "permits Verify keeps in its cache");
  s.shutdown_grace = config.Duration("shutdown_grace", s.shutdown_grace, "time running calls get to finish on SIGTERM");
  s.log_level = config.String("log_level", s.log_level, "debug, info, warn or error");
  return s;
}

}  // namespace greenlane::cites
