#include <catch2/catch.hpp>

#include "api_stack.h"
#include "command.h"

using greenlane::testing::ApiStack;
using greenlane::testing::RunCommand;
using nlohmann::json;

namespace {
greenlane::testing::CommandResult VerifyAudit(const ApiStack& stack) {
  return RunCommand("GREENLANE_PG_URL='" + stack.database_url() + "' " GREENLANE_CLI_PATH " audit verify");
}
}  // namespace

TEST_CASE("client changes are audited and listed to admins, paged") {
  ApiStack stack;
  const auto admin = stack.CreateClient("admin", {"admin"});
  const std::string token = stack.Token(admin);
  auto client = stack.Connect();
  auto headers = ApiStack::Bearer(token);
  headers.emplace_back("Content-Type", "application/json");
  for (int i = 0; i < 5; ++i) {
    REQUIRE(client.Send("POST", "/v1/clients", R"({"name":"c)" + std::to_string(i) + R"(","roles":["lab"]})", headers)
                .status == 201);
  }
  auto page = client.Send("GET", "/v1/audit?action=client.created&limit=4", "", ApiStack::Bearer(token));
  REQUIRE(page.status == 200);
  auto body = json::parse(page.body);
  REQUIRE(body["items"].size() == 4);
  CHECK(body["items"][1]["actor"] == admin.id);  // made over REST by the admin
  CHECK(body["items"][1]["after"]["roles"] == json{"lab"});
  REQUIRE(body.contains("next"));
  auto rest = json::parse(client.Send("GET", body["next"], "", ApiStack::Bearer(token)).body);
  CHECK(rest["items"].size() == 2);  // 1 seed admin + 5 = 6 rows
  CHECK_FALSE(rest.contains("next"));
  CHECK(rest["items"][0]["seq"].get<long>() > body["items"][3]["seq"].get<long>());
}

TEST_CASE("the audit table refuses edits from the service's own statements") {
  ApiStack stack;
  stack.CreateClient("c", {"trader"});
  pqxx::connection connection(stack.database_url());
  pqxx::work tx(connection);
  CHECK_THROWS_WITH(tx.exec("UPDATE api.audit_log SET actor = 'someone-else'"), Catch::Contains("append-only"));
}

TEST_CASE("greenlane audit verify passes an intact chain and names the first edited or deleted row") {
  ApiStack stack;
  for (int i = 0; i < 4; ++i) stack.CreateClient("c" + std::to_string(i), {"trader"});
  auto intact = VerifyAudit(stack);
  CHECK(intact.exit_code == 0);
  CHECK(intact.output.find("4 rows, chain intact") != std::string::npos);

  SECTION("an edited row") {
    pqxx::connection connection(stack.database_url());
    pqxx::work tx(connection);
    tx.exec("ALTER TABLE api.audit_log DISABLE TRIGGER audit_log_append_only");  // as an attacker with DBA rights
    tx.exec("UPDATE api.audit_log SET after_state = replace(after_state, 'trader', 'admin') WHERE seq = 2");
    tx.commit();
    auto broken = VerifyAudit(stack);
    CHECK(broken.exit_code == 1);
    CHECK(broken.output.find("BROKEN at seq 2") != std::string::npos);
  }
  SECTION("a deleted row") {
    pqxx::connection connection(stack.database_url());
    pqxx::work tx(connection);
    tx.exec("ALTER TABLE api.audit_log DISABLE TRIGGER audit_log_append_only");
    tx.exec("DELETE FROM api.audit_log WHERE seq = 3");
    tx.commit();
    auto broken = VerifyAudit(stack);
    CHECK(broken.exit_code == 1);
    CHECK(broken.output.find("BROKEN at seq") != std::string::npos);
  }
}
