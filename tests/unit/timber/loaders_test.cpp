#include <catch2/catch.hpp>

#include "domain/rule_set.h"
#include "domain/species.h"
#include "test_support.h"

using namespace greenlane::timber;
using greenlane::timber::testing::ShippedData;

namespace {

// The shipped rules.json with one change at a JSON pointer, to test the loader on bad files.
greenlane::core::Error RulesErrorWith(const std::string& pointer, const nlohmann::json& value) {
  auto document = ShippedData("rules.json");
  document[nlohmann::json::json_pointer(pointer)] = value;
  auto loaded = LoadRuleSet(document);
  REQUIRE_FALSE(loaded.ok());
  return loaded.error();
}

greenlane::core::Error SpeciesErrorWith(const std::string& pointer, const nlohmann::json& value) {
  auto document = ShippedData("species.json");
  document[nlohmann::json::json_pointer(pointer)] = value;
  auto loaded = LoadSpeciesCatalog(document);
  REQUIRE_FALSE(loaded.ok());
  return loaded.error();
}

}  // namespace

TEST_CASE("the shipped rules load with their documented limits") {
  auto rules = LoadRuleSet(ShippedData("rules.json"));
  REQUIRE(rules.ok());
  CHECK(rules->speed_kmh.warning == 7000);
  CHECK(rules->speed_kmh.error == 10000);
  CHECK(rules->allowable_cut_used_percent.error == 10000);
  CHECK(rules->night_window.start_minute == 18 * 60 + 30);
  CHECK(rules->night_window.end_minute == 6 * 60);
  CHECK(rules->minimum_photos == 3);
  CHECK(rules->future_capture_tolerance == std::chrono::minutes(10));
}

TEST_CASE("malformed rules files are refused naming the field") {
  CHECK(RulesErrorWith("/transport/speed_kmh/warning", "fast").field == "/transport/speed_kmh/warning");
  CHECK(RulesErrorWith("/transport/speed_kmh/warning", -1).field == "/transport/speed_kmh/warning");
  CHECK(RulesErrorWith("/sawmill_yield/excess_percent/error", 1.234).field == "/sawmill_yield/excess_percent/error");
  const auto inverted = RulesErrorWith("/allowable_cut/used_percent/warning", 120);
  CHECK(inverted.field == "/allowable_cut/used_percent/warning");
  CHECK(inverted.message.find("above error 100.00") != std::string::npos);
  CHECK(RulesErrorWith("/remeasurement/length_percent", {{"warning", 1}}).field ==
        "/remeasurement/length_percent/error");
  CHECK(RulesErrorWith("/felling_point/outside_metres/warnign", 1).field == "/felling_point/outside_metres/warnign");
  CHECK(RulesErrorWith("/transport/night_window/start", "25:00").field == "/transport/night_window/start");
  CHECK(RulesErrorWith("/transport/night_window/end", "6h").field == "/transport/night_window/end");
  CHECK(RulesErrorWith("/transport/night_window/end", "18:30").field == "/transport/night_window/end");
  CHECK(RulesErrorWith("/transport/minimum_photos", 2.5).field == "/transport/minimum_photos");
  CHECK(RulesErrorWith("/capture/future_tolerance_minutes", -5).field == "/capture/future_tolerance_minutes");
  CHECK(RulesErrorWith("/capture", "none").field == "/capture");
  CHECK(RulesErrorWith("/source", "").field == "/source");

  auto missing = ShippedData("rules.json");
  missing.erase("volume_conservation");
  CHECK(LoadRuleSet(missing).error().field == "/volume_conservation");
  CHECK(LoadRuleSet(nlohmann::json::array()).error().field == "/");
}

TEST_CASE("the shipped species load with CITES status, minimum diameters and yields") {
  auto catalog = LoadSpeciesCatalog(ShippedData("species.json"));
  REQUIRE(catalog.ok());
  const auto* okoume = catalog->Find("Aucoumea klaineana");
  REQUIRE(okoume != nullptr);
  CHECK_FALSE(okoume->cites_listed());
  CHECK(okoume->minimum_diameter_cm == 70);
  CHECK(okoume->MaxYield("veneer") == 5500);
  CHECK_FALSE(okoume->MaxYield("chips"));
  const auto* afrormosia = catalog->Find("Pericopsis elata");
  REQUIRE(afrormosia != nullptr);
  CHECK(afrormosia->cites_appendix == CitesAppendix::kII);
  CHECK(catalog->Find("Dalbergia nigra")->cites_appendix == CitesAppendix::kI);
  CHECK(catalog->Find("Prunus africana") == nullptr);  // a plant, not a timber row
  CHECK(catalog->Find("Panthera onca") == nullptr);
}

TEST_CASE("the species file says its limits are development values") {
  CHECK(ShippedData("species.json")["source"].get<std::string>().find("DEVELOPMENT VALUES") != std::string::npos);
}

TEST_CASE("malformed species files are refused naming the field") {
  CHECK(SpeciesErrorWith("/species/2/cites_appendix", "IV").field == "/species/2/cites_appendix");
  CHECK(SpeciesErrorWith("/species/0/minimum_diameter_cm", 0).field == "/species/0/minimum_diameter_cm");
  CHECK(SpeciesErrorWith("/species/0/minimum_diameter_cm", "70").field == "/species/0/minimum_diameter_cm");
  CHECK(SpeciesErrorWith("/species/1/max_yield_percent/sawn", 120).field == "/species/1/max_yield_percent/sawn");
  CHECK(SpeciesErrorWith("/species/1/max_yield_percent/sawn", 0).field == "/species/1/max_yield_percent/sawn");
  CHECK(SpeciesErrorWith("/species/1/max_yield_percent", nlohmann::json::object()).field ==
        "/species/1/max_yield_percent");
  CHECK(SpeciesErrorWith("/species/3/scientific_name", 7).field == "/species/3/scientific_name");
  CHECK(SpeciesErrorWith("/species/3/family", "Fabaceae").field == "/species/3/family");
  CHECK(SpeciesErrorWith("/species", nlohmann::json::array()).field == "/species");
  const auto duplicate = SpeciesErrorWith("/species/4/scientific_name", "Dalbergia nigra");
  CHECK(duplicate.field == "/species/4/scientific_name");
  CHECK(duplicate.message.find("already listed at /species/0") != std::string::npos);
}
