// The answers identify gives for each kind of reading, from the payload JSON ingest stores, with
// the data files the service ships.
#include <catch2/catch.hpp>

#include "api/reference_data.h"
#include "domain/answer/identifier.h"
#include "domain/answer/payload_reader.h"

using namespace greenlane::identify;
using nlohmann::json;

namespace {

const ReferenceTables& Tables() {
  static const ReferenceTables tables =
      LoadReferenceTables(std::string(GREENLANE_SOURCE_DIR) + "/services/identify/data");
  return tables;
}

bool HasFinding(const Identification& answer, const std::string& code) {
  for (const auto& finding : answer.findings) {
    if (finding.code == code) return true;
  }
  return false;
}

const Finding& FindingWith(const Identification& answer, const std::string& code) {
  for (const auto& finding : answer.findings) {
    if (finding.code == code) return finding;
  }
  FAIL("no finding " << code << " in " << FindingsJson(answer.findings).dump());
  throw std::logic_error("unreachable");
}

json XrfElement(const std::string& symbol, const char* ppm, const char* sigma) {
  return {{"symbol", symbol},
          {"compound", ""},
          {"compound_level_ppm", nullptr},
          {"compound_error_ppm", nullptr},
          {"below_lod", false},
          {"concentration_ppm", ppm},
          {"error_1s_ppm", sigma}};
}

json QpcrWell(const std::string& well, const std::string& type, const char* cq, const char* tm) {
  return {{"run", "FIN-RUN-2026-118"},
          {"well", well},
          {"sample_type", type},
          {"target", "CITES-multiplex"},
          {"amplified", cq != nullptr},
          {"cq", cq ? json(cq) : json(nullptr)},
          {"tm_celsius", tm ? json(tm) : json(nullptr)}};
}

}  // namespace

TEST_CASE("a malformed payload from ingest is answered invalid, naming the member") {
  greenlane::identify::spectral::SpectralLibrary library;
  const Identifier identifier(Tables(), library, {});
  auto element = XrfElement("Pb", "1500", "20");
  element.erase("below_lod");
  const auto answer = identifier.IdentifyReading("xrf", {{"method", "RoHS"}, {"elements", {element}}});
  CHECK(answer.verdict == "invalid");
  CHECK(answer.details["error"]["field"] == "/elements/0/below_lod");
  CHECK(HasFinding(answer, "inconclusive"));

  const auto float_percent = ReadRefrigerantPayload({{"cylinder_label", "R-134a"},
                                                     {"components", {{{"name", "R134a"}, {"percent_by_weight", 99.5}}}},
                                                     {"hydrocarbons_percent", nullptr},
                                                     {"air_percent", nullptr},
                                                     {"analyzer_result", ""}});
  REQUIRE_FALSE(float_percent.ok());
  CHECK(float_percent.error().field == "/components/0/percent_by_weight");
  CHECK(identifier.IdentifyReading("thermometer", json::object()).verdict == "invalid");
}

TEST_CASE("an XRF reading in RoHS mode failing for lead gives an xrf_fail finding on Pb") {
  greenlane::identify::spectral::SpectralLibrary library;
  const Identifier identifier(Tables(), library, {});
  const auto answer = identifier.IdentifyReading(
      "xrf", {{"method", "RoHS"}, {"elements", {XrfElement("Pb", "1500", "20"), XrfElement("Cd", "3", "1")}}});
  CHECK(answer.kind == "xrf");
  CHECK(answer.verdict == "fail");
  CHECK(FindingWith(answer, "xrf_fail").element == "Pb");
  CHECK(answer.details["set"] == "rohs-polymers");
  CHECK(identifier.XrfSetFor("Geochem(3-Beam)") == "basel-heavy-metals");
}

TEST_CASE("a cylinder labelled R-134a holding R-22 is a mismatch and a controlled substance") {
  greenlane::identify::spectral::SpectralLibrary library;
  const Identifier identifier(Tables(), library, {});
  const auto answer =
      identifier.IdentifyReading("refrigerant", {{"cylinder_label", "R-134a"},
                                                 {"components", {{{"name", "R22"}, {"percent_by_weight", "99.6"}}}},
                                                 {"hydrocarbons_percent", "0.0"},
                                                 {"air_percent", "0.4"},
                                                 {"analyzer_result", "PASS R22"}});
  CHECK(answer.verdict == "pure");
  CHECK(HasFinding(answer, "refrigerant_mismatch"));
  CHECK(FindingWith(answer, "controlled_substance").substance == "R-22");
  CHECK_THAT(answer.summary, Catch::Contains("R-22"));
}

TEST_CASE("a wood image of Dalbergia names the strictest appendix and refers to the laboratory") {
  greenlane::identify::spectral::SpectralLibrary library;
  const Identifier identifier(Tables(), library, {});
  const auto answer = identifier.IdentifyReading("wood_image", {{"model", "peru-24class-v2"},
                                                                {"light", "visible"},
                                                                {"top",
                                                                 {{{"name", "Dalbergia"}, {"score", "0.91"}},
                                                                  {{"name", "Swietenia"}, {"score", "0.05"}},
                                                                  {{"name", "Cedrela"}, {"score", "0.02"}}}},
                                                                {"others", "0.02"}});
  CHECK(answer.kind == "wood");
  CHECK(answer.verdict == "identified");
  const auto& listed = FindingWith(answer, "cites_listed_species");
  CHECK(listed.species == "Dalbergia");
  CHECK(listed.cites_appendix == "I");
  CHECK(HasFinding(answer, "inconclusive"));
}

TEST_CASE("a qPCR well is read with its run's controls") {
  greenlane::identify::spectral::SpectralLibrary library;
  const Identifier identifier(Tables(), library, {});
  const auto sample = QpcrWell("A1", "unknown", "24.8", "81.6");
  const std::vector<json> good_run = {sample, QpcrWell("D1", "ntc", nullptr, nullptr),
                                      QpcrWell("D2", "positive_control", "22.1", "81.5")};
  const auto positive = identifier.IdentifyQpcrWell(sample, good_run);
  CHECK(positive.verdict == "positive");
  CHECK_THAT(FindingWith(positive, "cites_listed_species").message, Catch::Contains("confirm by sequencing"));
  CHECK(identifier.IdentifyQpcrWell(good_run[1], good_run).verdict == "control_valid");

  const std::vector<json> contaminated = {sample, QpcrWell("D1", "ntc", "30.2", "81.0"),
                                          QpcrWell("D2", "positive_control", "22.1", "81.5")};
  const auto unreadable = identifier.IdentifyQpcrWell(sample, contaminated);
  CHECK(unreadable.verdict == "inconclusive");
  CHECK(HasFinding(unreadable, "inconclusive"));
  CHECK(identifier.IdentifyQpcrWell(contaminated[1], contaminated).verdict == "invalid");

  // Without any control the sample cannot be read either.
  CHECK(identifier.IdentifyReading("qpcr", sample).verdict == "inconclusive");
}

TEST_CASE("a DART spectrum matching a CITES Appendix I species is identified with its appendix") {
  greenlane::identify::spectral::SpectralLibrary library;
  using greenlane::identify::spectral::ReferenceSpectrum;
  const std::vector<ReferenceSpectrum> references = {
      {"nigra-1", "Dalbergia nigra", "lab", {}, {}, {{150.1, 100}, {273.2, 40}, {301.4, 70}, {455.3, 10}}},
      {"teak-1", "Tectona grandis", "lab", {}, {}, {{120.5, 30}, {210.2, 100}, {350.8, 50}}}};
  REQUIRE(library.Add(references).ok());
  const Identifier identifier(Tables(), library, {});
  const auto answer = identifier.IdentifyReading("dart", {{"instrument", "AccuTOF-DART SN 7721"},
                                                          {"polarity", "positive"},
                                                          {"peaks",
                                                           {{{"mz", "150.10"}, {"intensity", "98"}},
                                                            {{"mz", "273.20"}, {"intensity", "41"}},
                                                            {{"mz", "301.40"}, {"intensity", "69"}},
                                                            {{"mz", "455.30"}, {"intensity", "11"}}}}});
  CHECK(answer.verdict == "identified");
  const auto& listed = FindingWith(answer, "cites_listed_species");
  CHECK(listed.species == "Dalbergia nigra");
  CHECK(listed.cites_appendix == "I");
  CHECK(answer.confidence > 0.9);
  CHECK_THAT(answer.summary, Catch::Contains("Dalbergia nigra") && Catch::Contains("Appendix I"));

  const auto unrelated = identifier.IdentifyReading(
      "dart", {{"instrument", "x"}, {"polarity", "positive"}, {"peaks", {{{"mz", "610.0"}, {"intensity", "5"}}}}});
  CHECK(unrelated.verdict == "no_match");
  CHECK(HasFinding(unrelated, "inconclusive"));
}

TEST_CASE("identify.result.ready carries exactly the agreed members") {
  Identification answer;
  answer.result_id = "0190f0e0-0000-7000-8000-000000000001";
  answer.reading_id = "0190f0e0-0000-7000-8000-000000000002";
  answer.kind = "xrf";
  answer.consignment = {"PE-2026-000123", "MSKU4421908", "3"};
  answer.verdict = "fail";
  answer.confidence = 0.9;
  answer.summary = "XRF screening (rohs-polymers): FAIL for Pb.";
  answer.findings = {{"xrf_fail", "Pb 1500 ppm", {}, {}, {}, "Pb"}};
  answer.produced_at = *greenlane::core::ParseRfc3339("2026-11-21T08:00:00.123456Z");
  const auto payload = ResultReadyPayload(answer);
  std::vector<std::string> keys;
  for (const auto& [key, value] : payload.items()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"confidence", "consignment", "findings", "kind", "produced_at", "reading_id",
                                         "result_id", "summary", "verdict"});
  CHECK(payload["consignment"] == json{{"declaration", "PE-2026-000123"}, {"container", "MSKU4421908"}, {"item", "3"}});
  CHECK(payload["findings"][0] == json{{"code", "xrf_fail"}, {"message", "Pb 1500 ppm"}, {"element", "Pb"}});
  CHECK(payload["produced_at"] == "2026-11-21T08:00:00.123456Z");
  CHECK(FindingsFromJson(payload["findings"]) == answer.findings);
}
