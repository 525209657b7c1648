#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "greenlane/core/config.h"

namespace greenlane::identify {

/// Everything greenlane-identify reads at start-up; services/identify/README.md lists each variable
/// (`greenlane-identify --help-config` prints the same list).
struct IdentifySettings {
  std::string address = "127.0.0.1";
  unsigned short port = 7005;
  std::string tls_cert_file, tls_key_file, tls_client_ca_file;
  std::size_t workers = 8;
  std::size_t worker_queue = 1024;
  int max_message_bytes = 64 << 20;

  std::string pg_url;
  std::size_t pg_pool_size = 8;
  std::string redis_url;
  std::size_t relay_batch = 500;
  std::chrono::milliseconds outbox_retention{std::chrono::hours(24 * 7)};

  /// Where refrigerants.json, xrf_action_levels.json, wood_classes.json, qpcr_assays.json and
  /// cites_species.json are.
  std::string data_dir = "services/identify/data";

  /// greenlane-ingest, called for each reading's payload (GetReading) with our own client certificate.
  std::string ingest_target = "127.0.0.1:7002";
  std::string ingest_server_name = "ingest";
  std::string ingest_tls_cert_file, ingest_tls_key_file, ingest_tls_ca_file;
  std::chrono::milliseconds ingest_deadline{5000};

  /// Not configurable: the stream ingest publishes to. Integration tests give each test a topic of
  /// its own, since they share one Redis.
  std::string reading_topic = "ingest.reading.accepted";
  std::string consumer_name = "identify-1";
  std::size_t consumer_batch = 100;

  std::vector<std::pair<std::string, std::string>> xrf_sets_by_method;
  std::string xrf_default_set = "rohs-polymers";
  double species_min_score = 0.6;
  double species_min_margin = 0.1;
  std::size_t max_add_spectra = 10000;
  std::size_t library_load_batch = 10000;

  std::chrono::milliseconds shutdown_grace{10000};
  std::string log_level = "info";
};

/// Reads and validates the settings; throws core::ConfigError naming the variable.
IdentifySettings LoadIdentifySettings(core::Config& config);

}  // namespace greenlane::identify
