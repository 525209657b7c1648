#pragma once

#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <string>

#include "child_process.h"
#include "greenlane/pg/migrations.h"
#include "greenlane/pg/test_database.h"

namespace greenlane::testing {

/// greenlane-cites as its own process on a fresh migrated database, as scripts/up runs it, with the
/// server certificate and signing key of the dev PKI in `pki` (each economy of a test has its own).
/// `extra` adds or overrides GREENLANE_CITES_* variables.
class CitesProcess {
 public:
  explicit CitesProcess(const std::string& pki, std::map<std::string, std::string> extra = {}) : port_(FreePort()) {
    {
      pqxx::connection connection(database_.url());
      const auto report = pg::ApplyMigrations(
          connection, "cites", pg::LoadMigrations(std::string(GREENLANE_SOURCE_DIR) + "/migrations/cites"));
      if (!report.ok()) FAIL("cites migrations failed: " << report.error().message);
    }
    const char* redis = std::getenv("GREENLANE_TEST_REDIS_URL");
    if (redis == nullptr || *redis == '\0') FAIL("GREENLANE_TEST_REDIS_URL is not set: run through scripts/test");
    std::map<std::string, std::string> env{{"GREENLANE_CITES_PORT", std::to_string(port_)},
                                           {"GREENLANE_CITES_TLS_CERT_FILE", pki + "/servers/cites.crt"},
                                           {"GREENLANE_CITES_TLS_KEY_FILE", pki + "/servers/cites.key"},
                                           {"GREENLANE_CITES_TLS_CLIENT_CA_FILE", pki + "/ca.crt"},
                                           {"GREENLANE_CITES_SIGNING_KEY_FILE", pki + "/signing/cites.pem"},
                                           {"GREENLANE_CITES_PG_URL", database_.url()},
                                           {"GREENLANE_CITES_PG_POOL_SIZE", "4"},
                                           {"GREENLANE_CITES_WORKERS", "4"},
                                           {"GREENLANE_CITES_REDIS_URL", redis},
                                           {"GREENLANE_CITES_LOG_LEVEL", "warn"}};
    for (auto& [name, value] : extra) env[name] = value;
    process_ = std::make_unique<ChildProcess>(GREENLANE_CITES_PATH, std::vector<std::string>{}, env,
                                              "/tmp/gl-e2e-cites-" + std::to_string(port_) + ".log");
    if (!WaitForPort(port_, std::chrono::seconds(20))) FAIL("greenlane-cites did not start:\n" << process_->LogTail());
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
  pg::TestDatabase database_{"gl_e2e_cites"};
  unsigned short port_;
  std::unique_ptr<ChildProcess> process_;
};

/// A date `days` from today (UTC) as YYYY-MM-DD: permits in these tests are valid around the day
/// they run, whatever that day is.
inline std::string DayFromToday(int days) {
  const auto day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) + std::chrono::days(days);
  const std::chrono::year_month_day ymd{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return text;
}

/// A bigleaf mahogany export permit (Appendix II, wild, sawn wood in m³) from `exporter_country` to
/// `importer_country`, issued today, as the CitesPermit JSON of a CreateDraft body.
inline nlohmann::json MahoganyExportJson(const std::string& exporter_country, const std::string& importer_country,
                                         const std::string& quantity = "12.5") {
  return {{"type", "export"},
          {"issued", DayFromToday(0)},
          {"valid_from", DayFromToday(0)},
          {"valid_until", DayFromToday(90)},
          {"importer", {{"name", "Holzhandel Nord"}, {"address", "Hafenstrasse 1"}, {"country", importer_country}}},
          {"exporter", {{"name", "Madeiras do Sul"}, {"address", "Av. Portuaria 9"}, {"country", exporter_country}}},
          {"purpose", "T"},
          {"security_stamp", "ST0042177"},
          {"issuer_name", "Management Authority " + exporter_country},
          {"issuer_country", exporter_country},
          {"lines",
           {{{"scientific_name", "Swietenia macrophylla"},
             {"common_name", "bigleaf mahogany"},
             {"term", "SAW"},
             {"unit", "MTQ"},
             {"quantity", quantity},
             {"appendix", "II"},
             {"source", "W"}}}}};
}

}  // namespace greenlane::testing
