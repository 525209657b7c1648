#include "greenlane/security/secret_hash.h"

#include <catch2/catch.hpp>
#include <set>

#include "greenlane/security/base64url.h"

using namespace greenlane::security;

// Few iterations keep the tests fast; the cost is part of the encoding, so verification is the same code path.
constexpr int kTestIterations = 1000;

TEST_CASE("a hashed secret verifies and another secret does not") {
  const std::string encoded = HashSecret("s3cret-client-value", kTestIterations);
  CHECK(encoded.rfind("pbkdf2-sha256$1000$", 0) == 0);
  CHECK(VerifySecret("s3cret-client-value", encoded));
  CHECK_FALSE(VerifySecret("s3cret-client-valuf", encoded));
  CHECK_FALSE(VerifySecret("", encoded));
  CHECK(encoded.find("s3cret") == std::string::npos);
}

TEST_CASE("the same secret hashes differently each time thanks to the salt") {
  const std::string first = HashSecret("same", kTestIterations);
  const std::string second = HashSecret("same", kTestIterations);
  CHECK(first != second);
  CHECK(VerifySecret("same", first));
  CHECK(VerifySecret("same", second));
}

TEST_CASE("PBKDF2-HMAC-SHA256 matches the RFC 7914 §11 vector") {
  // P="passwd", S="salt", c=1, dkLen=64 in RFC 7914; its first 32 bytes are our hash length.
  const std::string salt = Base64UrlEncode("salt");
  const std::string hash = Base64UrlEncode(std::string(
      "\x55\xac\x04\x6e\x56\xe3\x08\x9f\xec\x16\x91\xc2\x25\x44\xb6\x05\xf9\x41\x85\x21\x6d\xde\x04\x65\xe6\x8b\x9d"
      "\x57\xc2\x0d\xac\xbc",
      32));
  CHECK(VerifySecret("passwd", "pbkdf2-sha256$1$" + salt + "$" + hash));
  CHECK_FALSE(VerifySecret("passwd", "pbkdf2-sha256$2$" + salt + "$" + hash));
}

TEST_CASE("malformed encodings never verify") {
  const std::string good = HashSecret("x", kTestIterations);
  const auto hash = good.substr(good.rfind('$') + 1);
  const auto salt_and_hash = good.substr(good.find('$', good.find('$') + 1) + 1);
  CHECK_FALSE(VerifySecret("x", ""));
  CHECK_FALSE(VerifySecret("x", "x"));
  CHECK_FALSE(VerifySecret("x", "bcrypt$1000$" + salt_and_hash));
  CHECK_FALSE(VerifySecret("x", "pbkdf2-sha256$abc$" + salt_and_hash));
  CHECK_FALSE(VerifySecret("x", "pbkdf2-sha256$0$" + salt_and_hash));
  CHECK_FALSE(VerifySecret("x", "pbkdf2-sha256$-5$" + salt_and_hash));
  CHECK_FALSE(VerifySecret("x", "pbkdf2-sha256$99999999999$" + salt_and_hash));
  CHECK_FALSE(VerifySecret("x", "pbkdf2-sha256$1000$$" + hash));
  CHECK_FALSE(VerifySecret("x", "pbkdf2-sha256$1000$!!$" + hash));
  CHECK_FALSE(VerifySecret("x", good.substr(0, good.size() - 2)));
  CHECK_FALSE(VerifySecret("x", good + "$extra"));
  CHECK_THROWS_AS(HashSecret("x", 0), std::invalid_argument);
}

TEST_CASE("random tokens have the requested entropy and do not repeat") {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string token = RandomToken();
    CHECK(token.size() == 43);
    REQUIRE(Base64UrlDecode(token));
    CHECK(Base64UrlDecode(token)->size() == 32);
    seen.insert(token);
  }
  CHECK(seen.size() == 100);
  CHECK(Base64UrlDecode(RandomToken(16))->size() == 16);
}
