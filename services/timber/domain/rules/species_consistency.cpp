#include "domain/rules/species_consistency.h"

namespace greenlane::timber {

RuleOutcome CheckSpeciesConsistency(const Barcode& child, const std::string& child_species,
                                    const std::vector<LineageParent>& parents) {
  constexpr std::string_view kRule = "lineage.species";
  for (const auto& parent : parents) {
    if (parent.species != child_species) {
      return Reject(kRule, child.text(), child_species, parent.species,
                    child.text() + " is declared as " + child_species + " but its parent " + parent.barcode.text() +
                        " is " + parent.species + "; the species cannot change along the chain, correct the record");
    }
  }
  return Pass(kRule, child.text(), child_species, child_species);
}

}  // namespace greenlane::timber
