#include "api/settings.h"

#include <catch2/catch.hpp>
#include <map>

#include "config_support.h"

using greenlane::core::Config;
using greenlane::testing::MapEnv;

namespace {

const std::map<std::string, std::string> kRequired = {{"GREENLANE_PG_URL", "postgresql://x"},
                                                      {"GREENLANE_REDIS_URL", "redis://127.0.0.1:6379"},
                                                      {"GREENLANE_TIMBER_TLS_CERT_FILE", "/pki/servers/timber.crt"},
                                                      {"GREENLANE_TIMBER_TLS_KEY_FILE", "/pki/servers/timber.key"},
                                                      {"GREENLANE_TIMBER_TLS_CLIENT_CA_FILE", "/pki/ca.crt"},
                                                      {"GREENLANE_TIMBER_SIGNING_KEY_FILE", "/pki/signing/timber.pem"}};

}  // namespace

TEST_CASE("the service README documents every variable greenlane-timber reads") {
  Config config("timber", MapEnv(kRequired));
  greenlane::timber::LoadTimberSettings(config);
  greenlane::testing::CheckReadmeDocuments(config, "services/timber/README.md", 15);
}

TEST_CASE("timber refuses to start without its signing key or with a bad port, and defaults to 7001") {
  auto without = kRequired;
  without.erase("GREENLANE_TIMBER_SIGNING_KEY_FILE");
  Config no_key("timber", MapEnv(without));
  CHECK_THROWS_WITH(greenlane::timber::LoadTimberSettings(no_key),
                    Catch::Contains("GREENLANE_TIMBER_SIGNING_KEY_FILE"));
  auto bad = kRequired;
  bad.emplace("GREENLANE_TIMBER_PORT", "70000");
  Config bad_port("timber", MapEnv(bad));
  CHECK_THROWS_WITH(greenlane::timber::LoadTimberSettings(bad_port), Catch::Contains("GREENLANE_TIMBER_PORT"));
  Config defaults("timber", MapEnv(kRequired));
  const auto settings = greenlane::timber::LoadTimberSettings(defaults);
  CHECK(settings.port == 7001);
  CHECK(settings.waybill_validity == std::chrono::hours(72));
}
