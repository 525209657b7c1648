#include "domain/species_plus.h"

#include "domain/json_reader.h"
#include "domain/kingdom.h"

namespace greenlane::cites {

namespace jr = json_reader;

namespace {

std::string EnglishName(const nlohmann::json& concept_json) {
  const auto names = concept_json.find("common_names");
  if (names == concept_json.end() || !names->is_array()) return "";
  for (const auto& name : *names) {
    if (name.is_object() && name.value("language", "") == "EN" && name.contains("name") && name["name"].is_string()) {
      return name["name"].get<std::string>();
    }
  }
  return "";
}

// The strictest current listing and its effective day.
std::optional<std::pair<Appendix, Date>> CurrentListing(const nlohmann::json& concept_json, const std::string& path) {
  const auto listings = concept_json.find("cites_listings");
  if (listings == concept_json.end() || listings->is_null()) return std::nullopt;
  if (!listings->is_array()) jr::Fail(jr::Path(path, "cites_listings"), "must be an array");
  std::optional<std::pair<Appendix, Date>> strictest;
  for (std::size_t i = 0; i < listings->size(); ++i) {
    const std::string listing_path = jr::Path(jr::Path(path, "cites_listings"), i);
    const std::string text = jr::String((*listings)[i], "appendix", listing_path);
    const auto appendix = ParseAppendix(text);
    if (!appendix) jr::Fail(jr::Path(listing_path, "appendix"), "'" + text + "' is not I, II or III");
    const std::string effective = jr::String((*listings)[i], "effective_at", listing_path);
    const auto day = ParseDate(effective.substr(0, 10));
    if (!day) jr::Fail(jr::Path(listing_path, "effective_at"), "'" + effective + "' is not a date");
    if (!strictest || *appendix < strictest->first) strictest = std::pair{*appendix, *day};
  }
  return strictest;
}

}  // namespace

core::Result<SpeciesPlusPage> ParseSpeciesPlusPage(const nlohmann::json& page) {
  return jr::Catching([&] {
    SpeciesPlusPage result;
    if (!page.is_object()) jr::Fail("", "a Species+ page must be a JSON object");
    if (const auto pagination = page.find("pagination"); pagination != page.end() && pagination->is_object()) {
      result.total_entries = pagination->value("total_entries", 0);
    }
    const nlohmann::json& concepts = jr::Array(page, "taxon_concepts", "");
    for (std::size_t i = 0; i < concepts.size(); ++i) {
      const std::string path = jr::Path("taxon_concepts", i);
      const nlohmann::json& concept_json = concepts[i];
      const std::string rank = jr::String(concept_json, "rank", path);
      const std::string status = jr::OptionalString(concept_json, "name_status", path);
      const nlohmann::json* higher = concept_json.contains("higher_taxa") ? &concept_json["higher_taxa"] : nullptr;
      const std::string kingdom =
          higher != nullptr && higher->is_object() ? jr::OptionalString(*higher, "kingdom", path + ".higher_taxa") : "";
      if ((rank != "SPECIES" && rank != "GENUS") || (!status.empty() && status != "A") || !IsKingdom(kingdom)) {
        ++result.skipped;
        continue;
      }
      SpeciesPlusTaxon taxon;
      taxon.scientific_name = jr::String(concept_json, "full_name", path) + (rank == "GENUS" ? " spp." : "");
      taxon.common_name = EnglishName(concept_json);
      taxon.kingdom = kingdom;
      const std::string updated = jr::String(concept_json, "updated_at", path);
      const auto updated_at = core::ParseRfc3339(updated);
      if (!updated_at) jr::Fail(jr::Path(path, "updated_at"), "'" + updated + "' is not an RFC 3339 time");
      taxon.updated_at = *updated_at;
      const bool active = jr::OptionalBool(concept_json, "active", path, true);
      const auto listing = active ? CurrentListing(concept_json, path) : std::nullopt;
      if (listing) {
        taxon.appendix = listing->first;
        taxon.effective = listing->second;
      } else {
        taxon.effective = std::chrono::floor<std::chrono::days>(taxon.updated_at);
      }
      result.taxa.push_back(std::move(taxon));
    }
    return result;
  });
}

std::optional<Taxon> MergeSpeciesPlus(const Taxon* existing, const SpeciesPlusTaxon& update) {
  Taxon merged = existing != nullptr ? *existing : Taxon{};
  const bool names_changed = existing == nullptr || merged.kingdom != update.kingdom ||
                             (!update.common_name.empty() && merged.common_name != update.common_name);
  merged.scientific_name = existing != nullptr ? existing->scientific_name : update.scientific_name;
  if (!update.common_name.empty()) merged.common_name = update.common_name;
  merged.kingdom = update.kingdom;
  const std::optional<Appendix> current = merged.listings.empty() ? std::nullopt : merged.listings.back().appendix;
  const bool listing_changed = current != update.appendix && !(merged.listings.empty() && !update.appendix);
  if (!listing_changed && !names_changed) return std::nullopt;
  if (listing_changed) {
    while (!merged.listings.empty() && merged.listings.back().from >= update.effective) merged.listings.pop_back();
    merged.listings.push_back({update.effective, update.appendix});
  }
  return merged;
}

}  // namespace greenlane::cites
