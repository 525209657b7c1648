#include "greenlane/core/config.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <map>

using greenlane::core::Config;
using greenlane::core::ConfigError;

namespace {
greenlane::core::EnvLookup MapEnv(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}
}  // namespace

TEST_CASE("config reads the service variable and falls back to the default") {
  Config config("api", MapEnv({{"GREENLANE_API_PORT", "8443"}}));
  CHECK(config.Int("port", 8080, 0, 65535, "listen port") == 8443);
  CHECK(config.Int("workers", 4, 1, 64, "worker threads") == 4);
  CHECK(config.Entries().size() == 2);
  CHECK(config.Describe().find("GREENLANE_API_WORKERS") != std::string::npos);
}

TEST_CASE("config falls back to the shared GREENLANE_<NAME> variable") {
  Config config("api", MapEnv({{"GREENLANE_PG_URL", "postgresql://x"}}));
  CHECK(config.RequiredString("pg_url", "database") == "postgresql://x");
}

TEST_CASE("config rejects bad values naming the variable and the rule") {
  Config config(
      "api",
      MapEnv({{"GREENLANE_API_PORT", "80a"}, {"GREENLANE_API_TLS", "maybe"}, {"GREENLANE_API_TIMEOUT", "5 parsecs"}}));
  CHECK_THROWS_WITH(config.Int("port", 8080, 0, 65535, "listen port"),
                    Catch::Contains("GREENLANE_API_PORT") && Catch::Contains("0 to 65535") && Catch::Contains("80a"));
  CHECK_THROWS_WITH(config.Bool("tls", false, "TLS"), Catch::Contains("GREENLANE_API_TLS"));
  CHECK_THROWS_WITH(config.Duration("timeout", std::chrono::seconds(1), "timeout"),
                    Catch::Contains("GREENLANE_API_TIMEOUT"));
  CHECK_THROWS_WITH(config.RequiredString("pg_url", "database"), Catch::Contains("GREENLANE_API_PG_URL is required"));
}

TEST_CASE("config reads a JSON file under the environment") {
  const std::string path = "config_test_file.json";
  {
    std::ofstream out(path);
    out << R"({"port": 9000, "roles": ["a", "b"], "name": "from-file"})";
  }
  Config config("api", MapEnv({{"GREENLANE_API_CONFIG_FILE", path}, {"GREENLANE_API_NAME", "from-env"}}));
  CHECK(config.Int("port", 1, 0, 65535, "port") == 9000);
  CHECK(config.List("roles", {}, "roles") == std::vector<std::string>{"a", "b"});
  CHECK(config.String("name", "", "name") == "from-env");
  std::remove(path.c_str());
}

TEST_CASE("config refuses an unreadable or malformed file") {
  CHECK_THROWS_AS(Config("api", MapEnv({{"GREENLANE_API_CONFIG_FILE", "/nonexistent/file.json"}})), ConfigError);
  const std::string path = "config_test_bad.json";
  {
    std::ofstream out(path);
    out << "{not json";
  }
  CHECK_THROWS_WITH(Config("api", MapEnv({{"GREENLANE_API_CONFIG_FILE", path}})), Catch::Contains("not valid JSON"));
  std::remove(path.c_str());
}

TEST_CASE("durations take a unit") {
  using namespace std::chrono_literals;
  CHECK(greenlane::core::ParseDuration("250ms") == 250ms);
  CHECK(greenlane::core::ParseDuration("15s") == 15s);
  CHECK(greenlane::core::ParseDuration("10m") == 10min);
  CHECK(greenlane::core::ParseDuration("2h") == 2h);
  CHECK(greenlane::core::ParseDuration("7") == 7s);
  CHECK_FALSE(greenlane::core::ParseDuration("-1s"));
  CHECK_FALSE(greenlane::core::ParseDuration("1d"));
  CHECK_FALSE(greenlane::core::ParseDuration(""));
}

TEST_CASE("describe-only configuration lists required settings without throwing") {
  Config config("api", MapEnv({}));
  config.SetDescribeOnly(true);
  CHECK(config.RequiredString("pg_url", "database").empty());
  CHECK(config.Describe().find("GREENLANE_API_PG_URL (default: (required))") != std::string::npos);
}
