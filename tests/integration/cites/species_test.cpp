// Species+ pages imported incrementally, and validation reading the new listings at once.
#include <catch2/catch.hpp>

#include "cites_fixture.h"

using namespace cites_test;

namespace {
nlohmann::json Page(const std::string& appendix, const std::string& effective, const std::string& updated_at) {
  return {{"pagination", {{"current_page", 1}, {"per_page", 500}, {"total_entries", 1}}},
          {"taxon_concepts",
           {{{"id", 9},
             {"full_name", "Osyris lanceolata"},
             {"rank", "SPECIES"},
             {"name_status", "A"},
             {"active", true},
             {"updated_at", updated_at},
             {"higher_taxa", {{"kingdom", "Plantae"}}},
             {"common_names", {{{"name", "East African sandalwood"}, {"language", "EN"}}}},
             {"cites_listings", {{{"appendix", appendix}, {"effective_at", effective}}}}}}}};
}

v1::ImportSpeciesResponse Import(v1::CitesService::Stub& stub, const nlohmann::json& page,
                                 const std::string& since = "") {
  v1::ImportSpeciesRequest request;
  request.set_page_json(page.dump());
  request.set_updated_since(since);
  v1::ImportSpeciesResponse response;
  const auto status = stub.ImportSpecies(Context("admin-1", {"admin"}).get(), request, &response);
  INFO(status.error_message());
  REQUIRE(status.ok());
  return response;
}
}  // namespace

TEST_CASE("Species+ pages update the listings incrementally and re-importing changes nothing") {
  CitesFixture fixture;
  auto stub = fixture.Stub();
  const auto first = Import(*stub, Page("II", "2013-06-12", "2024-01-05T10:00:00Z"));
  CHECK(first.total_entries() == 1);
  CHECK(first.inserted() == 1);
  CHECK(first.updated_since() == "2024-01-05T10:00:00.000Z");
  CHECK(Import(*stub, Page("II", "2013-06-12", "2024-01-05T10:00:00Z")).unchanged() == 1);
  // Fetched with updated_since = the cursor: an entry not updated since is not applied.
  CHECK(Import(*stub, Page("I", "2024-06-01", "2024-01-05T10:00:00Z"), "2024-01-05T10:00:00Z").unchanged() == 1);
  const auto uplisted = Import(*stub, Page("I", "2024-06-01", "2024-06-02T00:00:00Z"), "2024-01-05T10:00:00Z");
  CHECK(uplisted.updated() == 1);
  CHECK(uplisted.updated_since() == "2024-06-02T00:00:00.000Z");
  v1::GetSpeciesRequest get;
  get.set_scientific_name("osyris  LANCEOLATA");
  get.set_date("2025-01-01");
  v1::CitesTaxon taxon;
  REQUIRE(stub->GetSpecies(Context().get(), get, &taxon).ok());
  CHECK(taxon.appendix_on_date() == "I");
  CHECK(taxon.common_name() == "East African sandalwood");
  get.set_date("2020-01-01");
  REQUIRE(stub->GetSpecies(Context().get(), get, &taxon).ok());
  CHECK(taxon.appendix_on_date() == "II");
  CHECK(fixture.Count("SELECT count(*) FROM cites.audit_log WHERE action = 'species.imported'") == 4);

  v1::ImportSpeciesRequest bad;
  bad.set_page_json(R"({"taxon_concepts": [{"rank": "SPECIES", "higher_taxa": {"kingdom": "Plantae"}}]})");
  v1::ImportSpeciesResponse ignored;
  const auto refused = stub->ImportSpecies(Context().get(), bad, &ignored);
  CHECK(refused.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK_THAT(refused.error_message(), Catch::Contains("taxon_concepts[0]"));
}
