#include "api/settings.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>

#include "config_support.h"

using greenlane::core::Config;
using greenlane::core::ConfigError;

using greenlane::testing::MapEnv;

namespace {

const std::map<std::string, std::string> kRequired = {{"GREENLANE_PG_URL", "postgresql://x"},
                                                      {"GREENLANE_REDIS_URL", "redis://127.0.0.1:6379"},
                                                      {"GREENLANE_API_SIGNING_KEY_FILE", "/keys/jwt.pem"}};

}  // namespace

TEST_CASE("the service README documents every variable greenlane-api reads") {
  Config config("api", MapEnv(kRequired));
  greenlane::api::LoadApiSettings(config);
  greenlane::testing::CheckReadmeDocuments(config, "services/api/README.md", 20);
}

TEST_CASE("defaults are sane and required settings are named when missing") {
  Config config("api", MapEnv(kRequired));
  const auto settings = greenlane::api::LoadApiSettings(config);
  CHECK(settings.tokens.ttl == std::chrono::minutes(15));
  CHECK(settings.body_limit == 1u << 20);
  CHECK(settings.access_log == "all");
  Config missing("api", MapEnv({}));
  CHECK_THROWS_WITH(greenlane::api::LoadApiSettings(missing), Catch::Contains("GREENLANE_API_PG_URL"));
}

TEST_CASE("bad settings stop start-up with the variable's name") {
  auto with = [](std::string name, std::string value) {
    auto env = kRequired;
    env[std::move(name)] = std::move(value);
    return env;
  };
  Config bad_port("api", MapEnv(with("GREENLANE_API_PORT", "70000")));
  CHECK_THROWS_WITH(greenlane::api::LoadApiSettings(bad_port), Catch::Contains("GREENLANE_API_PORT"));
  Config bad_log("api", MapEnv(with("GREENLANE_API_ACCESS_LOG", "sometimes")));
  CHECK_THROWS_WITH(greenlane::api::LoadApiSettings(bad_log), Catch::Contains("GREENLANE_API_ACCESS_LOG"));
  Config half_tls("api", MapEnv(with("GREENLANE_API_TLS_CERT_FILE", "/x.crt")));
  CHECK_THROWS_WITH(greenlane::api::LoadApiSettings(half_tls), Catch::Contains("must be set together"));
  Config zero_window("api", MapEnv(with("GREENLANE_API_RATE_WINDOW", "0s")));
  CHECK_THROWS_WITH(greenlane::api::LoadApiSettings(zero_window), Catch::Contains("GREENLANE_API_RATE_WINDOW"));
}
