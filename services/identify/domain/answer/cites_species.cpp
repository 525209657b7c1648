#include "domain/answer/cites_species.h"

#include "domain/rule_support/json_fields.h"

namespace greenlane::identify {

std::string CitesSpeciesTable::AppendixOf(std::string_view species) const {
  if (const auto it = species_.find(species); it != species_.end()) return it->second;
  const auto genus = species.substr(0, species.find(' '));
  if (const auto it = genera_.find(genus); it != genera_.end()) return it->second;
  return {};
}

core::Result<CitesSpeciesTable> LoadCitesSpecies(const nlohmann::json& document) {
  return rule_support::Catching([&] {
    CitesSpeciesTable table;
    const rule_support::ObjectReader root(document, "", {"source", "species", "genera"});
    auto read = [&](const char* list, const char* key, std::map<std::string, std::string, std::less<>>& into) {
      for (const auto& entry : root.Objects(list, {key, "appendix"})) {
        const auto appendix = entry.String("appendix");
        if (appendix != "I" && appendix != "II" && appendix != "III") {
          rule_support::Fail(entry.PathOf("appendix"), "must be \"I\", \"II\" or \"III\"");
        }
        if (!into.emplace(entry.String(key), appendix).second) {
          rule_support::Fail(entry.PathOf(key), "is listed twice");
        }
      }
    };
    read("species", "name", table.species_);
    read("genera", "genus", table.genera_);
    return table;
  });
}

}  // namespace greenlane::identify
