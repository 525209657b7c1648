#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "greenlane/core/config.h"

namespace greenlane::risk {

/// Everything greenlane-risk reads at start-up; services/risk/README.md lists each variable
/// (`greenlane-risk --help-config` prints the same list).
struct RiskSettings {
  std::string address = "127.0.0.1";
  unsigned short port = 7003;
  /// Mutual TLS is required: callers are known by their client certificates.
  std::string tls_cert_file, tls_key_file, tls_client_ca_file;
  /// Workers run an assessment's steps between its waits (none waits for the checks, a read or a
  /// commit) and the other methods' blocking work.
  std::size_t workers = 32;
  std::size_t worker_queue = 1024;
  /// As no worker is held while an assessment waits, this bounds what the waits hold.
  std::size_t assessments_in_flight = 4096;
  int max_message_bytes = 16 << 20;
  int max_batch_declarations = 500;

  std::string pg_url;
  std::size_t pg_pool_size = 8;
  std::string redis_url;
  std::size_t relay_batch = 500;
  std::chrono::milliseconds outbox_retention{std::chrono::hours(24 * 7)};
  std::string consumer_name = "risk-1";
  std::string consumer_group = "risk";

  /// rules.json (seeded as the first active rule set), model.json and evidence.json.
  std::string data_dir;
  /// Document checks: where cites and timber answer ("" = that category is not checked), and how
  /// long an assessment waits for them before the declaration goes yellow for lack of an answer.
  std::string cites_address, timber_address;
  /// Mutual TLS towards cites and timber: our client certificate (clients/service-risk.crt) and the
  /// CA their server certificates chain to (defaults to tls_client_ca_file).
  std::string services_cert_file, services_key_file, services_ca_file;
  int check_calls_in_flight = 1;  ///< per owning service; see CallBatcher
  std::chrono::milliseconds document_check_timeout{800};
  /// Evidence arriving later than this after a declaration was received no longer re-assesses it.
  std::chrono::hours late_evidence_window{24 * 30};
  /// Seeds random selection; 0 draws a seed from std::random_device (production).
  std::uint64_t random_seed = 0;

  std::chrono::milliseconds shutdown_grace{10000};
  std::string log_level = "info";
};

/// Reads and validates the settings; throws core::ConfigError naming the variable.
RiskSettings LoadRiskSettings(core::Config& config);

}  // namespace greenlane::risk
