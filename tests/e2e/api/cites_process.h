#pragma once

#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <string>

#include "service_process.h"

namespace greenlane::testing {

/// greenlane-cites as its own process on a fresh migrated database, as scripts/up runs it, with the
/// server certificate and signing key of the dev PKI in `pki` (each economy of a test has its own).
/// `extra` adds or overrides GREENLANE_CITES_* variables.
class CitesProcess : public ServiceProcess {
 public:
  explicit CitesProcess(const std::string& pki, std::map<std::string, std::string> extra = {})
      : ServiceProcess("cites", GREENLANE_CITES_PATH, pki, WithSigningKey(pki, std::move(extra))) {}

 private:
  static std::map<std::string, std::string> WithSigningKey(const std::string& pki,
                                                           std::map<std::string, std::string> extra) {
    extra.emplace("GREENLANE_CITES_SIGNING_KEY_FILE", pki + "/signing/cites.pem");
    return extra;
  }
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
