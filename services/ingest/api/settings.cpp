#include "api/settings.h"

namespace greenlane::ingest {

IngestSettings LoadIngestSettings(core::Config& config) {
  IngestSettings s;
  auto size = [&](const char* name, std::size_t fallback, std::int64_t max, const char* description) {
    return static_cast<std::size_t>(config.Int(name, static_cast<std::int64_t>(fallback), 1, max, description));
  };
  s.address = config.String("address", s.address, "address to listen on");
  s.port = static_cast<unsigned short>(config.Int("port", s.port, 0, 65535, "gRPC port (0 = any free port)"));
  s.tls_cert_file = config.RequiredString("tls_cert_file", "PEM server certificate (e.g. servers/ingest.crt)");
  s.tls_key_file = config.RequiredString("tls_key_file", "PEM private key of tls_cert_file");
  s.tls_client_ca_file =
      config.RequiredString("tls_client_ca_file", "CA bundle verifying client certificates (gateways, services)");
  s.workers = size("workers", s.workers, 256, "worker threads for blocking work (SQL, Redis)");
  s.worker_queue = size("worker_queue", s.worker_queue, 1 << 20, "tasks waiting for a worker before UNAVAILABLE");
  s.max_batch_readings = static_cast<int>(
      config.Int("max_batch_readings", s.max_batch_readings, 1, 100000, "most readings in one upload batch"));
  s.upload_pipeline = static_cast<int>(
      config.Int("upload_pipeline", s.upload_pipeline, 1, 16, "batches of one upload stream committed at once"));
  s.max_message_bytes = static_cast<int>(config.Int("max_message_bytes", s.max_message_bytes, 1 << 20, 1 << 30,
                                                    "largest gRPC message (an upload batch) in bytes"));
  s.pg_url = config.RequiredString("pg_url", "libpq URL of PostgreSQL (falls back to GREENLANE_PG_URL)");
  s.pg_pool_size = size("pg_pool_size", s.pg_pool_size, 256, "PostgreSQL connections");
  s.redis_url = config.RequiredString("redis_url", "redis://host:port of Redis (falls back to GREENLANE_REDIS_URL)");
  s.relay_batch = size("relay_batch", s.relay_batch, 100000, "outbox rows the relay publishes per round");
  s.outbox_retention = config.Duration("outbox_retention", s.outbox_retention,
                                       "how long published events stay in the outbox for replay");
  s.metrics_address = config.String("metrics_address", s.metrics_address, "address of the /metrics endpoint");
  s.metrics_port = static_cast<unsigned short>(
      config.Int("metrics_port", s.metrics_port, 0, 65535, "TCP port of the /metrics endpoint (0 = any free port)"));
  s.shutdown_grace = config.Duration("shutdown_grace", s.shutdown_grace, "time running calls get to finish on SIGTERM");
  s.log_level = config.String("log_level", s.log_level, "debug, info, warn or error");
  return s;
}

}  // namespace greenlane::ingest
