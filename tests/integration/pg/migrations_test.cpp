#include "greenlane/pg/migrations.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <pqxx/pqxx>
#include <random>

#include "greenlane/core/error.h"
#include "greenlane/pg/test_database.h"

namespace fs = std::filesystem;
using greenlane::core::ErrorKind;
using greenlane::core::GreenlaneException;
using greenlane::pg::ApplyMigrations;
using greenlane::pg::LoadMigrations;
using greenlane::pg::TestDatabase;

namespace {

class MigrationDir {
 public:
  MigrationDir() : path_(fs::temp_directory_path() / ("gl-migrations-" + std::to_string(std::random_device{}()))) {
    fs::create_directories(path_);
  }
  ~MigrationDir() { fs::remove_all(path_); }
  void Write(const std::string& name, const std::string& sql) const { std::ofstream(path_ / name) << sql; }
  void Remove(const std::string& name) const { fs::remove(path_ / name); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void WriteInventoryHistory(const MigrationDir& dir) {
  dir.Write("0001_create_logs.sql", "CREATE TABLE logs (id bigserial PRIMARY KEY, species text NOT NULL);");
  dir.Write("0002_add_volume.sql", "ALTER TABLE logs ADD COLUMN volume_m3 numeric NOT NULL DEFAULT 0;");
  dir.Write("0003_seed.sql", "INSERT INTO logs (species, volume_m3) VALUES ('Pericopsis elata', 2.5);");
}

int Count(const std::string& url, const std::string& sql) {
  pqxx::connection connection(url);
  pqxx::nontransaction tx(connection);
  return tx.exec1(sql)[0].as<int>();
}

std::string LoadError(const fs::path& dir) {
  try {
    LoadMigrations(dir);
  } catch (const GreenlaneException& e) {
    CHECK(e.error().kind == ErrorKind::kInvalidArgument);
    return e.what();
  }
  FAIL("LoadMigrations accepted " << dir);
  return {};
}

}  // namespace

TEST_CASE("LoadMigrations orders files by version, checksums them and skips non-SQL files") {
  MigrationDir dir;
  dir.Write("0002_b.sql", "SELECT 2;");
  dir.Write("0010_c.sql", "SELECT 10;");
  dir.Write("0001_a.sql", "SELECT 1;");
  dir.Write("README.md", "notes");
  const auto migrations = LoadMigrations(dir.path());
  REQUIRE(migrations.size() == 3);
  CHECK(migrations[0].version == 1);
  CHECK(migrations[0].name == "0001_a.sql");
  CHECK(migrations[0].sql == "SELECT 1;");
  CHECK(migrations[0].checksum == greenlane::pg::Sha256Hex("SELECT 1;"));
  CHECK(migrations[1].version == 2);
  CHECK(migrations[2].version == 10);
}

TEST_CASE("LoadMigrations rejects badly named files and duplicate versions") {
  SECTION("bad name") {
    MigrationDir dir;
    dir.Write("1_init.sql", "SELECT 1;");
    CHECK_THAT(LoadError(dir.path()), Catch::Contains("1_init.sql") && Catch::Contains("NNNN_description.sql"));
  }
  SECTION("duplicate version") {
    MigrationDir dir;
    dir.Write("0001_init.sql", "SELECT 1;");
    dir.Write("0001_other.sql", "SELECT 1;");
    CHECK_THAT(LoadError(dir.path()), Catch::Contains("share version 0001"));
  }
  SECTION("version zero") {
    MigrationDir dir;
    dir.Write("0000_init.sql", "SELECT 1;");
    CHECK_THAT(LoadError(dir.path()), Catch::Contains("start at 0001"));
  }
  SECTION("missing directory") {
    CHECK_THAT(LoadError("/nonexistent/greenlane/migrations"), Catch::Contains("cannot list"));
  }
}

TEST_CASE("migrations apply in order into the service schema, and a second run applies nothing") {
  TestDatabase db("gl_migrate");
  MigrationDir dir;
  WriteInventoryHistory(dir);
  pqxx::connection connection(db.url());

  auto first = ApplyMigrations(connection, "timber", LoadMigrations(dir.path()));
  REQUIRE(first.ok());
  CHECK(first->applied == std::vector<int>{1, 2, 3});
  CHECK(first->current_version == 3);
  CHECK(Count(db.url(), "SELECT count(*) FROM timber.logs WHERE volume_m3 = 2.5") == 1);
  CHECK(Count(db.url(), "SELECT count(*) FROM timber.schema_migrations WHERE checksum ~ '^[0-9a-f]{64}$'") == 3);

  auto second = ApplyMigrations(connection, "timber", LoadMigrations(dir.path()));
  REQUIRE(second.ok());
  CHECK(second->applied.empty());
  CHECK(second->current_version == 3);
  CHECK(Count(db.url(), "SELECT count(*) FROM timber.logs") == 1);

  dir.Write("0004_index.sql", "CREATE INDEX logs_species ON logs (species);");
  auto third = ApplyMigrations(connection, "timber", LoadMigrations(dir.path()));
  REQUIRE(third.ok());
  CHECK(third->applied == std::vector<int>{4});
  CHECK(third->current_version == 4);
}

TEST_CASE("an applied migration that was edited is refused, naming the file and both checksums") {
  TestDatabase db("gl_migrate");
  MigrationDir dir;
  WriteInventoryHistory(dir);
  pqxx::connection connection(db.url());
  const auto original = LoadMigrations(dir.path());
  REQUIRE(ApplyMigrations(connection, "timber", original).ok());

  dir.Write("0002_add_volume.sql", "ALTER TABLE logs ADD COLUMN volume_m3 numeric;");
  dir.Write("0004_more.sql", "CREATE TABLE more (id int);");
  const auto edited = LoadMigrations(dir.path());
  auto result = ApplyMigrations(connection, "timber", edited);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ErrorKind::kFailedPrecondition);
  CHECK_THAT(result.error().message, Catch::Contains("0002_add_volume.sql") && Catch::Contains(original[1].checksum) &&
                                         Catch::Contains(edited[1].checksum));
  CHECK(Count(db.url(), "SELECT count(*) FROM pg_tables WHERE tablename = 'more'") == 0);
}

TEST_CASE("a recorded migration missing from the directory is refused") {
  TestDatabase db("gl_migrate");
  MigrationDir dir;
  WriteInventoryHistory(dir);
  pqxx::connection connection(db.url());
  REQUIRE(ApplyMigrations(connection, "timber", LoadMigrations(dir.path())).ok());

  dir.Remove("0003_seed.sql");
  auto result = ApplyMigrations(connection, "timber", LoadMigrations(dir.path()));
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ErrorKind::kFailedPrecondition);
  CHECK_THAT(result.error().message, Catch::Contains("0003_seed.sql") && Catch::Contains("missing"));
}

TEST_CASE("a new migration numbered below an applied one is refused") {
  TestDatabase db("gl_migrate");
  MigrationDir dir;
  dir.Write("0001_a.sql", "CREATE TABLE a (id int);");
  dir.Write("0003_c.sql", "CREATE TABLE c (id int);");
  pqxx::connection connection(db.url());
  REQUIRE(ApplyMigrations(connection, "risk", LoadMigrations(dir.path())).ok());

  dir.Write("0002_b.sql", "CREATE TABLE b (id int);");
  auto result = ApplyMigrations(connection, "risk", LoadMigrations(dir.path()));
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ErrorKind::kFailedPrecondition);
  CHECK_THAT(result.error().message, Catch::Contains("0002_b.sql") && Catch::Contains("0003_c.sql"));
}

TEST_CASE("a failing migration is rolled back and reported, the ones before it stay applied") {
  TestDatabase db("gl_migrate");
  MigrationDir dir;
  dir.Write("0001_a.sql", "CREATE TABLE a (id int);");
  dir.Write("0002_bad.sql", "CREATE TABLE b (id int); INSERT INTO nowhere VALUES (1);");
  pqxx::connection connection(db.url());
  auto result = ApplyMigrations(connection, "risk", LoadMigrations(dir.path()));
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ErrorKind::kInternal);
  CHECK_THAT(result.error().message,
             Catch::Contains("0002_bad.sql") && Catch::Contains("nowhere") && Catch::Contains("stays at version 1"));
  CHECK(Count(db.url(), "SELECT count(*) FROM risk.schema_migrations") == 1);
  CHECK(Count(db.url(), "SELECT count(*) FROM pg_tables WHERE schemaname = 'risk' AND tablename = 'b'") == 0);
}

TEST_CASE("a schema name that is not a plain identifier is rejected before touching the database") {
  TestDatabase db("gl_migrate");
  pqxx::connection connection(db.url());
  auto result = ApplyMigrations(connection, "risk; DROP SCHEMA public", {});
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().field == "schema");
}

TEST_CASE("two runners migrating the same schema at once apply each migration exactly once") {
  TestDatabase db("gl_migrate");
  MigrationDir dir;
  dir.Write("0001_slow.sql", "CREATE TABLE ticks (n int); SELECT pg_sleep(0.3);");
  dir.Write("0002_tick.sql", "INSERT INTO ticks VALUES (1);");
  const auto migrations = LoadMigrations(dir.path());

  auto run = [&] {
    pqxx::connection connection(db.url());
    return ApplyMigrations(connection, "cites", migrations);
  };
  auto a = std::async(std::launch::async, run);
  auto b = std::async(std::launch::async, run);
  auto ra = a.get();
  auto rb = b.get();
  REQUIRE(ra.ok());
  REQUIRE(rb.ok());
  std::vector<int> all = ra->applied;
  all.insert(all.end(), rb->applied.begin(), rb->applied.end());
  std::sort(all.begin(), all.end());
  CHECK(all == std::vector<int>{1, 2});
  CHECK(ra->current_version == 2);
  CHECK(rb->current_version == 2);
  CHECK(Count(db.url(), "SELECT count(*) FROM cites.ticks") == 1);
}
