#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "api/conversation_worker.h"
#include "api/downstream.h"
#include "domain/rate_limiter.h"
#include "domain/tokens.h"
#include "greenlane/core/config.h"

namespace greenlane::api {

/// Everything greenlane-api reads at start-up. LoadApiSettings documents each variable; the
/// service README lists them (`greenlane-api --help-config` prints the same list).
struct ApiSettings {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;
  int io_threads = 2;
  /// A relayed call holds its worker until the service answers: as many as the requests in flight
  /// (16 made 32 connections queue for a worker, with fewer declarations per group commit behind).
  std::size_t workers = 64;
  std::size_t worker_queue = 4096;
  std::size_t body_limit = 1 << 20;
  std::size_t header_limit = 16 << 10;
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds idle_timeout{60};
  std::string tls_cert_file, tls_key_file, tls_client_ca_file;

  std::string pg_url;
  std::size_t pg_pool_size = 16;
  std::string redis_url;

  std::string signing_key_file;
  std::vector<std::string> previous_public_key_files;  ///< still trusted after a key rotation
  TokenSettings tokens;
  int secret_hash_iterations = 210000;

  RateLimitPolicy rate_limit;
  std::chrono::milliseconds rate_limit_sync{50};

  DownstreamSettings downstream;
  /// How long the facade answers a repeated permit verification itself (0 = always ask cites).
  std::chrono::milliseconds cites_verify_cache_ttl{1000};
  std::size_t cites_verify_cache_size = 100000;
  ConversationSettings conversations;

  std::string access_log = "all";  ///< all | errors | off
  std::string log_level = "info";
};

/// Reads and validates the settings; throws core::ConfigError naming the variable.
ApiSettings LoadApiSettings(core::Config& config);

}  // namespace greenlane::api
