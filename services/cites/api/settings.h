#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "greenlane/core/config.h"

namespace greenlane::cites {

/// Everything greenlane-cites reads at start-up; services/cites/README.md lists each variable
/// (`greenlane-cites --help-config` prints the same list).
struct CitesSettings {
  std::string address = "127.0.0.1";
  unsigned short port = 7004;
  /// Mutual TLS is required: callers (the facade, other services) are known by their certificates.
  std::string tls_cert_file, tls_key_file, tls_client_ca_file;
  std::size_t workers = 8;
  std::size_t worker_queue = 1024;
  int max_message_bytes = 8 << 20;

  std::string pg_url;
  std::size_t pg_pool_size = 8;
  std::string redis_url;
  std::size_t relay_batch = 500;
  std::chrono::milliseconds outbox_retention{std::chrono::hours(24 * 7)};

  /// Ed25519 PKCS#8 PEM that signs permit tokens and outbound partner messages (signing/cites.pem).
  std::string signing_key_file;
  /// How far an inbound partner message's timestamp may be from now either way.
  std::chrono::milliseconds exchange_window{std::chrono::minutes(5)};
  int delivery_max_attempts = 8;
  /// Outbound deliveries: how often due ones are looked for (0 = not by this replica), how many per round.
  std::chrono::milliseconds delivery_interval{std::chrono::seconds(5)};
  std::size_t delivery_batch = 20;
  /// The client side of the exchange: CA verifying partners' servers (empty = system CAs), our
  /// client certificate (its CN is what partners register), a per-request timeout, and the OAuth2
  /// credentials we hold at partners' Greenlane facades (JSON file, optional).
  std::string exchange_ca_file, exchange_cert_file, exchange_key_file, exchange_credentials_file;
  std::chrono::milliseconds exchange_timeout{std::chrono::seconds(10)};

  /// Verify reads permits through a cache: how long an entry serves (0 = off) and how many are kept.
  std::chrono::milliseconds verify_cache_ttl{std::chrono::seconds(2)};
  std::size_t verify_cache_size = 100000;

  std::chrono::milliseconds shutdown_grace{10000};
  std::string log_level = "info";
};

/// Reads and validates the settings; throws core::ConfigError naming the variable.
CitesSettings LoadCitesSettings(core::Config& config);

}  // namespace greenlane::cites
