#include "greenlane/instruments/decimal.h"

#include <catch2/catch.hpp>

using greenlane::instruments::Decimal;

TEST_CASE("decimals keep the digits an analyzer wrote") {
  CHECK(Decimal::Parse("-12.04632")->ToString() == "-12.04632");
  CHECK(Decimal::Parse("402110")->ToString() == "402110");
  CHECK(Decimal::Parse("0.0")->ToString() == "0.0");
  CHECK(Decimal::Parse("0.03")->ToString() == "0.03");
  CHECK(Decimal::Parse(".5")->ToString() == "0.5");
  CHECK(Decimal::Parse("+7")->ToString() == "7");
  CHECK(Decimal::Parse("-0.001")->ToString() == "-0.001");
}

TEST_CASE("decimals compare by value whatever their scale") {
  CHECK(*Decimal::Parse("1.50") == *Decimal::Parse("1.5"));
  CHECK(*Decimal::Parse("0.1") < *Decimal::Parse("0.11"));
  CHECK(*Decimal::Parse("-3") < *Decimal::Parse("-2.999999999"));
  CHECK(Decimal(1180, 0) == *Decimal::Parse("1180.000"));
}

TEST_CASE("decimals reject what is not a plain decimal number") {
  for (const char* bad : {"", "-", ".", "1e5", "1,5", " 1", "1 ", "1.2.3", "12a", "<LOD", "0x10", "NaN",
                          "1234567890123456789", "0.1234567890"}) {
    INFO(bad);
    CHECK_FALSE(Decimal::Parse(bad).has_value());
  }
  CHECK(Decimal::Parse("123456789012345678").has_value());
  CHECK(Decimal::Parse("0.123456789").has_value());
}
