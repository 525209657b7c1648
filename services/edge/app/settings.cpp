#include "app/settings.h"

#include <array>
#include <utility>

#include "greenlane/instruments/parse_options.h"

namespace greenlane::edge {
namespace {

// One watch-folder variable per analyzer format.
constexpr std::array<std::pair<const char*, instruments::Format>, 5> kWatchVariables{{
    {"watch_vanta_xrf", instruments::Format::kVantaXrf},
    {"watch_refrigerant", instruments::Format::kRefrigerant},
    {"watch_xylotron", instruments::Format::kXyloTron},
    {"watch_qpcr", instruments::Format::kQpcr},
    {"watch_dart", instruments::Format::kDart},
}};

std::chrono::milliseconds PositiveDuration(core::Config& config, const std::string& name,
                                           std::chrono::milliseconds fallback, const std::string& description) {
  const auto value = config.Duration(name, fallback, description);
  if (value.count() <= 0) throw core::ConfigError(config.VariableName(name) + ": must be more than 0");
  return value;
}

}  // namespace

EdgeSettings LoadEdgeSettings(core::Config& config) {
  EdgeSettings s;
  for (const auto& [name, format] : kWatchVariables) {
    const std::string folder = config.String(
        name, "", std::string("folder where ") + std::string(instruments::FormatName(format)) + " exports are dropped");
    if (!folder.empty()) s.watcher.folders.push_back({folder, format});
  }
  s.watcher.xylotron_serial =
      config.String("xylotron_serial", "", "serial of the XyloTron classifier (its exports name no device)");
  const std::string offset = config.String("utc_offset", "+00:00", "UTC offset of analyzers that write local time");
  const auto parsed_offset = instruments::ParseUtcOffset(offset);
  if (!parsed_offset.ok()) {
    throw core::ConfigError(config.VariableName("utc_offset") + ": " + parsed_offset.error().message);
  }
  s.watcher.utc_offset = *parsed_offset;
  s.watcher.max_file_bytes =
      static_cast<std::size_t>(config.Int("max_file_bytes", static_cast<std::int64_t>(s.watcher.max_file_bytes), 1024,
                                          1LL << 31, "larger analyzer files are rejected"));
  s.poll_interval = PositiveDuration(config, "poll_interval", s.poll_interval,
                                     "time between looks at the watch folders (a file is taken after two equal looks)");

  s.queue_path = config.String("queue_path", s.queue_path, "SQLite file of the store-and-forward queue");
  s.watcher.queue_capacity =
      static_cast<std::uint64_t>(config.Int("queue_capacity", static_cast<std::int64_t>(s.watcher.queue_capacity), 1,
                                            1LL << 40, "readings the queue may hold; new files wait above it"));

  s.uploader.channel.target = config.RequiredString("ingest_address", "host:port of greenlane-ingest");
  s.uploader.channel.server_name_override =
      config.String("ingest_server_name", "", "name expected in ingest's certificate when it differs from the host");
  rpc::TlsFiles tls;
  tls.ca_file = config.RequiredString("tls_ca_file", "CA bundle that ingest's certificate must chain to");
  tls.cert_file = config.RequiredString("tls_cert_file", "the gateway's client certificate (PEM; its CN names it)");
  tls.key_file = config.RequiredString("tls_key_file", "private key of tls_cert_file (PEM)");
  s.uploader.channel.tls = tls;
  s.uploader.batch_size = static_cast<std::size_t>(config.Int(
      "batch_size", static_cast<std::int64_t>(s.uploader.batch_size), 1, 10000, "readings per uploaded batch"));
  s.uploader.window = static_cast<std::size_t>(config.Int("upload_window", static_cast<std::int64_t>(s.uploader.window),
                                                          1, 64, "batches in flight before waiting for an ack"));
  s.uploader.ack_timeout = PositiveDuration(config, "ack_timeout", s.uploader.ack_timeout,
                                            "an unacknowledged batch this old makes the gateway reconnect");
  s.uploader.backoff.initial =
      PositiveDuration(config, "backoff_initial", s.uploader.backoff.initial, "reconnect backoff: first cap");
  s.uploader.backoff.max =
      PositiveDuration(config, "backoff_max", s.uploader.backoff.max, "reconnect backoff: longest wait");
  if (s.uploader.backoff.max < s.uploader.backoff.initial) {
    throw core::ConfigError(config.VariableName("backoff_max") + ": must not be less than " +
                            config.VariableName("backoff_initial"));
  }

  s.metrics_address = config.String("metrics_address", s.metrics_address, "address of the /metrics endpoint");
  s.metrics_port = static_cast<unsigned short>(
      config.Int("metrics_port", s.metrics_port, 0, 65535, "TCP port of the /metrics endpoint (0 = any free port)"));
  s.log_level = config.String("log_level", s.log_level, "debug, info, warn or error");
  // Checked after every variable is read, so --help-config lists them all.
  if (s.watcher.folders.empty()) {
    throw core::ConfigError("no watch folder: set at least one of " + config.VariableName("watch_vanta_xrf") + ", " +
                            config.VariableName("watch_refrigerant") + ", " + config.VariableName("watch_xylotron") +
                            ", " + config.VariableName("watch_qpcr") + " or " + config.VariableName("watch_dart"));
  }
  return s;
}

}  // namespace greenlane::edge
