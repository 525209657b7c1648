#include <catch2/catch.hpp>

#include "domain/volume.h"
#include "greenlane/core/fixed_point.h"

using namespace greenlane::timber;
namespace core = greenlane::core;

TEST_CASE("decimals are read exactly at a fixed number of digits") {
  CHECK(core::ParseFixedPoint("12", 3, "f").value() == 12000);
  CHECK(core::ParseFixedPoint("12.5", 3, "f").value() == 12500);
  CHECK(core::ParseFixedPoint("0.125", 3, "f").value() == 125);
  CHECK(core::ReadFixedPoint(nlohmann::json(42.5), 2, "f").value() == 4250);
  CHECK(core::ReadFixedPoint(nlohmann::json(0.1), 3, "f").value() == 100);
  CHECK(core::ReadFixedPoint(nlohmann::json("1500.25"), 3, "f").value() == 1500250);
  CHECK(core::ReadFixedPoint(nlohmann::json(7), 2, "f").value() == 700);
}

TEST_CASE("malformed decimals are refused with the field and the rule") {
  auto too_precise = core::ParseFixedPoint("1.2345", 3, "/volume");
  REQUIRE_FALSE(too_precise.ok());
  CHECK(too_precise.error().field == "/volume");
  CHECK(too_precise.error().message == "/volume: '1.2345' has more than 3 decimal places");
  CHECK_FALSE(core::ParseFixedPoint("-1", 3, "f").ok());
  CHECK_FALSE(core::ParseFixedPoint("1e3", 3, "f").ok());
  CHECK_FALSE(core::ParseFixedPoint("1.", 3, "f").ok());
  CHECK_FALSE(core::ParseFixedPoint(".5", 3, "f").ok());
  CHECK_FALSE(core::ParseFixedPoint("", 3, "f").ok());
  CHECK(core::ParseFixedPoint("123456789012345", 3, "f").ok());         // 18 digits in all: fits an int64
  CHECK_FALSE(core::ParseFixedPoint("1234567890123456", 3, "f").ok());  // 19 would not
  CHECK_FALSE(core::ReadFixedPoint(nlohmann::json(0.005), 2, "f").ok());
  CHECK_FALSE(core::ReadFixedPoint(nlohmann::json(-3), 2, "f").ok());
  auto wrong_type = core::ReadFixedPoint(nlohmann::json::array(), 2, "/x");
  REQUIRE_FALSE(wrong_type.ok());
  CHECK(wrong_type.error().message.find("got array") != std::string::npos);
}

TEST_CASE("decimals format with their fixed digits") {
  CHECK(core::FormatFixedPoint(12500, 3) == "12.500");
  CHECK(core::FormatFixedPoint(-25, 2) == "-0.25");
  CHECK(core::FormatFixedPoint(7, 0) == "7");
}

TEST_CASE("log volume is pi (d/2)^2 L with d the mean diameter, in whole cubic decimetres") {
  // d = 70 cm, L = 10 m: pi * 0.35^2 * 10 = 3.84845 m3.
  const auto volume = LogVolume({.butt_diameter_cm = 80, .top_diameter_cm = 60, .length_cm = 1000});
  CHECK(volume.dm3 == 3848);
  CHECK(volume.ToString() == "3.848 m³");
  // d = 100 cm, L = 12 m: 9.42478 m3.
  CHECK(LogVolume({.butt_diameter_cm = 110, .top_diameter_cm = 90, .length_cm = 1200}).dm3 == 9425);
  // A tree's bole as a cylinder: dbh 90 cm, 20 m: 12.7235 m3.
  CHECK(TreeVolume(90, 2000).dm3 == 12723);
}

TEST_CASE("volumes add exactly and read from m3 with three decimals") {
  Volume total;
  for (int i = 0; i < 1000; ++i) total += Volume{1};  // 1000 × 0.001 m³
  CHECK(total == Volume{1000});
  CHECK(ReadVolume(nlohmann::json("1500.125"), "/cut").value() == Volume{1500125});
  CHECK_FALSE(ReadVolume(nlohmann::json("1500.1255"), "/cut").ok());
}

TEST_CASE("log measures no tape can produce are refused naming the field") {
  CHECK(ValidateLogMeasure({80, 60, 1000}).ok());
  auto swapped = ValidateLogMeasure({60, 80, 1000});
  REQUIRE_FALSE(swapped.ok());
  CHECK(swapped.error().field == "top_diameter_cm");
  CHECK(swapped.error().message.find("swap") != std::string::npos);
  CHECK(ValidateLogMeasure({0, 0, 1000}).error().field == "butt_diameter_cm");
  CHECK(ValidateLogMeasure({80, 60, 0}).error().field == "length_cm");
  CHECK(ValidateLogMeasure({80, 60, 10'001}).error().field == "length_cm");
  CHECK(ValidateLogMeasure({501, 60, 1000}).error().field == "butt_diameter_cm");
}
