#include "greenlane/security/base64url.h"

#include <catch2/catch.hpp>

using greenlane::security::Base64UrlDecode;
using greenlane::security::Base64UrlEncode;

TEST_CASE("base64url matches the RFC 4648 vectors without padding") {
  CHECK(Base64UrlEncode("") == "");
  CHECK(Base64UrlEncode("f") == "Zg");
  CHECK(Base64UrlEncode("fo") == "Zm8");
  CHECK(Base64UrlEncode("foo") == "Zm9v");
  CHECK(Base64UrlEncode("foob") == "Zm9vYg");
  CHECK(Base64UrlEncode("fooba") == "Zm9vYmE");
  CHECK(Base64UrlEncode("foobar") == "Zm9vYmFy");
  CHECK(Base64UrlDecode("Zm9vYmE") == "fooba");
  CHECK(Base64UrlDecode("") == "");
}

TEST_CASE("base64url uses - and _ where base64 uses + and /") {
  const std::string bytes("\xfb\xff\xbf", 3);
  CHECK(Base64UrlEncode(bytes) == "-_-_");
  CHECK(Base64UrlDecode("-_-_") == bytes);
}

TEST_CASE("base64url round-trips every byte value") {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  for (std::size_t length = 0; length <= all.size(); length += 37) {
    const std::string part = all.substr(0, length);
    CHECK(Base64UrlDecode(Base64UrlEncode(part)) == part);
  }
}

TEST_CASE("base64url rejects padding, foreign characters, impossible lengths and stray bits") {
  CHECK_FALSE(Base64UrlDecode("Zg=="));
  CHECK_FALSE(Base64UrlDecode("Zm9v+g"));
  CHECK_FALSE(Base64UrlDecode("Zm9v/g"));
  CHECK_FALSE(Base64UrlDecode("Zm 9v"));
  CHECK_FALSE(Base64UrlDecode(std::string("Zm\0v", 4)));
  CHECK_FALSE(Base64UrlDecode("Zm9vY"));  // 5 characters cannot come from whole bytes
  CHECK_FALSE(Base64UrlDecode("Zh"));     // "Zg" with a non-zero trailing bit: a second spelling of "f"
}
