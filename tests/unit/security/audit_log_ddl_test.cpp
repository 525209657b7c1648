#include <catch2/catch.hpp>
#include <vector>

#include "greenlane/security/audit_log.h"

using namespace greenlane::security;

TEST_CASE("the audit log DDL is the SQL template with the schema filled in") {
  const std::string ddl = AuditLogDdl("timber");
  CHECK(ddl.find("{{schema}}") == std::string::npos);
  CHECK(ddl.find("CREATE TABLE timber.audit_log") != std::string::npos);
  CHECK(ddl.find("timber.audit_log_refuse_change()") != std::string::npos);
}

TEST_CASE("a schema name that is not a plain identifier is refused") {
  for (const std::string& bad :
       std::vector<std::string>{"", "Timber", "1timber", "timber; DROP TABLE x", "tim-ber", std::string(64, 'a')}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(AuditLogDdl(bad), std::invalid_argument);
    CHECK_THROWS_AS(AuditLog(bad), std::invalid_argument);
  }
  CHECK(AuditLog("cites_v2").schema() == "cites_v2");
}
