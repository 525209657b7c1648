#pragma once

#include <filesystem>
#include <pqxx/connection>
#include <string>
#include <string_view>
#include <vector>

#include "greenlane/core/error.h"

namespace greenlane::pg {

/// One schema change, read from a file named NNNN_description.sql.
struct Migration {
  int version;
  std::string name;      ///< the file name, e.g. "0003_add_waybills.sql"
  std::string sql;       ///< may hold several statements; runs in one transaction
  std::string checksum;  ///< SHA-256 of `sql`, lower-case hex
};

/// The migrations in `dir`, ordered by version. Files not ending in ".sql" are ignored (READMEs).
/// Throws core::GreenlaneException (kInvalidArgument, field = the path) when the directory cannot be
/// read, a .sql file is not named NNNN_description.sql, or two files share a version.
std::vector<Migration> LoadMigrations(const std::filesystem::path& dir);

struct MigrationReport {
  std::vector<int> applied;  ///< versions applied by this run, in order
  int current_version;       ///< newest version recorded after the run, 0 when none
};

/// Brings schema `schema` up to date: creates it and its ledger `<schema>.schema_migrations`, then
/// applies each pending migration in its own transaction with search_path set to `schema`, so
/// unqualified names land in the service's own schema. Holds a PostgreSQL advisory lock keyed on the
/// schema while it works, so replicas starting together apply each migration exactly once.
///
/// Refuses (kFailedPrecondition, naming the file) to touch a database whose history disagrees with
/// the files: an applied migration that was edited (recorded and new checksums given) or deleted, or
/// a new migration numbered below one already applied. A migration whose SQL fails is rolled back and
/// reported as kInternal with the database's message; those before it stay applied. kInvalidArgument
/// for a schema that is not a plain identifier. Throws core::GreenlaneException (kUnavailable) when
/// the connection breaks.
core::Result<MigrationReport> ApplyMigrations(pqxx::connection& connection, const std::string& schema,
                                              const std::vector<Migration>& migrations);

/// SHA-256 of `data` as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view data);

}  // namespace greenlane::pg
