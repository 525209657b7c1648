#include "domain/species.h"

#include <catch2/catch.hpp>

#include "fixtures.h"

using namespace greenlane::cites;
using greenlane::cites::testing::D;
using greenlane::cites::testing::Species;
using nlohmann::json;

namespace {
// A species that moved between appendices and was finally deleted.
json MovingSpecies() {
  return json::parse(R"({"species": [
    {"scientific_name": "Testus mobilis", "kingdom": "Animalia", "listings": [
      {"from": "2000-01-01", "appendix": "II"},
      {"from": "2010-06-01", "appendix": "I"},
      {"from": "2020-06-01", "appendix": null}]}]})");
}

std::string LoadError(const json& document) {
  auto loaded = SpeciesRegistry::FromJson(document);
  REQUIRE_FALSE(loaded.ok());
  return loaded.error().field;
}
}  // namespace

TEST_CASE("the sample listings load with kingdom and appendix") {
  const SpeciesRegistry& species = Species();
  CHECK(species.size() == 44);
  const Taxon* tiger = species.Find("Panthera tigris");
  REQUIRE(tiger != nullptr);
  CHECK(tiger->kingdom == "Animalia");
  CHECK(species.ListingOn("Panthera tigris", D("2025-01-01"))->appendix == Appendix::kI);
  CHECK(species.ListingOn("Swietenia macrophylla", D("2025-01-01"))->appendix == Appendix::kII);
}

TEST_CASE("the appendix is the one in force on the date asked") {
  const SpeciesRegistry& species = Species();
  const auto before = species.ListingOn("Carcharhinus leucas", D("2023-11-24"));
  REQUIRE(before);
  CHECK_FALSE(before->appendix);
  const auto on_day = species.ListingOn("Carcharhinus leucas", D("2023-11-25"));
  CHECK(on_day->appendix == Appendix::kII);
  CHECK(*on_day->since == D("2023-11-25"));
}

TEST_CASE("a species that moved between appendices answers by date") {
  auto registry = SpeciesRegistry::FromJson(MovingSpecies());
  REQUIRE(registry.ok());
  CHECK_FALSE(registry->ListingOn("Testus mobilis", D("1999-12-31"))->appendix);
  CHECK(registry->ListingOn("Testus mobilis", D("2005-01-01"))->appendix == Appendix::kII);
  CHECK(registry->ListingOn("Testus mobilis", D("2010-06-01"))->appendix == Appendix::kI);
  CHECK(*registry->ListingOn("Testus mobilis", D("2015-01-01"))->since == D("2010-06-01"));
  CHECK_FALSE(registry->ListingOn("Testus mobilis", D("2021-01-01"))->appendix);
}

TEST_CASE("a species without its own listing falls under its genus listing") {
  const SpeciesRegistry& species = Species();
  const auto unlisted_rosewood = species.ListingOn("Dalbergia latifolia", D("2018-01-01"));
  REQUIRE(unlisted_rosewood);
  CHECK(unlisted_rosewood->appendix == Appendix::kII);
  CHECK(unlisted_rosewood->taxon->scientific_name == "Dalbergia spp.");
  CHECK_FALSE(species.ListingOn("Dalbergia latifolia", D("2016-12-31"))->appendix);
  // The species-level Appendix I listing takes precedence over the genus's Appendix II.
  CHECK(species.ListingOn("Dalbergia nigra", D("2018-01-01"))->appendix == Appendix::kI);
}

TEST_CASE("unknown and unlisted species are told apart") {
  const SpeciesRegistry& species = Species();
  CHECK_FALSE(species.ListingOn("Quercus robur", D("2025-01-01")));
  const auto teak = species.ListingOn("Tectona grandis", D("2025-01-01"));
  REQUIRE(teak);
  CHECK(teak->taxon != nullptr);
  CHECK_FALSE(teak->appendix);
}

TEST_CASE("scientific names match whatever their case and spacing") {
  CHECK(Species().Find("  panthera   TIGRIS ") == Species().Find("Panthera tigris"));
  CHECK(NormalizedName(" Dalbergia\tNigra ") == "dalbergia nigra");
}

TEST_CASE("malformed species data is refused naming the bad field") {
  json document = MovingSpecies();
  SECTION("an impossible date") {
    document["species"][0]["listings"][1]["from"] = "2010-02-30";
    CHECK(LoadError(document) == "species[0].listings[1].from");
  }
  SECTION("an appendix that does not exist") {
    document["species"][0]["listings"][0]["appendix"] = "IV";
    CHECK(LoadError(document) == "species[0].listings[0].appendix");
  }
  SECTION("changes out of order") {
    document["species"][0]["listings"][2]["from"] = "2005-01-01";
    CHECK(LoadError(document) == "species[0].listings[2].from");
  }
  SECTION("an unknown kingdom") {
    document["species"][0]["kingdom"] = "Fungi";
    CHECK(LoadError(document) == "species[0].kingdom");
  }
  SECTION("a name listed twice, even spelt differently") {
    json twin = document["species"][0];
    twin["scientific_name"] = "testus  MOBILIS";
    document["species"].push_back(twin);
    CHECK(LoadError(document) == "species[1].scientific_name");
  }
  SECTION("a missing name") {
    document["species"][0].erase("scientific_name");
    CHECK(LoadError(document) == "species[0].scientific_name");
  }
  SECTION("listings that are not a list") {
    document["species"][0]["listings"] = "II";
    CHECK(LoadError(document) == "species[0].listings");
  }
}
