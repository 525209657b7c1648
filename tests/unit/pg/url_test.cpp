#include "greenlane/pg/url.h"

#include <catch2/catch.hpp>

#include "greenlane/pg/migrations.h"

using namespace greenlane::pg;

TEST_CASE("RedactPassword hides the password in both libpq URL forms") {
  CHECK(RedactPassword("postgresql://app:s3cret@db:5432/timber") == "postgresql://app:***@db:5432/timber");
  CHECK(RedactPassword("postgresql://app@db/timber") == "postgresql://app@db/timber");
  CHECK(RedactPassword("postgresql://db:5432/timber") == "postgresql://db:5432/timber");
  CHECK(RedactPassword("host=db password=s3cret user=app") == "host=db password=*** user=app");
  CHECK(RedactPassword("host=db password='s3 cret' user=app") == "host=db password=*** user=app");
}

TEST_CASE("WithDatabase swaps only the database of a URL") {
  CHECK(WithDatabase("postgresql://u:p@h:5432/greenlane", "t1") == "postgresql://u:p@h:5432/t1");
  CHECK(WithDatabase("postgresql://u:p@h:5432/greenlane?sslmode=disable", "t1") ==
        "postgresql://u:p@h:5432/t1?sslmode=disable");
  CHECK(WithDatabase("postgresql://h:5432", "t1") == "postgresql://h:5432/t1");
  CHECK(WithDatabase("postgresql://h?sslmode=disable", "t1") == "postgresql://h/t1?sslmode=disable");
}

TEST_CASE("WithDefaultParameter keeps a value the operator set") {
  CHECK(WithDefaultParameter("postgresql://h/db", "connect_timeout", "5") == "postgresql://h/db?connect_timeout=5");
  CHECK(WithDefaultParameter("postgresql://h/db?sslmode=require", "connect_timeout", "5") ==
        "postgresql://h/db?sslmode=require&connect_timeout=5");
  CHECK(WithDefaultParameter("postgresql://h/db?connect_timeout=9", "connect_timeout", "5") ==
        "postgresql://h/db?connect_timeout=9");
  CHECK(WithDefaultParameter("host=h dbname=db", "connect_timeout", "5") == "host=h dbname=db connect_timeout=5");
}

TEST_CASE("IsPlainIdentifier accepts only names safe to splice into SQL") {
  CHECK(IsPlainIdentifier("timber"));
  CHECK(IsPlainIdentifier("_risk_2"));
  CHECK_FALSE(IsPlainIdentifier(""));
  CHECK_FALSE(IsPlainIdentifier("Timber"));
  CHECK_FALSE(IsPlainIdentifier("2risk"));
  CHECK_FALSE(IsPlainIdentifier("risk; DROP TABLE x"));
  CHECK_FALSE(IsPlainIdentifier("r\"isk"));
  CHECK_FALSE(IsPlainIdentifier(std::string(64, 'a')));
}

TEST_CASE("Sha256Hex matches the published test vectors") {
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
