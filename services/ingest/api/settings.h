#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "greenlane/core/config.h"

namespace greenlane::ingest {

/// Everything greenlane-ingest reads at start-up; services/ingest/README.md lists each variable
/// (`greenlane-ingest --help-config` prints the same list).
struct IngestSettings {
  std::string address = "127.0.0.1";
  unsigned short port = 7002;
  /// Mutual TLS is required: a gateway is known only by its client certificate.
  std::string tls_cert_file, tls_key_file, tls_client_ca_file;
  std::size_t workers = 8;
  std::size_t worker_queue = 1024;
  int max_batch_readings = 5000;
  /// Batches of one Upload stream committed at once (each on its own connection).
  int upload_pipeline = 2;
  int max_message_bytes = 64 << 20;

  std::string pg_url;
  std::size_t pg_pool_size = 8;
  std::string redis_url;
  std::size_t relay_batch = 500;
  std::chrono::milliseconds outbox_retention{std::chrono::hours(24 * 7)};

  /// Plain HTTP /metrics and /healthz for Prometheus and the supervisor: keep it on a private address.
  std::string metrics_address = "127.0.0.1";
  unsigned short metrics_port = 9465;

  std::chrono::milliseconds shutdown_grace{10000};
  std::string log_level = "info";
};

/// Reads and validates the settings; throws core::ConfigError naming the variable.
IngestSettings LoadIngestSettings(core::Config& config);

}  // namespace greenlane::ingest
