#include "api/settings.h"

#include <catch2/catch.hpp>
#include <map>

#include "config_support.h"

using greenlane::core::Config;
using greenlane::testing::MapEnv;

namespace {

const std::map<std::string, std::string> kRequired = {{"GREENLANE_PG_URL", "postgresql://x"},
                                                      {"GREENLANE_REDIS_URL", "redis://127.0.0.1:6379"},
                                                      {"GREENLANE_CITES_TLS_CERT_FILE", "/pki/servers/cites.crt"},
                                                      {"GREENLANE_CITES_TLS_KEY_FILE", "/pki/servers/cites.key"},
                                                      {"GREENLANE_CITES_TLS_CLIENT_CA_FILE", "/pki/ca.crt"},
                                                      {"GREENLANE_CITES_SIGNING_KEY_FILE", "/pki/signing/cites.pem"}};

}  // namespace

TEST_CASE("the service README documents every variable greenlane-cites reads") {
  Config config("cites", MapEnv(kRequired));
  greenlane::cites::LoadCitesSettings(config);
  greenlane::testing::CheckReadmeDocuments(config, "services/cites/README.md", 15);
}

TEST_CASE("cites refuses to start without a signing key or with a bad exchange window") {
  auto without = kRequired;
  without.erase("GREENLANE_CITES_SIGNING_KEY_FILE");
  Config no_key("cites", MapEnv(without));
  CHECK_THROWS_WITH(greenlane::cites::LoadCitesSettings(no_key), Catch::Contains("GREENLANE_CITES_SIGNING_KEY_FILE"));
  auto bad = kRequired;
  bad.emplace("GREENLANE_CITES_EXCHANGE_WINDOW", "soon");
  Config soon("cites", MapEnv(bad));
  CHECK_THROWS_WITH(greenlane::cites::LoadCitesSettings(soon), Catch::Contains("GREENLANE_CITES_EXCHANGE_WINDOW"));
  Config defaults("cites", MapEnv(kRequired));
  const auto settings = greenlane::cites::LoadCitesSettings(defaults);
  CHECK(settings.port == 7004);
  CHECK(settings.exchange_window == std::chrono::minutes(5));
}

TEST_CASE("the exchange client certificate and key are set together") {
  auto half = kRequired;
  half.emplace("GREENLANE_CITES_EXCHANGE_CERT_FILE", "/pki/clients/partner-pe.crt");
  Config config("cites", MapEnv(half));
  CHECK_THROWS_WITH(greenlane::cites::LoadCitesSettings(config), Catch::Contains("GREENLANE_CITES_EXCHANGE_KEY_FILE"));
  auto bad_interval = kRequired;
  bad_interval.emplace("GREENLANE_CITES_DELIVERY_INTERVAL", "often");
  Config often("cites", MapEnv(bad_interval));
  CHECK_THROWS_WITH(greenlane::cites::LoadCitesSettings(often), Catch::Contains("GREENLANE_CITES_DELIVERY_INTERVAL"));
}
