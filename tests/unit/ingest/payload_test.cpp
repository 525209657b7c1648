#include "domain/payload.h"

#include <catch2/catch.hpp>
#include <string>

using greenlane::ingest::PayloadProblem;

TEST_CASE("a JSON object payload is storable") {
  CHECK(PayloadProblem(R"({"a":[1,2.5,"x",null,true,{"b":-3e10}]})").empty());
  CHECK(PayloadProblem("{}").empty());
}

TEST_CASE("payloads jsonb would refuse, or that are not objects, are named") {
  CHECK_THAT(PayloadProblem(""), Catch::Contains("required"));
  CHECK_THAT(PayloadProblem("42"), Catch::Contains("object"));
  CHECK_THAT(PayloadProblem("[]"), Catch::Contains("not an array"));
  CHECK_THAT(PayloadProblem(R"({"a":1)"), Catch::Contains("not valid JSON"));
  CHECK_THAT(PayloadProblem(R"({"a":1} {})"), Catch::Contains("not valid JSON"));
  CHECK_THAT(PayloadProblem(R"({"a":"x\u0000y"})"), Catch::Contains("NUL"));
  CHECK_THAT(PayloadProblem(R"({"a\u0000":1})"), Catch::Contains("NUL"));
  CHECK_FALSE(PayloadProblem(R"({"a":1e400})").empty());  // beyond a double: refused by the parser
  CHECK_THAT(PayloadProblem(R"({"a":1e-400})"), Catch::Contains("1e-400"));
}

TEST_CASE("payload size and depth are bounded") {
  const std::string big = R"({"a":")" + std::string(1 << 20, 'x') + R"("})";
  CHECK_THAT(PayloadProblem(big), Catch::Contains("1048576"));
  std::string deep = "{\"a\":";
  for (int i = 0; i < 100000; ++i) deep += '[';
  CHECK_THAT(PayloadProblem(deep), Catch::Contains("deeper than 64"));
  std::string ok = "{\"a\":";
  for (int i = 0; i < 62; ++i) ok += '[';
  for (int i = 0; i < 62; ++i) ok += ']';
  CHECK(PayloadProblem(ok + "}").empty());
}
