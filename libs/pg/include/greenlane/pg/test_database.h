#pragma once

#include <string>

namespace greenlane::pg {

/// A fresh, uniquely named database on the test server named by GREENLANE_TEST_PG_URL, dropped
/// (WITH (FORCE), so leftover connections do not block it) when this object goes away. Each test
/// gets its own, so tests run in parallel without seeing each other's rows.
class TestDatabase {
 public:
  /// Creates the database; its name starts with `prefix` (a plain identifier of at most 30 bytes).
  /// Throws core::GreenlaneException (kFailedPrecondition) telling to run through scripts/test when
  /// GREENLANE_TEST_PG_URL is unset, and (kUnavailable) when the server refuses.
  explicit TestDatabase(const std::string& prefix = "gl_test");
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  /// A libpq URL for the new database, with the test server's credentials.
  std::string url() const { return url_; }
  const std::string& name() const { return name_; }

 private:
  std::string admin_url_;
  std::string name_;
  std::string url_;
};

/// The value of GREENLANE_TEST_PG_URL; throws like TestDatabase when it is unset.
std::string TestServerUrl();

}  // namespace greenlane::pg
