#include "greenlane/redis/url.h"

#include <catch2/catch.hpp>

using greenlane::redis::ParseUrl;

TEST_CASE("ParseUrl reads host, port, database and credentials") {
  auto plain = ParseUrl("redis://127.0.0.1:6380");
  REQUIRE(plain.ok());
  CHECK(plain->host == "127.0.0.1");
  CHECK(plain->port == 6380);
  CHECK(plain->db == 0);
  CHECK(plain->password.empty());

  auto full = ParseUrl("redis://relay:s3cret@cache.internal:6379/2");
  REQUIRE(full.ok());
  CHECK(full->host == "cache.internal");
  CHECK(full->db == 2);
  CHECK(full->username == "relay");
  CHECK(full->password == "s3cret");
  CHECK(full->Describe() == "cache.internal:6379/2");

  auto defaults = ParseUrl("redis://:pw@cache/");
  REQUIRE(defaults.ok());
  CHECK(defaults->port == 6379);
  CHECK(defaults->username.empty());
  CHECK(defaults->password == "pw");
}

TEST_CASE("ParseUrl rejects malformed URLs naming the part, never echoing the password") {
  for (const std::string url : {"http://cache:6379", "rediss://cache:6379", "redis://cache:0", "redis://cache:http",
                                "redis://cache/16", "redis://:6379", "redis://pw@cache:99999"}) {
    auto parsed = ParseUrl(url);
    INFO(url);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().field == "url");
    CHECK_THAT(parsed.error().message, Catch::Contains("redis://[:password@]host[:port][/db]"));
  }
  auto bad = ParseUrl("redis://:topsecret@cache:99999");
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error().message, Catch::Contains("99999") && !Catch::Contains("topsecret"));
}
