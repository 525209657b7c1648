#include "greenlane/pg/test_database.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <pqxx/pqxx>
#include <random>

#include "greenlane/core/error.h"
#include "greenlane/core/log.h"
#include "greenlane/pg/url.h"

namespace greenlane::pg {
namespace {

std::string UniqueName(const std::string& prefix) {
  static std::atomic<unsigned> counter{0};
  static const unsigned salt = std::random_device{}();
  return prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(salt % 1000000);
}

void RunAdmin(const std::string& admin_url, const std::string& sql) {
  pqxx::connection connection(admin_url);
  pqxx::nontransaction tx(connection);
  tx.exec(sql);
}

}  // namespace

std::string TestServerUrl() {
  const char* url = std::getenv("GREENLANE_TEST_PG_URL");
  if (url == nullptr || *url == '\0') {
    throw core::GreenlaneException(core::Error::FailedPrecondition(
        "GREENLANE_TEST_PG_URL is not set: run integration tests through scripts/test, or start servers with "
        "eval \"$(scripts/test-services start /tmp/gl-dev)\" first"));
  }
  return url;
}

TestDatabase::TestDatabase(const std::string& prefix) : admin_url_(TestServerUrl()) {
  if (!IsPlainIdentifier(prefix) || prefix.size() > 30) {
    throw core::GreenlaneException(core::Error::InvalidArgument(
        "prefix", "test database prefix \"" + prefix + "\" must be a lower-case identifier of at most 30 bytes"));
  }
  name_ = UniqueName(prefix);
  url_ = WithDatabase(admin_url_, name_);
  try {
    RunAdmin(admin_url_, "CREATE DATABASE " + name_);
  } catch (const pqxx::failure& e) {
    throw core::GreenlaneException(
        core::Error{core::ErrorKind::kUnavailable,
                    "cannot create test database " + name_ + " on " + RedactPassword(admin_url_) + ": " + e.what(),
                    {}});
  }
}

TestDatabase::~TestDatabase() {
  try {
    RunAdmin(admin_url_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (const std::exception& e) {
    log::Warn("could not drop test database", {{"database", name_}, {"error", e.what()}});
  }
}

}  // namespace greenlane::pg
