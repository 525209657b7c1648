#include "greenlane/http/wire.h"

#include <catch2/catch.hpp>

#include "greenlane/http/request.h"

using namespace greenlane::http;

TEST_CASE("the target splits into a raw path and a decoded query") {
  auto target = wire::ParseTarget("/v1/permits/GA%2F1?species=Pterocarpus+santalinus&page=2&flag");
  REQUIRE(target.ok());
  CHECK(target->path == "/v1/permits/GA%2F1");
  CHECK(target->query.at("species") == "Pterocarpus santalinus");
  CHECK(target->query.at("page") == "2");
  CHECK(target->query.at("flag").empty());
}

TEST_CASE("a repeated query key keeps its first value") {
  auto target = wire::ParseTarget("/x?role=trader&role=admin");
  REQUIRE(target.ok());
  CHECK(target->query.at("role") == "trader");
}

TEST_CASE("malformed targets are refused with the part that is wrong") {
  auto absolute = wire::ParseTarget("http://example.org/x");
  REQUIRE_FALSE(absolute.ok());
  CHECK(absolute.error().field == "target");
  auto bad_path = wire::ParseTarget("/a%2");
  REQUIRE_FALSE(bad_path.ok());
  CHECK(bad_path.error().field == "path");
  auto bad_value = wire::ParseTarget("/a?page=%G1");
  REQUIRE_FALSE(bad_value.ok());
  CHECK(bad_value.error().field == "query.page");
  CHECK(bad_value.error().message.find("'page'") != std::string::npos);
}

TEST_CASE("percent-decoding handles escapes, plus signs and truncation") {
  CHECK(wire::PercentDecode("a%20b%2fc", false) == "a b/c");
  CHECK(wire::PercentDecode("a+b", false) == "a+b");
  CHECK(wire::PercentDecode("a+b", true) == "a b");
  CHECK_FALSE(wire::PercentDecode("%", false));
  CHECK_FALSE(wire::PercentDecode("%4", false));
  CHECK_FALSE(wire::PercentDecode("%4x", false));
}

TEST_CASE("request ids are echoed only when short and made of safe characters") {
  CHECK(wire::IsValidRequestId("abc-123_X.y"));
  CHECK(wire::IsValidRequestId(std::string(64, 'a')));
  CHECK_FALSE(wire::IsValidRequestId(std::string(65, 'a')));
  CHECK_FALSE(wire::IsValidRequestId(""));
  CHECK_FALSE(wire::IsValidRequestId("a b"));
  CHECK_FALSE(wire::IsValidRequestId("a\r\nSet-Cookie: x"));
}

TEST_CASE("the media type drops parameters and case") {
  CHECK(wire::MediaType("Application/JSON; charset=utf-8") == "application/json");
  CHECK(wire::MediaType("  text/csv ") == "text/csv");
  CHECK(wire::MediaType("").empty());
}

TEST_CASE("request headers are looked up without regard to case") {
  Request request;
  request.headers.set("Content-Type", "application/json");
  CHECK(request.Header("content-type") == "application/json");
  CHECK(request.Header("X-Missing").empty());
}
