#include "greenlane/pg/migrations.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <pqxx/pqxx>
#include <regex>
#include <sstream>

#include "greenlane/core/log.h"
#include "greenlane/pg/url.h"

namespace greenlane::pg {
namespace {

core::GreenlaneException BadMigrationFile(const std::filesystem::path& path, const std::string& message) {
  return core::GreenlaneException(core::Error::InvalidArgument(path.string(), message));
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  if (!in) throw BadMigrationFile(path, "cannot read migration file " + path.string());
  return content.str();
}

std::string LockKey(const std::string& schema) { return "greenlane.migrations." + schema; }

// Holds the per-schema advisory lock for the lifetime of one ApplyMigrations call. Session-level so
// that each migration can still commit on its own; a broken session releases it server-side.
class SchemaLock {
 public:
  SchemaLock(pqxx::connection& connection, const std::string& schema) : connection_(connection), schema_(schema) {
    pqxx::nontransaction tx(connection_);
    tx.exec_params("SELECT pg_advisory_lock(hashtextextended($1, 0))", LockKey(schema_));
  }
  SchemaLock(const SchemaLock&) = delete;
  SchemaLock& operator=(const SchemaLock&) = delete;
  ~SchemaLock() {
    try {
      pqxx::nontransaction tx(connection_);
      tx.exec_params("SELECT pg_advisory_unlock(hashtextextended($1, 0))", LockKey(schema_));
    } catch (const std::exception& e) {
      log::Warn("could not release the migration lock; it ends with the session",
                {{"schema", schema_}, {"error", e.what()}});
    }
  }

 private:
  pqxx::connection& connection_;
  std::string schema_;
};

struct Recorded {
  std::string name;
  std::string checksum;
};

std::map<int, Recorded> PrepareLedger(pqxx::connection& connection, const std::string& schema) {
  pqxx::work tx(connection);
  tx.exec("CREATE SCHEMA IF NOT EXISTS " + schema + "; CREATE TABLE IF NOT EXISTS " + schema +
          ".schema_migrations (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,"
          " applied_at timestamptz NOT NULL DEFAULT now())");
  std::map<int, Recorded> recorded;
  for (const auto& row : tx.exec("SELECT version, name, checksum FROM " + schema + ".schema_migrations")) {
    recorded[row[0].as<int>()] = Recorded{row[1].as<std::string>(), row[2].as<std::string>()};
  }
  tx.commit();
  return recorded;
}

// The files must tell the same history as the ledger; anything else means the database and the code
// disagree about the schema, and applying more would make it worse.
core::Status CheckHistory(const std::string& schema, const std::map<int, Recorded>& recorded,
                          const std::vector<Migration>& migrations) {
  std::map<int, const Migration*> by_version;
  for (const auto& migration : migrations) by_version[migration.version] = &migration;
  for (const auto& [version, entry] : recorded) {
    const auto found = by_version.find(version);
    if (found == by_version.end()) {
      return core::Error::FailedPrecondition("migration " + entry.name + " is recorded as applied in " + schema +
                                             ".schema_migrations but is missing from the migrations directory;"
                                             " restore the file (applied migrations are never deleted)");
    }
    const Migration& migration = *found->second;
    if (migration.checksum != entry.checksum) {
      return core::Error::FailedPrecondition(
          "migration " + migration.name + " was edited after it was applied to schema " + schema +
          ": recorded checksum " + entry.checksum + ", file checksum " + migration.checksum +
          "; revert the edit and put the change in a new migration file");
    }
  }
  const int newest = recorded.empty() ? 0 : recorded.rbegin()->first;
  for (const auto& migration : migrations) {
    if (migration.version < newest && !recorded.contains(migration.version)) {
      return core::Error::FailedPrecondition("migration " + migration.name + " is new but numbered below " +
                                             recorded.rbegin()->second.name + ", which schema " + schema +
                                             " already has; renumber it after " + std::to_string(newest));
    }
  }
  return core::Status::Ok();
}

}  // namespace

std::vector<Migration> LoadMigrations(const std::filesystem::path& dir) {
  static const std::regex kName(R"(([0-9]{4})_[a-z0-9_]+\.sql)");
  std::error_code error;
  std::filesystem::directory_iterator entries(dir, error);
  if (error) throw BadMigrationFile(dir, "cannot list migrations directory " + dir.string() + ": " + error.message());
  std::map<int, Migration> by_version;
  for (const auto& entry : entries) {
    const auto& path = entry.path();
    if (!entry.is_regular_file() || path.extension() != ".sql") continue;
    const std::string file = path.filename().string();
    std::smatch match;
    if (!std::regex_match(file, match, kName)) {
      throw BadMigrationFile(path, "migration file " + file +
                                       " must be named NNNN_description.sql (four digits, then lower-case"
                                       " letters, digits and underscores), e.g. 0001_create_permits.sql");
    }
    const int version = std::stoi(match[1].str());
    if (version == 0) throw BadMigrationFile(path, "migration file " + file + ": versions start at 0001");
    if (const auto clash = by_version.find(version); clash != by_version.end()) {
      throw BadMigrationFile(path, "migration files " + clash->second.name + " and " + file + " share version " +
                                       match[1].str() + "; give each its own number");
    }
    std::string sql = ReadFile(path);
    std::string checksum = Sha256Hex(sql);
    by_version.emplace(version, Migration{version, file, std::move(sql), std::move(checksum)});
  }
  std::vector<Migration> ordered;
  ordered.reserve(by_version.size());
  for (auto& [version, migration] : by_version) ordered.push_back(std::move(migration));
  return ordered;
}

core::Result<MigrationReport> ApplyMigrations(pqxx::connection& connection, const std::string& schema,
                                              const std::vector<Migration>& migrations) {
  if (!IsPlainIdentifier(schema)) {
    return core::Error::InvalidArgument(
        "schema", "schema name \"" + schema + "\" must be a lower-case identifier ([a-z_][a-z0-9_]*, max 63)");
  }
  std::vector<Migration> ordered = migrations;
  std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  for (std::size_t i = 1; i < ordered.size(); ++i) {
    if (ordered[i].version == ordered[i - 1].version) {
      return core::Error::InvalidArgument("migrations", "migrations " + ordered[i - 1].name + " and " +
                                                            ordered[i].name + " share version " +
                                                            std::to_string(ordered[i].version));
    }
  }
  try {
    SchemaLock lock(connection, schema);
    const auto recorded = PrepareLedger(connection, schema);
    if (auto history = CheckHistory(schema, recorded, ordered); !history.ok()) return history.error();

    MigrationReport report{{}, recorded.empty() ? 0 : recorded.rbegin()->first};
    for (const auto& migration : ordered) {
      if (recorded.contains(migration.version)) continue;
      try {
        pqxx::work tx(connection);
        tx.exec("SET LOCAL search_path TO " + schema + ", public");
        tx.exec(migration.sql);
        tx.exec_params("INSERT INTO " + schema + ".schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                       migration.version, migration.name, migration.checksum);
        tx.commit();
      } catch (const pqxx::sql_error& e) {
        return core::Error::Internal("migration " + migration.name + " failed and was rolled back (schema " + schema +
                                     " stays at version " + std::to_string(report.current_version) + "): " + e.what());
      }
      log::Info("applied migration", {{"schema", schema}, {"migration", migration.name}});
      report.applied.push_back(migration.version);
      report.current_version = migration.version;
    }
    return report;
  } catch (const pqxx::broken_connection& e) {
    throw core::GreenlaneException(
        core::Error{core::ErrorKind::kUnavailable,
                    "lost the PostgreSQL connection while migrating schema " + schema + ": " + e.what(),
                    {}});
  }
}

}  // namespace greenlane::pg
