#include "domain/species.h"

#include <cctype>

#include "domain/json_reader.h"
#include "domain/kingdom.h"

namespace greenlane::cites {

namespace jr = json_reader;

std::string NormalizedName(std::string_view name) {
  std::string key;
  for (char c : name) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!key.empty() && key.back() != ' ') key += ' ';
    } else {
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

namespace {

ListingOnDate InForce(const Taxon& taxon, Date date) {
  ListingOnDate answer{&taxon, std::nullopt, std::nullopt};
  for (const ListingChange& change : taxon.listings) {
    if (change.from > date) break;
    answer.appendix = change.appendix;
    answer.since = change.from;
  }
  return answer;
}

Taxon ReadTaxon(const nlohmann::json& entry, const std::string& path) {
  Taxon taxon{jr::String(entry, "scientific_name", path),
              jr::OptionalString(entry, "common_name", path),
              jr::String(entry, "kingdom", path),
              jr::OptionalString(entry, "group", path),
              {},
              jr::OptionalString(entry, "notes", path)};
  if (!IsKingdom(taxon.kingdom)) {
    jr::Fail(jr::Path(path, "kingdom"), "'" + taxon.kingdom + "' is not a kingdom: use Animalia or Plantae");
  }
  const nlohmann::json& listings = jr::Array(entry, "listings", path);
  for (std::size_t i = 0; i < listings.size(); ++i) {
    const std::string listing_path = jr::Path(jr::Path(path, "listings"), i);
    ListingChange change{jr::DateField(listings[i], "from", listing_path), std::nullopt};
    const std::string appendix = jr::OptionalString(listings[i], "appendix", listing_path);
    if (!appendix.empty()) {
      change.appendix = ParseAppendix(appendix);
      if (!change.appendix) {
        jr::Fail(jr::Path(listing_path, "appendix"), "'" + appendix + "' is not an appendix: use I, II, III or null");
      }
    }
    if (!taxon.listings.empty() && change.from <= taxon.listings.back().from) {
      jr::Fail(jr::Path(listing_path, "from"), FormatDate(change.from) + " is not after the previous change (" +
                                                   FormatDate(taxon.listings.back().from) +
                                                   "): list changes oldest first");
    }
    taxon.listings.push_back(change);
  }
  return taxon;
}
}  // namespace

core::Result<SpeciesRegistry> SpeciesRegistry::FromJson(const nlohmann::json& document) {
  return jr::Catching([&] {
    SpeciesRegistry registry;
    const nlohmann::json& species = jr::Array(document, "species", "");
    for (std::size_t i = 0; i < species.size(); ++i) {
      const std::string path = jr::Path("species", i);
      Taxon taxon = ReadTaxon(species[i], path);
      const std::string name = taxon.scientific_name;
      if (!registry.taxa_.emplace(NormalizedName(name), std::move(taxon)).second) {
        jr::Fail(jr::Path(path, "scientific_name"), "'" + name + "' is listed twice");
      }
    }
    return registry;
  });
}

const Taxon* SpeciesRegistry::Find(std::string_view scientific_name) const {
  const auto it = taxa_.find(NormalizedName(scientific_name));
  return it == taxa_.end() ? nullptr : &it->second;
}

std::optional<ListingOnDate> SpeciesRegistry::ListingOn(std::string_view scientific_name, Date date) const {
  const std::string key = NormalizedName(scientific_name);
  std::optional<ListingOnDate> species_answer;
  if (const Taxon* taxon = Find(key)) {
    species_answer = InForce(*taxon, date);
    if (species_answer->appendix) return species_answer;
  }
  const std::size_t space = key.find(' ');
  if (space != std::string::npos) {
    if (const Taxon* genus = Find(key.substr(0, space) + " spp.")) {
      ListingOnDate genus_answer = InForce(*genus, date);
      if (genus_answer.appendix || !species_answer) return genus_answer;
    }
  }
  return species_answer;
}

}  // namespace greenlane::cites
