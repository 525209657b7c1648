#include "api/settings.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>

#include "config_support.h"

using greenlane::core::Config;

using greenlane::testing::MapEnv;

namespace {

const std::map<std::string, std::string> kRequired = {{"GREENLANE_PG_URL", "postgresql://x"},
                                                      {"GREENLANE_REDIS_URL", "redis://127.0.0.1:6379"},
                                                      {"GREENLANE_INGEST_TLS_CERT_FILE", "/pki/servers/ingest.crt"},
                                                      {"GREENLANE_INGEST_TLS_KEY_FILE", "/pki/servers/ingest.key"},
                                                      {"GREENLANE_INGEST_TLS_CLIENT_CA_FILE", "/pki/ca.crt"}};

}  // namespace

TEST_CASE("the service README documents every variable greenlane-ingest reads") {
  Config config("ingest", MapEnv(kRequired));
  greenlane::ingest::LoadIngestSettings(config);
  greenlane::testing::CheckReadmeDocuments(config, "services/ingest/README.md", 10);
}

TEST_CASE("ingest refuses to start without mutual TLS or with a bad batch limit") {
  auto without = kRequired;
  without.erase("GREENLANE_INGEST_TLS_CLIENT_CA_FILE");
  Config no_ca("ingest", MapEnv(without));
  CHECK_THROWS_WITH(greenlane::ingest::LoadIngestSettings(no_ca),
                    Catch::Contains("GREENLANE_INGEST_TLS_CLIENT_CA_FILE"));
  auto bad = kRequired;
  bad.emplace("GREENLANE_INGEST_MAX_BATCH_READINGS", "0");
  Config zero("ingest", MapEnv(bad));
  CHECK_THROWS_WITH(greenlane::ingest::LoadIngestSettings(zero),
                    Catch::Contains("GREENLANE_INGEST_MAX_BATCH_READINGS"));
  Config defaults("ingest", MapEnv(kRequired));
  CHECK(greenlane::ingest::LoadIngestSettings(defaults).max_batch_readings == 5000);
}
