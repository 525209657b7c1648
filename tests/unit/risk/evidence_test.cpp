#include "domain/evidence.h"

#include <catch2/catch.hpp>

#include "domain/assessor.h"
#include "test_support.h"

using namespace greenlane::risk;
using namespace greenlane::risk::testing;

namespace {

EvidenceMapping ShippedMapping() {
  auto mapping = LoadEvidenceMapping(ShippedData("evidence.json"));
  if (!mapping) throw std::runtime_error(mapping.error().message);
  return *std::move(mapping);
}

EvidenceRecord Finding(const std::string& code, const std::string& species = "", const std::string& item = "") {
  EvidenceRecord record;
  record.reference = "result-1";
  record.code = code;
  record.species = species;
  record.link = {"", "MSCU7777770", "", item};
  return record;
}

}  // namespace

TEST_CASE("the shipped evidence mapping loads and every identify finding code has a weight") {
  const auto mapping = ShippedMapping();
  for (const char* code : {"cites_listed_species", "species_identified", "refrigerant_mismatch", "controlled_substance",
                           "hydrocarbon_alarm", "xrf_fail", "inconclusive"}) {
    INFO(code);
    CHECK(mapping.identification.count(code) == 1);
  }
  auto bad = ShippedData("evidence.json");
  bad["identification"]["xrf_fail"]["finding"] = "document_invalid";
  CHECK_FALSE(LoadEvidenceMapping(bad).ok());
  bad = ShippedData("evidence.json");
  bad["timber_anomaly"]["weight"] = 101;
  CHECK(LoadEvidenceMapping(bad).error().field == "/timber_anomaly/weight");
}

TEST_CASE("an identification event becomes one record per finding, linked to its consignment") {
  const auto records = EvidenceFromIdentification(
      {{"result_id", "r-9"},
       {"consignment", {{"declaration", "GA-DEC-1"}, {"container", "MSCU1"}, {"item", "2"}}},
       {"summary", "blend R-22 found"},
       {"findings", {{{"code", "refrigerant_mismatch"}}, {{"code", "controlled_substance"}, {"substance", "R-22"}}}}});
  REQUIRE(records.ok());
  REQUIRE(records->size() == 2);
  CHECK((*records)[0].link.container == "MSCU1");
  CHECK((*records)[0].detail == "blend R-22 found");
  CHECK(EvidenceFromIdentification({{"result_id", "r"}, {"findings", {{{"message", "no code"}}}}}).error().field ==
        "/findings/0/code");
  const auto anomaly = EvidenceFromTimberAnomaly(
      {{"id", "a-1"}, {"rule", "volume_over_limit"}, {"severity", "high"}, {"subject", "GA-LOG-0001"}});
  REQUIRE(anomaly.ok());
  CHECK(anomaly->link.barcode == "GA-LOG-0001");
}

TEST_CASE("species findings count only when they contradict the declaration") {
  const auto mapping = ShippedMapping();
  auto item = Item(1, "440729");
  item.scientific_name = "Aucoumea klaineana";
  const auto declaration = MakeDeclaration("D-1", {item});
  CHECK(EvidenceFor(declaration, {Finding("species_identified", "Aucoumea klaineana", "1")}, mapping).empty());
  const auto mismatch = EvidenceFor(declaration, {Finding("species_identified", "Pericopsis elata", "1")}, mapping);
  REQUIRE(mismatch.size() == 1);
  CHECK(mismatch[0].kind == EvidenceKind::kSpeciesMismatch);
  CHECK(mismatch[0].item_sequence == 1);
  const auto listed = EvidenceFor(declaration, {Finding("cites_listed_species", "Pericopsis elata")}, mapping);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].kind == EvidenceKind::kCitesListedFound);
  CHECK(EvidenceFor(declaration, {Finding("a_code_identify_added_later")}, mapping).empty());
}

TEST_CASE("evidence raises the lane to its finding's floor and adds its weight to the score") {
  const auto assessor = MakeAssessor(RulesWith({}));
  const auto declaration = MakeDeclaration("D-2", {Item(1, "940360")});
  const ProfileStore profiles;
  const auto at = At("2026-03-02T00:00:00Z");
  const auto clean = assessor.Assess(declaration, {}, profiles, at);
  CHECK(clean.lane == Lane::kGreen);
  const auto evidence = EvidenceFor(declaration, {Finding("hydrocarbon_alarm")}, ShippedMapping());
  const auto flagged = assessor.Assess(declaration, {{}, evidence}, profiles, at);
  CHECK(flagged.lane == Lane::kYellow);
  CHECK(flagged.score > clean.score);
  CHECK(flagged.evidence_references == std::vector<std::string>{"result-1"});
}
