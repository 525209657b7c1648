#include "domain/quantity_units.h"

#include <catch2/catch.hpp>
#include <fstream>

using namespace greenlane::risk;

TEST_CASE("declared units map to the Rec. 20 codes permits count in, as the shipped table says") {
  std::ifstream in(std::string(GREENLANE_SOURCE_DIR) + "/services/risk/data/quantity_units.json");
  const auto units = LoadQuantityUnits(nlohmann::json::parse(in));
  REQUIRE(units.ok());
  CHECK(units->CodeOf("m3") == "MTQ");
  CHECK(units->CodeOf("M3") == "MTQ");
  CHECK(units->CodeOf("MTQ") == "MTQ");
  CHECK(units->CodeOf("kg") == "KGM");
  CHECK(units->CodeOf("pcs") == "NAR");
  CHECK_FALSE(units->CodeOf("bushel").has_value());
}

TEST_CASE("a unit table giving one alias to two codes is refused with the place") {
  const auto units =
      LoadQuantityUnits(nlohmann::json{{"version", "u-1"}, {"units", {{"KGM", {"kg"}}, {"TNE", {"t", "kg"}}}}});
  REQUIRE_FALSE(units.ok());
  CHECK_THAT(units.error().message, Catch::Contains("/units/TNE"));
}
