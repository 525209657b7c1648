#include "api/settings.h"

#include <cstdlib>

namespace greenlane::identify {
namespace {

double Fraction(core::Config& config, const char* name, double fallback, const char* description) {
  const auto text = config.String(name, std::to_string(fallback).substr(0, 4), description);
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !(value >= 0 && value <= 1)) {
    throw core::ConfigError(config.VariableName(name) + "='" + text + "' must be a number from 0 to 1");
  }
  return value;
}

std::vector<std::pair<std::string, std::string>> MethodSets(core::Config& config) {
  const auto items = config.List("xrf_sets", {"RoHS=rohs-polymers", "Geochem=basel-heavy-metals"},
                                 "XRF analyzer mode prefix = action-level set, comma-separated");
  std::vector<std::pair<std::string, std::string>> sets;
  for (const auto& item : items) {
    const auto equals = item.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == item.size()) {
      throw core::ConfigError(config.VariableName("xrf_sets") + ": '" + item + "' is not MODE=SET");
    }
    sets.emplace_back(item.substr(0, equals), item.substr(equals + 1));
  }
  return sets;
}

}  // namespace

IdentifySettings LoadIdentifySettings(core::Config& config) {
  IdentifySettings s;
  auto size = [&](const char* name, std::size_t fallback, std::int64_t max, const char* description) {
    return static_cast<std::size_t>(config.Int(name, static_cast<std::int64_t>(fallback), 1, max, description));
  };
  s.address = config.String("address", s.address, "address to listen on");
  s.port = static_cast<unsigned short>(config.Int("port", s.port, 0, 65535, "gRPC port (0 = any free port)"));
  s.tls_cert_file = config.RequiredString("tls_cert_file", "PEM server certificate (e.g. servers/identify.crt)");
  s.tls_key_file = config.RequiredString("tls_key_file", "PEM private key of tls_cert_file");
  s.tls_client_ca_file = config.RequiredString("tls_client_ca_file", "CA bundle verifying client certificates");
  s.workers = size("workers", s.workers, 256, "worker threads for blocking work (SQL, Redis, searches)");
  s.worker_queue = size("worker_queue", s.worker_queue, 1 << 20, "tasks waiting for a worker before UNAVAILABLE");
  s.max_message_bytes = static_cast<int>(config.Int("max_message_bytes", s.max_message_bytes, 1 << 20, 1 << 30,
                                                    "largest gRPC message (an AddSpectra batch) in bytes"));
  s.pg_url = config.RequiredString("pg_url", "libpq URL of PostgreSQL (falls back to GREENLANE_PG_URL)");
  s.pg_pool_size = size("pg_pool_size", s.pg_pool_size, 256, "PostgreSQL connections");
  s.redis_url = config.RequiredString("redis_url", "redis://host:port of Redis (falls back to GREENLANE_REDIS_URL)");
  s.relay_batch = size("relay_batch", s.relay_batch, 100000, "outbox rows the relay publishes per round");
  s.outbox_retention = config.Duration("outbox_retention", s.outbox_retention,
                                       "how long published events stay in the outbox for replay");
  s.data_dir = config.String("data_dir", s.data_dir, "folder of the identification tables (JSON)");
  s.ingest_target = config.String("ingest_target", s.ingest_target, "host:port of greenlane-ingest");
  s.ingest_server_name =
      config.String("ingest_server_name", s.ingest_server_name, "name expected in ingest's server certificate");
  s.ingest_tls_cert_file =
      config.RequiredString("ingest_tls_cert_file", "client certificate for ingest (clients/service-identify.crt)");
  s.ingest_tls_key_file = config.RequiredString("ingest_tls_key_file", "private key of ingest_tls_cert_file");
  s.ingest_tls_ca_file =
      config.String("ingest_tls_ca_file", s.tls_client_ca_file, "CA verifying ingest's server certificate");
  s.ingest_deadline = config.Duration("ingest_deadline", s.ingest_deadline, "deadline of each call to ingest");
  s.consumer_name = config.String("consumer_name", s.consumer_name,
                                  "this replica's name in the consumer group, stable across restarts");
  s.consumer_batch = size("consumer_batch", s.consumer_batch, 10000, "events read per consumer pass");
  s.xrf_sets_by_method = MethodSets(config);
  s.xrf_default_set =
      config.String("xrf_default_set", s.xrf_default_set, "action-level set for XRF modes xrf_sets does not name");
  s.species_min_score =
      Fraction(config, "species_min_score", s.species_min_score, "best species score below this: no match");
  s.species_min_margin = Fraction(config, "species_min_margin", s.species_min_margin,
                                  "best minus next species score below this: ambiguous");
  s.max_add_spectra = size("max_add_spectra", s.max_add_spectra, 1000000, "most spectra in one AddSpectra call");
  s.library_load_batch =
      size("library_load_batch", s.library_load_batch, 1000000, "spectra read per query when loading the library");
  s.shutdown_grace = config.Duration("shutdown_grace", s.shutdown_grace, "time running calls get to finish on SIGTERM");
  s.log_level = config.String("log_level", s.log_level, "debug, info, warn or error");
  return s;
}

}  // namespace greenlane::identify
