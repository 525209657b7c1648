#include <catch2/catch.hpp>
#include <string>

#include "domain/qpcr/assays.h"
#include "domain/refrigerant/refrigerant_table.h"
#include "domain/wood/wood_classes.h"
#include "domain/xrf/action_levels.h"
#include "test_support.h"

using greenlane::core::Error;
using greenlane::identify::testing::ShippedData;

namespace {

// A shipped data file with one change at a JSON pointer, loaded by `load`; returns the error.
template <typename Load>
Error ErrorWith(const std::string& file, const std::string& pointer, const nlohmann::json& value, Load load) {
  auto document = ShippedData(file);
  document[nlohmann::json::json_pointer(pointer)] = value;
  auto loaded = load(document);
  REQUIRE_FALSE(loaded.ok());
  return loaded.error();
}

Error RefrigerantError(const std::string& pointer, const nlohmann::json& value) {
  return ErrorWith("refrigerants.json", pointer, value, greenlane::identify::refrigerant::LoadRefrigerantTable);
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("every shipped identification table loads") {
  CHECK(greenlane::identify::refrigerant::LoadRefrigerantTable(ShippedData("refrigerants.json")).ok());
  CHECK(greenlane::identify::xrf::LoadActionLevels(ShippedData("xrf_action_levels.json")).ok());
  CHECK(greenlane::identify::wood::LoadWoodClasses(ShippedData("wood_classes.json")).ok());
  CHECK(greenlane::identify::qpcr::LoadQpcrAssays(ShippedData("qpcr_assays.json")).ok());
}

TEST_CASE("a malformed refrigerant table is refused naming the member") {
  CHECK(RefrigerantError("/substances/3/odp", 0.055).field == "/substances/3/odp");
  CHECK(Contains(RefrigerantError("/substances/3/odp", 0.055).message, "not a JSON fraction"));
  CHECK(RefrigerantError("/substances/3/odp", "0,055").field == "/substances/3/odp");
  CHECK(RefrigerantError("/substances/3/class", "HXC").field == "/substances/3/class");
  CHECK(RefrigerantError("/substances/3/group", nullptr).field == "/substances/3/group");
  CHECK(RefrigerantError("/substances/3/gwp", "1000000").field == "/substances/3/gwp");
  CHECK(RefrigerantError("/substances/4/name", "R22").field == "/substances/4/name");  // a repeat
  CHECK(RefrigerantError("/blends/0/components/0/substance", "R-999").field == "/blends/0/components/0/substance");
  const Error sum = RefrigerantError("/blends/0/components/0/percent", "45");
  CHECK(sum.field == "/blends/0/components");
  CHECK(Contains(sum.message, "R-404A must sum to 100"));
  CHECK(RefrigerantError("/hs_3827_rules/3/conditions/0/at_least_percent", "150").field ==
        "/hs_3827_rules/3/conditions/0/at_least_percent");
  CHECK(RefrigerantError("/hs_3827_rules/9/conditions", {{{"lacks_class", "HFO"}}}).field == "/hs_3827_rules");
  CHECK(RefrigerantError("/judging/blend_tolerence_points", "2").field == "/judging/blend_tolerence_points");
  CHECK(RefrigerantError("/judging/flammable_alarm_substances", {"R-9000"}).field ==
        "/judging/flammable_alarm_substances");
  CHECK(RefrigerantError("/substances", "none").field == "/substances");
  CHECK(greenlane::identify::refrigerant::LoadRefrigerantTable(nlohmann::json::array()).error().field == "/");
}

TEST_CASE("malformed XRF, wood and qPCR tables are refused naming the member") {
  const auto xrf = greenlane::identify::xrf::LoadActionLevels;
  CHECK(ErrorWith("xrf_action_levels.json", "/sets/0/elements/1/fail_above_ppm", "600", xrf).field ==
        "/sets/0/elements/1/fail_above_ppm");
  CHECK(ErrorWith("xrf_action_levels.json", "/sets/0/elements/1/pass_below_ppm", "-1", xrf).field ==
        "/sets/0/elements/1/pass_below_ppm");
  CHECK(ErrorWith("xrf_action_levels.json", "/sets/1/id", "rohs-polymers", xrf).field == "/sets/1/id");
  CHECK(ErrorWith("xrf_action_levels.json", "/basel_y_codes/Pb", nlohmann::json::array(), xrf).field ==
        "/basel_y_codes/Pb");

  const auto wood = greenlane::identify::wood::LoadWoodClasses;
  CHECK(ErrorWith("wood_classes.json", "/classes/2/species/0/appendix", "IV", wood).field ==
        "/classes/2/species/0/appendix");
  CHECK(ErrorWith("wood_classes.json", "/thresholds/min_margin", "1.5", wood).field == "/thresholds/min_margin");
  CHECK(ErrorWith("wood_classes.json", "/classes/1/class", "Swietenia", wood).field == "/classes/1/class");

  const auto qpcr = greenlane::identify::qpcr::LoadQpcrAssays;
  CHECK(ErrorWith("qpcr_assays.json", "/assays/0/tm_max_celsius", "79.0", qpcr).field == "/assays/0/tm_max_celsius");
  CHECK(ErrorWith("qpcr_assays.json", "/assays/0/cq_max", "ninety", qpcr).field == "/assays/0/cq_max");
  CHECK(ErrorWith("qpcr_assays.json", "/assays/0/positive_finding", "", qpcr).field == "/assays/0/positive_finding");
}
