#include "api/settings.h"

#include <catch2/catch.hpp>
#include <map>

#include "config_support.h"

using greenlane::core::Config;
using greenlane::testing::MapEnv;

namespace {

const std::map<std::string, std::string> kRequired = {
    {"GREENLANE_PG_URL", "postgresql://x"},
    {"GREENLANE_REDIS_URL", "redis://127.0.0.1:6379"},
    {"GREENLANE_IDENTIFY_TLS_CERT_FILE", "/pki/servers/identify.crt"},
    {"GREENLANE_IDENTIFY_TLS_KEY_FILE", "/pki/servers/identify.key"},
    {"GREENLANE_IDENTIFY_TLS_CLIENT_CA_FILE", "/pki/ca.crt"},
    {"GREENLANE_IDENTIFY_INGEST_TLS_CERT_FILE", "/pki/clients/service-identify.crt"},
    {"GREENLANE_IDENTIFY_INGEST_TLS_KEY_FILE", "/pki/clients/service-identify.key"}};

}  // namespace

TEST_CASE("the service README documents every variable greenlane-identify reads") {
  Config config("identify", MapEnv(kRequired));
  greenlane::identify::LoadIdentifySettings(config);
  greenlane::testing::CheckReadmeDocuments(config, "services/identify/README.md", 25);
}

TEST_CASE("identify defaults: port 7005, ingest's CA is the client CA, XRF sets by analyzer mode") {
  Config config("identify", MapEnv(kRequired));
  const auto settings = greenlane::identify::LoadIdentifySettings(config);
  CHECK(settings.port == 7005);
  CHECK(settings.ingest_tls_ca_file == "/pki/ca.crt");
  REQUIRE(settings.xrf_sets_by_method.size() == 2);
  CHECK(settings.xrf_sets_by_method[1] == std::pair<std::string, std::string>("Geochem", "basel-heavy-metals"));
  CHECK(settings.species_min_score == Approx(0.6));
}

TEST_CASE("identify refuses to start without its ingest client certificate or with bad thresholds") {
  auto without = kRequired;
  without.erase("GREENLANE_IDENTIFY_INGEST_TLS_CERT_FILE");
  Config no_cert("identify", MapEnv(without));
  CHECK_THROWS_WITH(greenlane::identify::LoadIdentifySettings(no_cert),
                    Catch::Contains("GREENLANE_IDENTIFY_INGEST_TLS_CERT_FILE"));
  auto bad_score = kRequired;
  bad_score.emplace("GREENLANE_IDENTIFY_SPECIES_MIN_SCORE", "1.5");
  Config score("identify", MapEnv(bad_score));
  CHECK_THROWS_WITH(greenlane::identify::LoadIdentifySettings(score),
                    Catch::Contains("GREENLANE_IDENTIFY_SPECIES_MIN_SCORE"));
  auto bad_sets = kRequired;
  bad_sets.emplace("GREENLANE_IDENTIFY_XRF_SETS", "RoHS");
  Config sets("identify", MapEnv(bad_sets));
  CHECK_THROWS_WITH(greenlane::identify::LoadIdentifySettings(sets), Catch::Contains("MODE=SET"));
}
