#include <catch2/catch.hpp>
#include <string>

#include "greenlane/instruments/formats.h"
#include "sample_files.h"

using namespace greenlane::instruments;
using greenlane::instruments::testing::Named;
using greenlane::instruments::testing::SampleFile;

namespace {

const RefrigerantPayload& Gas(const Reading& reading) { return std::get<RefrigerantPayload>(reading.payload); }
Decimal D(const char* text) { return *Decimal::Parse(text); }

}  // namespace

TEST_CASE("the refrigerant sample export gives five tests with components, label and verdict") {
  auto parsed = ParseRefrigerantCsv(SampleFile("refrigerant/ri_20261103_port-callao.csv"), Named("ri.csv"));
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() == 5);
  const Reading& first = parsed->front();
  CHECK(first.kind == ReadingKind::kRefrigerant);
  CHECK(first.instrument_serial == "RI-22931");
  CHECK(first.reading_number == "0481");  // as written: the leading zero is part of the test number
  CHECK(first.sample_label == "CYL-0001");
  CHECK(greenlane::core::FormatRfc3339(first.captured_at, 0) == "2026-11-03T10:05:12Z");
  const RefrigerantPayload& gas = Gas(first);
  CHECK(gas.cylinder_label == "R-134a");
  CHECK(gas.analyzer_result == "PASS R134a");
  REQUIRE(gas.components.size() == 7);
  CHECK(gas.components[4].name == "R134a");
  CHECK(gas.components[4].percent_by_weight == D("99.1"));
  CHECK(gas.hydrocarbons_percent == D("0.3"));
  CHECK(gas.air_percent == D("0.6"));

  const RefrigerantPayload& mislabelled = Gas((*parsed)[3]);
  CHECK(mislabelled.cylinder_label == "R-134a");
  CHECK(mislabelled.components[1].name == "R22");
  CHECK(mislabelled.components[1].percent_by_weight == D("38.5"));
  CHECK(mislabelled.analyzer_result == "MIX");
}

TEST_CASE("refrigerant columns the analyzer adds later are read by their name") {
  const std::string text =
      "Serial,Test No,Date,Time,Sample ID,Cylinder Label,R134a %,R1336mzz(Z) %,HC %,Air %,Result,Firmware\n"
      "RI-1,7,2026-11-03,10:05,CNT-CSQU3054383 item 9,R-134a,10.0,,0.0,1.0,UNKNOWN,4.2\n";
  auto parsed = ParseRefrigerantCsv(text, Named("ri.csv"));
  REQUIRE(parsed.ok());
  const RefrigerantPayload& gas = Gas(parsed->front());
  REQUIRE(gas.components.size() == 1);  // a blank cell is not a 0 % measurement
  CHECK(gas.components[0].name == "R134a");
  CHECK(parsed->front().consignment->container == "CSQU3054383");

  const std::string measured =
      text.substr(0, text.find('\n') + 1) + "RI-1,7,2026-11-03,10:05:00,S,R-134a,10.0,88.5,0.0,1.0,UNKNOWN,4.2\n";
  auto with_new_gas = ParseRefrigerantCsv(measured, Named("ri.csv"));
  REQUIRE(with_new_gas.ok());
  REQUIRE(Gas(with_new_gas->front()).components.size() == 2);
  CHECK(Gas(with_new_gas->front()).components[1].name == "R1336mzz(Z)");
  CHECK(Gas(with_new_gas->front()).components[1].percent_by_weight == D("88.5"));
}

TEST_CASE("a refrigerant file with an impossible percentage is rejected naming the cell") {
  const std::string text =
      "Serial,Test No,Date,Time,Sample ID,R22 %,HC %,Air %,Result\n"
      "RI-1,1,2026-11-03,10:05:12,S1,99.0,0.0,1.0,PASS\n"
      "RI-1,2,2026-11-03,10:06:12,S2,120.5,0.0,1.0,PASS\n";
  auto parsed = ParseRefrigerantCsv(text, Named("ri.csv"));
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().message == "ri.csv, line 3, column 6 (\"R22 %\"): percentage 120.5 outside 0 to 100");
  CHECK(parsed.error().field == "R22 %");
}
