#pragma once

#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>
#include <vector>

#include "api/api_server.h"
#include "greenlane/core/clock.h"
#include "greenlane/http/client.h"
#include "greenlane/pg/migrations.h"
#include "greenlane/pg/pool.h"
#include "greenlane/pg/test_database.h"
#include "greenlane/security/audit_log.h"
#include "store/client_store.h"

namespace greenlane::testing {

inline std::string RequiredEnv(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    throw std::runtime_error(std::string(name) + " is not set: run the end-to-end tests through scripts/test");
  }
  return value;
}

/// A real greenlane-api on a loopback port, with its own fresh database (migrated), the test
/// Redis, the dev PKI's signing key, and a clock the test moves.
class ApiStack {
 public:
  explicit ApiStack(std::function<void(api::ApiSettings&)> adjust = {}) : clock_(core::SystemClock::Instance().Now()) {
    {
      pqxx::connection connection(database_.url());
      auto report = pg::ApplyMigrations(connection, "api",
                                        pg::LoadMigrations(std::string(GREENLANE_SOURCE_DIR) + "/migrations/api"));
      if (!report.ok()) throw std::runtime_error("migrations failed: " + report.error().message);
    }
    settings_.port = 0;
    settings_.io_threads = 2;
    settings_.workers = 8;
    settings_.pg_url = database_.url();
    settings_.pg_pool_size = 4;
    settings_.redis_url = RequiredEnv("GREENLANE_TEST_REDIS_URL");
    settings_.signing_key_file = RequiredEnv("GREENLANE_TEST_PKI_DIR") + "/signing/jwt.pem";
    settings_.secret_hash_iterations = 1000;  // tests create many clients; production keeps the default
    settings_.rate_limit.limit = 1000000;
    settings_.access_log = "errors";
    if (adjust) adjust(settings_);
    server_ = std::make_unique<api::ApiServer>(settings_, clock_);
    server_->Start();
    seed_pool_ = std::make_unique<pg::Pool>(
        pg::PoolOptions{database_.url(), 1, std::chrono::milliseconds(5000), api::ClientStore::PreparedStatements()});
    seed_store_ = std::make_unique<api::ClientStore>(*seed_pool_, audit_, clock_, 1000);
  }

  struct Credentials {
    std::string id;
    std::string secret;
  };
  /// A client made directly in the store (how the CLI makes the first admin).
  Credentials CreateClient(const std::string& name, const std::vector<std::string>& roles) {
    auto created = seed_store_->Create(name, roles, "test");
    if (!created.ok()) throw std::runtime_error(created.error().message);
    return {created->client.id, created->secret};
  }

  http::Client Connect() const {
    http::ClientOptions options;
    options.port = server_->port();
    return http::Client(options);
  }

  /// An access token for the client, through POST /v1/oauth/token.
  std::string Token(const Credentials& credentials) const {
    auto client = Connect();
    auto response = client.Send(
        "POST", "/v1/oauth/token",
        "grant_type=client_credentials&client_id=" + credentials.id + "&client_secret=" + credentials.secret,
        {{"Content-Type", "application/x-www-form-urlencoded"}});
    if (response.status != 200) throw std::runtime_error("token request failed: " + response.body);
    return nlohmann::json::parse(response.body).at("access_token").get<std::string>();
  }

  static std::vector<std::pair<std::string, std::string>> Bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
  }

  api::ApiServer& server() { return *server_; }
  core::ManualClock& clock() { return clock_; }
  const api::ApiSettings& settings() const { return settings_; }
  std::string database_url() const { return database_.url(); }

 private:
  pg::TestDatabase database_;
  core::ManualClock clock_;
  api::ApiSettings settings_;
  std::unique_ptr<api::ApiServer> server_;
  security::AuditLog audit_{"api"};
  std::unique_ptr<pg::Pool> seed_pool_;
  std::unique_ptr<api::ClientStore> seed_store_;
};

}  // namespace greenlane::testing
