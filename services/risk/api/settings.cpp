#include "api/settings.h"

namespace greenlane::risk {

RiskSettings LoadRiskSettings(core::Config& config) {
  RiskSettings s;
  auto size = [&](const char* name, std::size_t fallback, std::int64_t max, const char* description) {
    return static_cast<std::size_t>(config.Int(name, static_cast<std::int64_t>(fallback), 1, max, description));
  };
  s.address = config.String("address", s.address, "address to listen on");
  s.port = static_cast<unsigned short>(config.Int("port", s.port, 0, 65535, "gRPC port (0 = any free port)"));
  s.tls_cert_file = config.RequiredString("tls_cert_file", "PEM server certificate (e.g. servers/risk.crt)");
  s.tls_key_file = config.RequiredString("tls_key_file", "PEM private key of tls_cert_file");
  s.tls_client_ca_file = config.RequiredString("tls_client_ca_file", "CA bundle verifying client certificates");
  s.workers = size("workers", s.workers, 256, "worker threads for the assessments' steps and other blocking work");
  s.worker_queue = size("worker_queue", s.worker_queue, 1 << 20, "tasks waiting for a worker before UNAVAILABLE");
  s.assessments_in_flight =
      size("assessments_in_flight", s.assessments_in_flight, 1 << 20,
           "declarations being assessed at once (waiting for checks, reads or a commit) before UNAVAILABLE");
  s.max_message_bytes = static_cast<int>(config.Int("max_message_bytes", s.max_message_bytes, 1 << 20, 1 << 30,
                                                    "largest gRPC message (a batch of declarations) in bytes"));
  s.max_batch_declarations = static_cast<int>(
      config.Int("max_batch_declarations", s.max_batch_declarations, 1, 10000, "most declarations in one AssessBatch"));
  s.pg_url = config.RequiredString("pg_url", "libpq URL of PostgreSQL (falls back to GREENLANE_PG_URL)");
  s.pg_pool_size = size("pg_pool_size", s.pg_pool_size, 256, "PostgreSQL connections");
  s.redis_url = config.RequiredString("redis_url", "redis://host:port of Redis (falls back to GREENLANE_REDIS_URL)");
  s.relay_batch = size("relay_batch", s.relay_batch, 100000, "outbox rows the relay publishes per round");
  s.outbox_retention = config.Duration("outbox_retention", s.outbox_retention,
                                       "how long published events stay in the outbox for replay");
  s.consumer_name = config.String("consumer_name", s.consumer_name,
                                  "this replica's name in the event consumer groups (stable across restarts)");
  s.consumer_group = config.String("consumer_group", s.consumer_group,
                                   "event consumer group every replica shares (one per deployment)");
  s.data_dir =
      config.String("data_dir", GREENLANE_RISK_DATA_DIR, "folder with rules.json, model.json and evidence.json");
  s.cites_address = config.String("cites_address", "", "host:port of greenlane-cites for CITES permit checks");
  s.timber_address =
      config.String("timber_address", "", "host:port of greenlane-timber for timber export certificate checks");
  s.services_cert_file = config.String("services_cert_file", "",
                                       "client certificate presented to cites and timber (clients/service-risk.crt)");
  s.services_key_file = config.String("services_key_file", "", "private key of services_cert_file");
  s.services_ca_file = config.String("services_ca_file", s.tls_client_ca_file,
                                     "CA verifying the server certificates of cites and timber");
  if ((!s.cites_address.empty() || !s.timber_address.empty()) &&
      (s.services_cert_file.empty() || s.services_key_file.empty())) {
    throw core::ConfigError(config.VariableName("services_cert_file") + " and " +
                            config.VariableName("services_key_file") + " are required when " +
                            config.VariableName("cites_address") + " or " + config.VariableName("timber_address") +
                            " is set: cites and timber accept only mutual TLS");
  }
  s.check_calls_in_flight = static_cast<int>(
      config.Int("check_calls_in_flight", s.check_calls_in_flight, 1, 1024,
                 "many-in-one check calls out at once to each of cites and timber; checks made meanwhile wait and "
                 "go together in the next (1024 = every check at once, no batching)"));
  s.document_check_timeout = config.Duration("document_check_timeout", s.document_check_timeout,
                                             "how long an assessment waits for document checks");
  if (s.document_check_timeout.count() <= 0) {
    throw core::ConfigError(config.VariableName("document_check_timeout") + " must be positive");
  }
  const auto late_evidence_window =
      config.Duration("late_evidence_window", s.late_evidence_window,
                      "how long after a declaration is received late evidence still re-assesses it (whole hours)");
  if (late_evidence_window < std::chrono::hours(1) ||
      late_evidence_window % std::chrono::hours(1) != std::chrono::milliseconds(0)) {
    throw core::ConfigError(config.VariableName("late_evidence_window") + " must be whole hours, at least 1h");
  }
  s.late_evidence_window = std::chrono::duration_cast<std::chrono::hours>(late_evidence_window);
  s.random_seed = static_cast<std::uint64_t>(
      config.Int("random_seed", 0, 0, INT64_MAX, "seed of random selection; 0 = a fresh random seed"));
  s.shutdown_grace = config.Duration("shutdown_grace", s.shutdown_grace, "time running calls get to finish on SIGTERM");
  s.log_level = config.String("log_level", s.log_level, "debug, info, warn or error");
  return s;
}

}  // namespace greenlane::risk
