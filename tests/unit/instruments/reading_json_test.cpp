#include "greenlane/instruments/reading_json.h"

#include <catch2/catch.hpp>
#include <string>

#include "greenlane/instruments/formats.h"
#include "sample_files.h"

using namespace greenlane::instruments;
using greenlane::instruments::testing::Named;
using greenlane::instruments::testing::SampleFile;
using nlohmann::json;

namespace {

std::vector<Reading> Parsed(const std::string& relative, ParseOptions options) {
  auto parsed = ParseAnyFormat(SampleFile(relative), options);
  REQUIRE(parsed.ok());
  return std::move(parsed).value();
}

const json* Element(const json& xrf, const std::string& symbol) {
  for (const auto& element : xrf["elements"]) {
    if (element["symbol"] == symbol) return &element;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("XRF payload JSON keeps decimals as written and says which elements were below the LOD") {
  const auto readings = Parsed("vanta/rohs_20261103_port-callao.csv", Named("rohs.csv"));
  const json first = PayloadJson(readings.front().payload);
  CHECK(first["method"] == "RoHS");
  CHECK(first["user_factor"] == "");
  CHECK(first["units_written"] == "ppm");
  // Trailing zeros survive: the value was never a binary float.
  CHECK(first["position"] == json({{"latitude", "-12.04632"}, {"longitude", "-77.14210"}}));
  const json* chromium = Element(first, "Cr");
  REQUIRE(chromium);
  CHECK((*chromium)["concentration_ppm"] == "18");
  CHECK((*chromium)["error_1s_ppm"] == "4");
  CHECK((*chromium)["below_lod"] == false);
  const json* cadmium = Element(first, "Cd");
  REQUIRE(cadmium);
  CHECK((*cadmium)["below_lod"] == true);
  CHECK((*cadmium)["concentration_ppm"].is_null());
  // A measured zero is a value, not a non-detect.
  const json solder = PayloadJson(readings[2].payload);
  const json* solder_cadmium = Element(solder, "Cd");
  REQUIRE(solder_cadmium);
  CHECK((*solder_cadmium)["below_lod"] == false);
  CHECK((*solder_cadmium)["concentration_ppm"] == "0");
}

TEST_CASE("XRF oxide modes carry the compound and its level, a reading without GPS has a null position") {
  const json scrap = PayloadJson(Parsed("vanta/geochem_20261104_scrap.csv", Named("geochem.csv")).front().payload);
  CHECK(scrap["position"].is_null());
  const json* iron = Element(scrap, "Fe");
  REQUIRE(iron);
  CHECK((*iron)["compound"] == "Fe2O3");
  CHECK((*iron)["compound_level_ppm"] == "69784");
  CHECK((*iron)["compound_error_ppm"] == "343");
  const json* lead = Element(scrap, "Pb");
  REQUIRE(lead);
  CHECK((*lead)["compound"] == "");
  CHECK((*lead)["compound_level_ppm"].is_null());
}

TEST_CASE("refrigerant payload JSON lists components with exact percentages and the analyzer's verdict") {
  const auto readings = Parsed("refrigerant/ri_20261103_port-callao.csv", Named("ri.csv"));
  const json mix = PayloadJson(readings[1].payload);
  CHECK(mix["cylinder_label"] == "R-410A");
  CHECK(mix["analyzer_result"] == "MIX");
  CHECK(mix["air_percent"] == "0.9");
  CHECK(mix["hydrocarbons_percent"] == "0.0");
  bool found_r32 = false;
  for (const auto& component : mix["components"]) {
    if (component["name"] == "R32") {
      found_r32 = true;
      CHECK(component["percent_by_weight"] == "49.1");
    }
  }
  CHECK(found_r32);
}

TEST_CASE("wood image payload JSON ranks the top three classes") {
  ParseOptions options = Named("xylotron.csv");
  options.instrument_serial = "XT-0042";
  const json wood = PayloadJson(Parsed("xylotron/results_20261103.csv", options).front().payload);
  CHECK(wood["model"] == "peru-24class-v2");
  CHECK(wood["light"] == "visible");
  REQUIRE(wood["top"].size() == 3);
  CHECK(wood["top"][0] == json({{"name", "Cedrelinga"}, {"score", "0.91"}}));
  CHECK(wood["top"][2]["name"] == "Aspidosperma");
  CHECK(wood["others"] == "0.03");
}

TEST_CASE("qPCR payload JSON says explicitly when a well did not amplify") {
  ParseOptions options = Named("run.csv");
  options.file_time = greenlane::core::ParseRfc3339("2026-11-05T10:00:00Z");
  const auto wells = Parsed("qpcr/mic_run_2026-118.csv", options);
  const json amplified = PayloadJson(wells[0].payload);
  CHECK(amplified["run"] == "FIN-RUN-2026-118");
  CHECK(amplified["well"] == "A1");
  CHECK(amplified["sample_type"] == "unknown");
  CHECK(amplified["amplified"] == true);
  CHECK(amplified["cq"] == "24.8");
  CHECK(amplified["tm_celsius"] == "81.6");
  const json silent = PayloadJson(wells[1].payload);
  CHECK(silent["amplified"] == false);
  CHECK(silent["cq"].is_null());
  CHECK(silent["tm_celsius"].is_null());
  CHECK(PayloadJson(wells[4].payload)["sample_type"] == "ntc");
  CHECK(PayloadJson(wells[5].payload)["sample_type"] == "positive_control");
}

TEST_CASE("DART payload JSON keeps every peak in file order as exact strings") {
  const auto reading = Parsed("dart/LAB-2026-0931_dalbergia-suspect.csv", Named("dart.csv")).front();
  const json dart = PayloadJson(reading.payload);
  CHECK(dart["instrument"] == "AccuTOF-DART SN 7721");
  CHECK(dart["polarity"] == "positive");
  REQUIRE(dart["peaks"].size() == std::get<DartPayload>(reading.payload).peaks.size());
  CHECK(dart["peaks"][0] == json({{"mz", "60.2943"}, {"intensity", "79.9"}}));
  CHECK(dart["peaks"][5]["intensity"] == "578.0");
}
