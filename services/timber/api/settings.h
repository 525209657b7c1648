#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "greenlane/core/config.h"

namespace greenlane::timber {

/// Everything greenlane-timber reads at start-up; services/timber/README.md lists each variable
/// (`greenlane-timber --help-config` prints the same list).
struct TimberSettings {
  std::string address = "127.0.0.1";
  unsigned short port = 7001;
  /// Mutual TLS is required: callers are other services, known by their client certificates.
  std::string tls_cert_file, tls_key_file, tls_client_ca_file;
  std::size_t workers = 8;
  std::size_t worker_queue = 1024;
  int max_message_bytes = 16 << 20;

  std::string pg_url;
  std::size_t pg_pool_size = 8;
  std::string redis_url;
  std::size_t relay_batch = 500;
  std::chrono::milliseconds outbox_retention{std::chrono::hours(24 * 7)};

  /// rules.json and species.json: the national administration's limits and species.
  std::string data_dir = "services/timber/data";
  /// Ed25519 PKCS#8 PEM signing the QR tokens of waybills and certificates (dev PKI signing/timber.pem).
  std::string signing_key_file;
  std::chrono::milliseconds waybill_validity{std::chrono::hours(72)};
  std::chrono::milliseconds certificate_validity{std::chrono::hours(24 * 180)};

  std::chrono::milliseconds shutdown_grace{10000};
  std::string log_level = "info";
};

/// Reads and validates the settings; throws core::ConfigError naming the variable.
TimberSettings LoadTimberSettings(core::Config& config);

}  // namespace greenlane::timber
