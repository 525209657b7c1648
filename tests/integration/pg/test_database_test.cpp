#include "greenlane/pg/test_database.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <memory>
#include <pqxx/pqxx>

#include "greenlane/core/error.h"

using greenlane::pg::TestDatabase;

namespace {

bool DatabaseExists(const std::string& name) {
  pqxx::connection admin(greenlane::pg::TestServerUrl());
  pqxx::nontransaction tx(admin);
  return tx.exec_params1("SELECT count(*) FROM pg_database WHERE datname = $1", name)[0].as<int>() == 1;
}

}  // namespace

TEST_CASE("each TestDatabase is a fresh database that is dropped afterwards, even with open connections") {
  std::string name;
  std::unique_ptr<pqxx::connection> lingering;
  {
    TestDatabase a;
    TestDatabase b;
    CHECK(a.name() != b.name());
    name = a.name();
    CHECK(DatabaseExists(name));
    lingering = std::make_unique<pqxx::connection>(a.url());
    pqxx::nontransaction tx(*lingering);
    CHECK(tx.exec1("SELECT current_database()")[0].as<std::string>() == name);
    CHECK(tx.exec1("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")[0].as<int>() == 0);
  }
  CHECK_FALSE(DatabaseExists(name));
}

TEST_CASE("TestDatabase without GREENLANE_TEST_PG_URL fails telling to run through scripts/test") {
  const std::string saved = greenlane::pg::TestServerUrl();
  ::unsetenv("GREENLANE_TEST_PG_URL");
  std::string message;
  try {
    TestDatabase db;
  } catch (const greenlane::core::GreenlaneException& e) {
    message = e.what();
  }
  ::setenv("GREENLANE_TEST_PG_URL", saved.c_str(), 1);
  CHECK_THAT(message, Catch::Contains("GREENLANE_TEST_PG_URL") && Catch::Contains("scripts/test"));
}
