#include <catch2/catch.hpp>

#include "domain/rules/cites_permit.h"
#include "domain/rules/species_consistency.h"
#include "test_support.h"

using namespace greenlane::timber;
using greenlane::timber::testing::ShippedSpecies;
using greenlane::timber::testing::Tag;

TEST_CASE("a log of its tree's species passes") {
  const auto outcome = CheckSpeciesConsistency(Tag(BarcodeKind::kLog, 1), "Aucoumea klaineana",
                                               {{Tag(BarcodeKind::kTree, 1), "Aucoumea klaineana"}});
  CHECK(outcome.rule == "lineage.species");
  CHECK(outcome.severity == Severity::kPass);
}

TEST_CASE("a species that changes along the lineage is refused naming the parent") {
  const auto outcome = CheckSpeciesConsistency(Tag(BarcodeKind::kLog, 1), "Aucoumea klaineana",
                                               {{Tag(BarcodeKind::kTree, 1), "Pericopsis elata"}});
  CHECK(outcome.severity == Severity::kError);
  CHECK(outcome.value == "Aucoumea klaineana");
  CHECK(outcome.limit == "Pericopsis elata");
  CHECK(outcome.message.find(Tag(BarcodeKind::kTree, 1).text()) != std::string::npos);
}

TEST_CASE("a lot sawn from logs of two species is refused") {
  const auto outcome = CheckSpeciesConsistency(
      Tag(BarcodeKind::kLot, 1), "Aucoumea klaineana",
      {{Tag(BarcodeKind::kLog, 1), "Aucoumea klaineana"}, {Tag(BarcodeKind::kLog, 2), "Entandrophragma cylindricum"}});
  CHECK(outcome.rejected());
  CHECK(outcome.message.find(Tag(BarcodeKind::kLog, 2).text()) != std::string::npos);
}

TEST_CASE("an export of CITES-listed timber needs a CITES permit number") {
  const auto catalog = ShippedSpecies();
  const auto certificate = Tag(BarcodeKind::kCertificate, 1);
  const std::vector<const Species*> okoume_only{catalog.Find("Aucoumea klaineana")};
  const std::vector<const Species*> with_afrormosia{catalog.Find("Aucoumea klaineana"),
                                                    catalog.Find("Pericopsis elata")};
  CHECK(CheckCitesPermit(certificate, okoume_only, std::nullopt).severity == Severity::kPass);
  const auto missing = CheckCitesPermit(certificate, with_afrormosia, std::nullopt);
  CHECK(missing.rule == "certificate.cites_permit");
  CHECK(missing.severity == Severity::kError);
  CHECK(missing.message.find("Pericopsis elata") != std::string::npos);
  CHECK(CheckCitesPermit(certificate, with_afrormosia, std::string("")).rejected());
  CHECK(CheckCitesPermit(certificate, with_afrormosia, std::string("GA/2026/00042")).severity == Severity::kPass);
}
