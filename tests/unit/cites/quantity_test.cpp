#include "domain/quantity.h"

#include <catch2/catch.hpp>

#include "domain/date.h"
#include "fixtures.h"
#include "greenlane/core/error.h"

using namespace greenlane::cites;

TEST_CASE("quantities parse exactly and print their shortest form") {
  CHECK(Quantity::Parse("12")->ToString() == "12");
  CHECK(Quantity::Parse("0.125")->ToString() == "0.125");
  CHECK(Quantity::Parse("12.500000")->ToString() == "12.5");
  CHECK(Quantity::Parse("-3.5")->ToString() == "-3.5");
  CHECK(Quantity::Parse("0.000001")->scaled() == 1);
  CHECK(Quantity::Parse("999999999999.999999").ok());
}

TEST_CASE("decimal sums are exact where binary floats drift") {
  Quantity sum;
  for (int i = 0; i < 10; ++i) sum += *Quantity::Parse("0.1");
  CHECK(sum == Quantity::Whole(1));
  CHECK((*Quantity::Parse("12.5") - *Quantity::Parse("12.4")).ToString() == "0.1");
  CHECK(*Quantity::Parse("2.05") > *Quantity::Parse("2.049999"));
}

TEST_CASE("malformed quantities are refused naming the field and the text") {
  for (const char* bad : {"", "-", "1.", ".5", "1.2.3", "1e3", "+4", "12 kg", "1,5", "0.0000001", "1000000000000"}) {
    auto parsed = Quantity::Parse(bad, "lines[0].quantity");
    INFO(bad);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().field == "lines[0].quantity");
    CHECK_THAT(parsed.error().message, Catch::Contains(std::string("'") + bad + "'"));
  }
}

TEST_CASE("quantity arithmetic that would overflow throws instead of wrapping") {
  const Quantity huge = Quantity::FromScaled(INT64_MAX - 1);
  CHECK_THROWS_AS(huge + Quantity::Whole(1), greenlane::core::GreenlaneException);
  CHECK_THROWS_AS(Quantity::FromScaled(INT64_MIN + 1) - Quantity::Whole(1), greenlane::core::GreenlaneException);
}

TEST_CASE("dates parse as calendar days and impossible days are refused") {
  REQUIRE(ParseDate("2024-02-29"));
  CHECK(FormatDate(*ParseDate("2024-02-29")) == "2024-02-29");
  CHECK_FALSE(ParseDate("2025-02-29"));
  CHECK_FALSE(ParseDate("2025-13-01"));
  CHECK_FALSE(ParseDate("2025-1-01"));
  CHECK_FALSE(ParseDate("2025-01-01T00:00:00Z"));
  CHECK(YearOf(*ParseDate("2025-12-31")) == 2025);
}

TEST_CASE("months are added to the same day or the last day of a short month") {
  CHECK(FormatDate(AddMonths(*ParseDate("2025-03-10"), 6)) == "2025-09-10");
  CHECK(FormatDate(AddMonths(*ParseDate("2025-08-31"), 6)) == "2026-02-28");
  CHECK(FormatDate(AddMonths(*ParseDate("2023-08-31"), 6)) == "2024-02-29");
  CHECK(FormatDate(AddMonths(*ParseDate("2025-01-15"), 12)) == "2026-01-15");
}
