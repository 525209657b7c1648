#include "app/settings.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "config_support.h"

using greenlane::core::Config;
using greenlane::core::ConfigError;
using greenlane::edge::LoadEdgeSettings;

using greenlane::testing::MapEnv;

namespace {

using Env = std::map<std::string, std::string>;

const Env kRequired = {{"GREENLANE_EDGE_WATCH_VANTA_XRF", "/srv/in/vanta"},
                       {"GREENLANE_EDGE_INGEST_ADDRESS", "ingest:7002"},
                       {"GREENLANE_EDGE_TLS_CA_FILE", "ca.crt"},
                       {"GREENLANE_EDGE_TLS_CERT_FILE", "gateway.crt"},
                       {"GREENLANE_EDGE_TLS_KEY_FILE", "gateway.key"}};

Env With(std::string name, std::string value) {
  Env env = kRequired;
  env[std::move(name)] = std::move(value);
  return env;
}

}  // namespace

TEST_CASE("the service README documents every variable greenlane-edge reads") {
  Config config("edge", MapEnv(kRequired));
  LoadEdgeSettings(config);
  greenlane::testing::CheckReadmeDocuments(config, "services/edge/README.md", 20);
}

TEST_CASE("watch folders, TLS files and defaults are read") {
  Config config("edge", MapEnv(With("GREENLANE_EDGE_UTC_OFFSET", "-05:00")));
  const auto settings = LoadEdgeSettings(config);
  REQUIRE(settings.watcher.folders.size() == 1);
  CHECK(settings.watcher.folders[0].path == "/srv/in/vanta");
  CHECK(settings.watcher.folders[0].format == greenlane::instruments::Format::kVantaXrf);
  CHECK(settings.watcher.utc_offset == std::chrono::minutes(-300));
  CHECK(settings.uploader.channel.tls->cert_file == "gateway.crt");
  CHECK(settings.uploader.batch_size == 1000);
  CHECK(settings.watcher.queue_capacity == 1'000'000);
}

TEST_CASE("bad settings stop start-up with the variable's name") {
  Env no_folder = kRequired;
  no_folder.erase("GREENLANE_EDGE_WATCH_VANTA_XRF");
  Config none("edge", MapEnv(no_folder));
  CHECK_THROWS_WITH(LoadEdgeSettings(none), Catch::Contains("GREENLANE_EDGE_WATCH_VANTA_XRF"));

  Config offset("edge", MapEnv(With("GREENLANE_EDGE_UTC_OFFSET", "Lima")));
  CHECK_THROWS_WITH(LoadEdgeSettings(offset), Catch::Contains("GREENLANE_EDGE_UTC_OFFSET"));

  Config backoff("edge", MapEnv(With("GREENLANE_EDGE_BACKOFF_MAX", "10ms")));
  CHECK_THROWS_WITH(LoadEdgeSettings(backoff), Catch::Contains("GREENLANE_EDGE_BACKOFF_MAX"));

  Env no_cert = kRequired;
  no_cert.erase("GREENLANE_EDGE_TLS_CERT_FILE");
  Config cert("edge", MapEnv(no_cert));
  CHECK_THROWS_WITH(LoadEdgeSettings(cert), Catch::Contains("GREENLANE_EDGE_TLS_CERT_FILE"));
}
