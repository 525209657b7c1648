#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/barcode.h"
#include "domain/rule_set.h"
#include "domain/species.h"
#include "greenlane/core/clock.h"
#include "greenlane/pg/migrations.h"
#include "greenlane/pg/pool.h"
#include "greenlane/pg/test_database.h"
#include "greenlane/security/audit_log.h"
#include "store/anomaly_repository.h"
#include "store/certificate_repository.h"
#include "store/concession_repository.h"
#include "store/felling_repository.h"
#include "store/processing_repository.h"
#include "store/statements.h"
#include "store/waybill_repository.h"

namespace greenlane::timber::testing {

inline core::TimePoint At(const std::string& rfc3339) { return core::ParseRfc3339(rfc3339).value(); }

/// A Gabonese tag of `kind` with `serial`, as printed.
inline std::string Tag(BarcodeKind kind, std::int64_t serial) { return Barcode::Make(kind, "GA", serial)->text(); }

inline nlohmann::json ShippedData(const std::string& name) {
  std::ifstream in(std::string(GREENLANE_SOURCE_DIR) + "/services/timber/data/" + name);
  return nlohmann::json::parse(in);
}

/// A fresh database migrated from migrations/timber, the repositories over a pool big enough for
/// 16 concurrent writers, and a registry to log in: an operator, a forest site inside concession
/// "Ogooue Nord" (Gabon, UTC+1), a sawmill 44 km east and a port.
struct TimberDatabase {
  static constexpr int kYear = 2026;
  static constexpr const char* kOkoume = "Aucoumea klaineana";    // not CITES-listed, minimum 70 cm
  static constexpr const char* kAfrormosia = "Pericopsis elata";  // CITES Appendix II, minimum 90 cm

  pg::TestDatabase database{"gl_timber"};
  pqxx::connection connection{database.url()};
  core::ManualClock clock{At("2026-03-10T09:00:00Z")};
  RuleSet rules = LoadRuleSet(ShippedData("rules.json")).value();
  SpeciesCatalog species = LoadSpeciesCatalog(ShippedData("species.json")).value();
  security::AuditLog audit{"timber"};
  pg::Pool pool{Migrated(connection, database.url())};
  store::StoreContext context{pool, audit, clock, rules, species};
  store::ConcessionRepository concessions{context};
  store::FellingRepository felling{context};
  store::WaybillRepository waybills{context};
  store::ProcessingRepository processing{context};
  store::CertificateRepository certificates{context};
  store::AnomalyRepository anomalies{context};
  store::Caller officer{"forestry-officer-1", "req-test"};

  std::string operator_id;
  std::string concession_id;
  std::string forest_id;
  std::string sawmill_id;
  std::string port_id;

  TimberDatabase() {
    operator_id =
        concessions
            .CreateOperator({.name = "Bois du Nord SA", .country = "GA", .registration_number = "RCCM-1"}, officer)
            ->id;
    forest_id = MakeSite("Camp Ogooue", SiteKind::kForest, {11.1, -0.5});
    sawmill_id = MakeSite("Scierie Est", SiteKind::kSawmill, {11.5, -0.5});
    port_id = MakeSite("Owendo", SiteKind::kPort, {9.5, 0.3});
    concession_id =
        concessions
            .CreateConcession({.operator_id = operator_id,
                               .name = "Ogooue Nord",
                               .geometry = {{"type", "Polygon"},
                                            {"coordinates",
                                             {{{11.0, -0.6}, {11.2, -0.6}, {11.2, -0.4}, {11.0, -0.4}, {11.0, -0.6}}}}},
                               .valid_from = At("2026-01-01T00:00:00Z"),
                               .valid_until = At("2031-01-01T00:00:00Z"),
                               .allowable_cuts = {{kYear, kOkoume, {5000000}}, {kYear, kAfrormosia, {100000}}}},
                              officer)
            ->id;
  }

  std::string MakeSite(const std::string& name, SiteKind kind, GeoPoint location) {
    return concessions
        .CreateSite(operator_id, {.name = name, .kind = kind, .location = location, .utc_offset_minutes = 60}, officer)
        ->id;
  }

  /// Registers a standing tree in the concession (inside it, at the forest camp).
  void RegisterTree(const std::string& tree, const std::string& species_name, int dbh_cm) {
    auto result = felling.RegisterTree({.barcode = tree,
                                        .concession_id = concession_id,
                                        .species = species_name,
                                        .dbh_cm = dbh_cm,
                                        .bole_height_cm = 2000,
                                        .location = {11.1, -0.5}},
                                       officer);
    if (!result.ok()) throw std::runtime_error(result.error().message);
  }

  /// A felled okoume tree of 1 m dbh (15.708 m³) with `count` logs of 40 cm × 1 m (0.126 m³) resting
  /// at the forest camp, serials from `first_serial`.
  std::vector<std::string> LogsAtForest(int count, std::int64_t first_serial) {
    const auto tree = Tag(BarcodeKind::kTree, first_serial);
    RegisterTree(tree, kOkoume, 100);
    auto felled = felling.Fell({.tree = tree,
                                .stump = Tag(BarcodeKind::kStump, first_serial),
                                .felled_at = clock.Now(),
                                .location = {11.1, -0.5}},
                               officer);
    if (!felled.ok()) throw std::runtime_error(felled.error().message);
    store::CrossCut cut{.parent = tree, .site_id = forest_id, .logs = {}};
    for (int i = 0; i < count; ++i) {
      cut.logs.push_back({Tag(BarcodeKind::kLog, first_serial + i), kOkoume, {40, 40, 100}});
    }
    auto logs = felling.CutLogs(cut, officer);
    if (!logs.ok()) throw std::runtime_error(logs.error().message);
    std::vector<std::string> barcodes;
    for (const auto& log : logs->value) barcodes.push_back(log.barcode.text());
    return barcodes;
  }

  std::int64_t Count(const std::string& sql) {
    pqxx::nontransaction tx(connection);
    return tx.exec(sql)[0][0].as<std::int64_t>();
  }

  std::string Text(const std::string& sql) {
    pqxx::nontransaction tx(connection);
    return tx.exec(sql)[0][0].as<std::string>();
  }

  security::AuditLog::VerifyReport VerifyAudit() { return audit.Verify(connection); }

 private:
  static pg::PoolOptions Migrated(pqxx::connection& connection, const std::string& url) {
    const auto migrations = pg::LoadMigrations(std::string(GREENLANE_SOURCE_DIR) + "/migrations/timber");
    auto report = pg::ApplyMigrations(connection, "timber", migrations);
    if (!report.ok()) throw std::runtime_error(report.error().message);
    return {.url = url,
            .size = 20,
            .checkout_timeout = std::chrono::milliseconds(30000),
            .prepared = store::TimberStatements()};
  }
};

}  // namespace greenlane::timber::testing
