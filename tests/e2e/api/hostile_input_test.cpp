#include <catch2/catch.hpp>

#include "api_stack.h"

using greenlane::testing::ApiStack;
using nlohmann::json;

namespace {
std::vector<std::pair<std::string, std::string>> AdminJson(const std::string& token) {
  auto headers = ApiStack::Bearer(token);
  headers.emplace_back("Content-Type", "application/json");
  return headers;
}
}  // namespace

TEST_CASE("bad JSON is a 400 problem naming the body") {
  ApiStack stack;
  const std::string token = stack.Token(stack.CreateClient("admin", {"admin"}));
  auto client = stack.Connect();
  for (const std::string body : {"{\"name\": ", "[1,2,3]", "", "{\"name\": 5, \"roles\": [\"trader\"]}"}) {
    auto response = client.Send("POST", "/v1/clients", body, AdminJson(token));
    CHECK(response.status == 400);
    CHECK(response.headers["content-type"].find("application/problem+json") == 0);
    CHECK_FALSE(json::parse(response.body)["field"].get<std::string>().empty());
  }
}

TEST_CASE("a wrong content type is a 415 naming the expected type") {
  ApiStack stack;
  auto client = stack.Connect();
  auto response = client.Send("POST", "/v1/oauth/token", R"({"grant_type":"client_credentials"})",
                              {{"Content-Type", "application/json"}});
  CHECK(response.status == 415);
  CHECK(json::parse(response.body)["detail"].get<std::string>().find("application/x-www-form-urlencoded") !=
        std::string::npos);
}

TEST_CASE("a 50 MB body is refused with 413 without being read") {
  ApiStack stack;
  auto client = stack.Connect();
  const std::string request =
      "POST /v1/oauth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
      "Content-Length: 52428800\r\n\r\n" +
      std::string(64 * 1024, 'a');
  const std::string answer = client.SendRaw(request);
  CHECK(answer.rfind("HTTP/1.1 413", 0) == 0);
}

TEST_CASE("a header flood is refused with 431") {
  ApiStack stack;
  auto client = stack.Connect();
  std::string request = "GET /v1/me HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 2000; ++i) request += "X-Flood-" + std::to_string(i) + ": " + std::string(40, 'f') + "\r\n";
  request += "\r\n";
  CHECK(client.SendRaw(request).rfind("HTTP/1.1 431", 0) == 0);
}

TEST_CASE("garbage instead of HTTP is a 400") {
  ApiStack stack;
  auto client = stack.Connect();
  CHECK(client.SendRaw("\x16\x03\x01 this is not HTTP\r\n\r\n").rfind("HTTP/1.1 400", 0) == 0);
}

TEST_CASE("unknown paths are 404 and wrong methods 405 with Allow, as problems") {
  ApiStack stack;
  auto client = stack.Connect();
  auto missing = client.Send("GET", "/v1/nothing-here");
  CHECK(missing.status == 404);
  CHECK(json::parse(missing.body)["instance"] == "/v1/nothing-here");
  auto wrong_method = client.Send("DELETE", "/v1/me");
  CHECK(wrong_method.status == 405);
  CHECK(wrong_method.headers["allow"].find("GET") != std::string::npos);
}

TEST_CASE("an audit query with a bad filter names it") {
  ApiStack stack;
  const std::string token = stack.Token(stack.CreateClient("admin", {"admin"}));
  auto client = stack.Connect();
  auto bad_limit = client.Send("GET", "/v1/audit?limit=100000", "", ApiStack::Bearer(token));
  CHECK(bad_limit.status == 400);
  CHECK(json::parse(bad_limit.body)["field"] == "limit");
  auto unknown = client.Send("GET", "/v1/audit?colour=red", "", ApiStack::Bearer(token));
  CHECK(unknown.status == 400);
  CHECK(json::parse(unknown.body)["field"] == "colour");
  auto bad_time = client.Send("GET", "/v1/audit?since=yesterday", "", ApiStack::Bearer(token));
  CHECK(json::parse(bad_time.body)["field"] == "since");
}
