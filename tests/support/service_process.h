#pragma once

// A Greenlane gRPC service as its own process, as scripts/up runs it, for end-to-end tests.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "child_process.h"
#include "greenlane/pg/migrations.h"
#include "greenlane/pg/test_database.h"

namespace greenlane::testing {

/// greenlane-`name` (binary `binary`) on a free port with its own fresh database migrated with
/// migrations/`name`, the test Redis, mutual TLS with servers/`name`.crt from the dev PKI in `pki`,
/// two workers and warn-level logs; `extra` adds or overrides GREENLANE_<NAME>_* variables.
class ServiceProcess {
 public:
  ServiceProcess(const std::string& name, const std::string& binary, const std::string& pki,
                 const std::map<std::string, std::string>& extra = {})
      : database_("gl_e2e_" + name), port_(FreePort()) {
    {
      pqxx::connection connection(database_.url());
      const auto report = pg::ApplyMigrations(
          connection, name, pg::LoadMigrations(std::string(GREENLANE_SOURCE_DIR) + "/migrations/" + name));
      if (!report.ok()) FAIL(name << " migrations failed: " << report.error().message);
    }
    const char* redis = std::getenv("GREENLANE_TEST_REDIS_URL");
    if (redis == nullptr || *redis == '\0') FAIL("GREENLANE_TEST_REDIS_URL is not set: run through scripts/test");
    std::string prefix = "GREENLANE_";
    for (const char c : name) prefix += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    prefix += '_';
    std::map<std::string, std::string> env{{prefix + "PORT", std::to_string(port_)},
                                           {prefix + "TLS_CERT_FILE", pki + "/servers/" + name + ".crt"},
                                           {prefix + "TLS_KEY_FILE", pki + "/servers/" + name + ".key"},
                                           {prefix + "TLS_CLIENT_CA_FILE", pki + "/ca.crt"},
                                           {prefix + "PG_URL", database_.url()},
                                           {prefix + "PG_POOL_SIZE", "4"},
                                           {prefix + "WORKERS", "2"},
                                           {prefix + "REDIS_URL", redis},
                                           {prefix + "LOG_LEVEL", "warn"}};
    for (const auto& [variable, value] : extra) env[variable] = value;
    process_ = std::make_unique<ChildProcess>(
        binary, std::vector<std::string>{}, env,
        std::filesystem::temp_directory_path() / ("gl-e2e-" + name + "-" + std::to_string(port_) + ".log"));
    if (!WaitForPort(port_, std::chrono::seconds(20))) {
      FAIL("greenlane-" << name << " did not start:\n" << process_->LogTail());
    }
  }

  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  std::string database_url() const { return database_.url(); }
  ChildProcess& process() { return *process_; }

  /// One value from the service's database, e.g. a count of audit rows.
  long long Count(const std::string& sql) const {
    pqxx::connection connection(database_.url());
    pqxx::nontransaction tx(connection);
    return tx.exec1(sql)[0].as<long long>();
  }

 private:
  pg::TestDatabase database_;
  unsigned short port_;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace greenlane::testing
