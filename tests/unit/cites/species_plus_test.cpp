#include "domain/species_plus.h"

#include "fixtures.h"

using namespace greenlane;
using namespace greenlane::cites;
using namespace greenlane::cites::testing;

namespace {
nlohmann::json Concept(const std::string& name, const std::string& rank, const nlohmann::json& listings,
                       const std::string& updated = "2024-05-01T10:00:00.000Z") {
  return {
      {"id", 1},
      {"full_name", name},
      {"rank", rank},
      {"name_status", "A"},
      {"active", true},
      {"updated_at", updated},
      {"higher_taxa", {{"kingdom", "Plantae"}, {"family", "Fabaceae"}}},
      {"common_names", {{{"name", "palo", "language"}, {"name", "ES"}}, {{"name", "rosewood"}, {"language", "EN"}}}},
      {"cites_listings", listings}};
}
}  // namespace

TEST_CASE("a Species+ page keeps accepted species and genera with their strictest listing") {
  const nlohmann::json page = {{"pagination", {{"current_page", 1}, {"per_page", 500}, {"total_entries", 4}}},
                               {"taxon_concepts",
                                {Concept("Dalbergia nigra", "SPECIES",
                                         {{{"appendix", "II"}, {"effective_at", "2017-01-02"}},
                                          {{"appendix", "I"}, {"effective_at", "1992-06-11"}}}),
                                 Concept("Dalbergia", "GENUS", {{{"appendix", "II"}, {"effective_at", "2017-01-02"}}}),
                                 Concept("Dalbergia nigra var. x", "VARIETY", nlohmann::json::array()), [] {
                                   auto synonym = Concept("Dalbergia oldname", "SPECIES", nlohmann::json::array());
                                   synonym["name_status"] = "S";
                                   return synonym;
                                 }()}}};
  const auto parsed = ParseSpeciesPlusPage(page);
  REQUIRE(parsed.ok());
  CHECK(parsed->total_entries == 4);
  CHECK(parsed->skipped == 2);
  REQUIRE(parsed->taxa.size() == 2);
  CHECK(parsed->taxa[0].appendix == Appendix::kI);
  CHECK(parsed->taxa[0].effective == D("1992-06-11"));
  CHECK(parsed->taxa[0].common_name == "rosewood");
  CHECK(parsed->taxa[1].scientific_name == "Dalbergia spp.");
}

TEST_CASE("a malformed Species+ page names the field") {
  auto bad = Concept("Dalbergia nigra", "SPECIES", {{{"appendix", "IV"}, {"effective_at", "2017-01-02"}}});
  const auto parsed = ParseSpeciesPlusPage({{"taxon_concepts", {bad}}});
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().field == "taxon_concepts[0].cites_listings[0].appendix");
  CHECK_FALSE(ParseSpeciesPlusPage({{"taxon_concepts", {Concept("A b", "SPECIES", {}, "never")}}}).ok());
}

TEST_CASE("merging a listing keeps the history and changes nothing when nothing changed") {
  const Taxon* nigra = Species().Find("Dalbergia nigra");
  REQUIRE(nigra != nullptr);
  SpeciesPlusTaxon same{"Dalbergia nigra", "", "Plantae", Appendix::kI, D("1992-06-11"), {}};
  CHECK_FALSE(MergeSpeciesPlus(nigra, same).has_value());
  SpeciesPlusTaxon downlisted{"Dalbergia nigra", "", "Plantae", Appendix::kII, D("2025-11-25"), {}};
  const auto merged = MergeSpeciesPlus(nigra, downlisted);
  REQUIRE(merged.has_value());
  REQUIRE(merged->listings.size() == 2);
  CHECK(merged->listings[0].appendix == Appendix::kI);
  CHECK(merged->listings[1].appendix == Appendix::kII);
  SpeciesPlusTaxon fresh{"Pericopsis elata", "afrormosia", "Plantae", Appendix::kII, D("1992-06-11"), {}};
  const auto added = MergeSpeciesPlus(nullptr, fresh);
  REQUIRE(added.has_value());
  CHECK(added->scientific_name == "Pericopsis elata");
}
